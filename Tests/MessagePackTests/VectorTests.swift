import MessagePack
import Testing

/// Every case of Tests/Fixtures/vectors/protocol/session-msgpack.json.
@Suite("session-msgpack.json vectors")
struct VectorTests {
    static var packed: [MessagePackVectors.Packed] { get throws { try MessagePackVectors.load().packed } }
    static var packedWithServerBytes: [MessagePackVectors.Packed] { get throws { try packed.filter { $0.server != nil } } }
    static var foreign: [MessagePackVectors.Foreign] { get throws { try MessagePackVectors.load().foreign } }

    /// The two reference outputs a `MessagePackValue` cannot reproduce (see `MessagePackWriter.Format`), with what the
    /// reference-compatible writer gives instead.
    static let unreproducible: [String: String] = [
        // A BigInt within ±2^53 is the number 1 to a MessagePackValue; the reference writes BigInts as int64.
        "BigInt 1n \u{2014} int64 (d3)": "01",
        // A JS Map is an ordinary map to a MessagePackValue; the reference writes Maps (not objects) in the smallest form.
        "Map {a:1} \u{2014} JS Map packs as a plain msgpack map (no record)": "de0001a16101",
    ]

    @Test func fileHasTheExpectedCases() throws {
        let packed = try Self.packed
        #expect(packed.count == 50)
        #expect(try Self.packedWithServerBytes.count == 49)
        #expect(try Self.foreign.count == 16)
        #expect(Self.unreproducible.keys.allSatisfy { key in packed.contains { $0.description == key } })
    }

    @Test("sdkHex decodes to decoded", arguments: try packed)
    func sdkBytes(_ vector: MessagePackVectors.Packed) throws {
        let value = try MessagePackValue(decoding: vector.sdk)
        #expect(jsNormalized(value) == jsNormalized(vector.decoded))
    }

    @Test("serverHex decodes to decoded", arguments: try packedWithServerBytes)
    func serverBytes(_ vector: MessagePackVectors.Packed) throws {
        let value = try MessagePackValue(decoding: vector.server!)
        #expect(jsNormalized(value) == jsNormalized(vector.decoded))
    }

    @Test("decoded, written reference-compatible, is serverHex", arguments: try packedWithServerBytes)
    func referenceOutput(_ vector: MessagePackVectors.Packed) {
        let expected = Self.unreproducible[vector.description] ?? hex(vector.server!)
        #expect(written(vector.decoded, .referenceCompatible) == expected)
    }

    @Test("decoded, written compact, reads back unchanged", arguments: try packed)
    func compactRoundTrip(_ vector: MessagePackVectors.Packed) throws {
        var writer = MessagePackWriter()
        writer.write(vector.decoded)
        #expect(try MessagePackValue(decoding: writer.bytes) == vector.decoded)
    }

    @Test("foreign bytes decode as the reference server reads them, or fail as it does", arguments: try foreign)
    func foreignBytes(_ vector: MessagePackVectors.Foreign) throws {
        if let expected = vector.decoded {
            let value = try MessagePackValue(decoding: vector.bytes)
            #expect(jsNormalized(value) == jsNormalized(expected))
        } else {
            #expect(vector.error != nil)
            #expect(decodingError(vector.bytes) != nil)
        }
    }

    /// The wire forms the SDK and the server use decode to exactly these values (not only equal as JS numbers).
    @Test func exactDecodedValues() throws {
        #expect(try decode("cb41f0000000000000") == .double(4_294_967_296))
        #expect(try decode("cc40") == .int(64))
        #expect(try decode("cfffffffffffffffff") == .uint(.max))
        #expect(try decode("d30000000000000001") == .int(1))
        #expect(try decode("cf0000000100000000") == .int(4_294_967_296))
        #expect(try decode("d3ffffffffffffffff") == .int(-1))
        #expect(try decode("ca3fc00000") == .float(1.5))
        #expect(try decode("d40000") == .undefined)
        #expect(try decode("d6ff65920080") == .timestamp(MessagePackTimestamp(seconds: 1_704_067_200)))
        #expect(try decode("d7ff1d53530065920080") == .timestamp(MessagePackTimestamp(seconds: 1_704_067_200, nanoseconds: 123_000_000)))
        #expect(try decode("d4724092a178a1790102") == ["x": 1, "y": 2])
    }

    /// The three errors of the foreign cases, with where they are found.
    @Test func foreignErrors() {
        #expect(decodingError("d40101") == MessagePackError(.unknownExtension(type: 1), at: 0))
        #expect(decodingError("0102") == MessagePackError(.trailingBytes(count: 1), at: 1))
        #expect(decodingError("92") == MessagePackError(.truncated(needed: 2, available: 0), at: 1))
    }
}
