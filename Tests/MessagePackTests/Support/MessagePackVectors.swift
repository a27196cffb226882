import Foundation
import MessagePack
import SchemaTestSupport
import Testing

/// `Tests/Fixtures/vectors/protocol/session-msgpack.json`: ROOM_DATA payloads as the JS SDK and the reference server write
/// them, and foreign encodings with what the reference server reads from them.
struct MessagePackVectors {
    /// A value as the SDK packs it (`sdkHex`, with records) and the server packs it (`serverHex`, map16; absent for
    /// the 66-shape case, which is about records).
    struct Packed: CustomTestStringConvertible, Sendable {
        let description: String
        let sdk: [UInt8]
        let server: [UInt8]?
        /// `decoded`, as the value msgpackr holds after reading (see ``jsValue(_:)``).
        let decoded: MessagePackValue
        var testDescription: String { description }
    }

    /// Bytes from another encoder, and what they decode to or the reference server's error.
    struct Foreign: CustomTestStringConvertible, Sendable {
        let description: String
        let bytes: [UInt8]
        let decoded: MessagePackValue?
        let error: String?
        var testDescription: String { description }
    }

    let packed: [Packed]
    let foreign: [Foreign]

    private static let loaded = Result { try parse(Fixtures.data("vectors/protocol/session-msgpack.json")) }

    /// The file's vectors; throws a ``FixtureError`` naming the file when it is missing or malformed.
    static func load() throws -> MessagePackVectors { try loaded.get() }

    private static func parse(_ data: Data) throws -> MessagePackVectors {
        let path = Fixtures.url("vectors/protocol/session-msgpack.json").path
        func malformed(_ what: String) -> FixtureError { FixtureError(path: path, reason: "is malformed: \(what)") }
        func member(_ json: OrderedJSON, _ key: String) throws -> OrderedJSON {
            guard let value = json[key] else { throw malformed("no \"\(key)\" member") }
            return value
        }
        func string(_ json: OrderedJSON, _ key: String) throws -> String {
            guard let text = try member(json, key).stringValue else { throw malformed("\"\(key)\" is not a string") }
            return text
        }
        func array(_ json: OrderedJSON, _ key: String) throws -> [OrderedJSON] {
            guard let elements = try member(json, key).arrayValue else { throw malformed("\"\(key)\" is not an array") }
            return elements
        }
        let json: OrderedJSON
        do {
            json = try OrderedJSON.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw malformed("\(error)")
        }
        return MessagePackVectors(
            packed: try array(json, "packed").map { item in
                Packed(
                    description: try string(item, "description"),
                    sdk: hex(try string(item, "sdkHex")),
                    server: item["serverHex"] == nil ? nil : hex(try string(item, "serverHex")),
                    decoded: jsValue(try member(item, "decoded"))
                )
            },
            foreign: try array(json, "foreign").map { item in
                Foreign(
                    description: try string(item, "description"),
                    bytes: hex(try string(item, "hex")),
                    decoded: item["decoded"].map(jsValue),
                    error: item["error"]?.stringValue
                )
            }
        )
    }

    /// The value a vector's JSON stands for. The notes of the file: `<undefined>`, `<bin hex>`, `<NaN>`, `<Infinity>`
    /// and `Nn` (BigInt) are placeholders, dates are ISO strings. Integers become `.int` (`.uint` above `Int64.max`),
    /// other numbers `.double`.
    static func jsValue(_ json: OrderedJSON) -> MessagePackValue {
        switch json {
        case .null: return .nil
        case let .bool(value): return .bool(value)
        case let .integer(value): return .int(value)
        case let .number(value): return .double(value)
        case let .array(elements): return .array(elements.map(jsValue))
        case let .object(members): return .map(members.map { (key: .string($0.key), value: jsValue($0.value)) })
        case let .string(text):
            if text == "<undefined>" { return .undefined }
            if text == "<NaN>" { return .double(.nan) }
            if text == "<Infinity>" { return .double(.infinity) }
            if text.hasPrefix("<bin "), text.hasSuffix(">") { return .binary(hex(String(text.dropFirst(5).dropLast()))) }
            if text.hasSuffix("n"), let integer = Int64(text.dropLast()) { return .int(integer) }
            if text.hasSuffix("n"), let integer = UInt64(text.dropLast()) { return .uint(integer) }
            if let timestamp = isoTimestamp(text) { return .timestamp(timestamp) }
            return .string(text)
        }
    }

    /// `yyyy-mm-ddThh:mm:ss.mmmZ`, as JS `Date.toISOString()` writes.
    static func isoTimestamp(_ text: String) -> MessagePackTimestamp? {
        let parts = text.split(whereSeparator: { "-T:.Z".contains($0) }).map { Int64($0) }
        guard text.hasSuffix("Z"), parts.count == 7, parts.allSatisfy({ $0 != nil }) else { return nil }
        let (year, month, day) = (parts[0]!, parts[1]!, parts[2]!)
        // Days from 1970-01-01 to the date (proleptic Gregorian calendar, Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86400 + parts[3]! * 3600 + parts[4]! * 60 + parts[5]!
        return MessagePackTimestamp(seconds: seconds, nanoseconds: UInt32(parts[6]!) * 1_000_000)
    }
}
