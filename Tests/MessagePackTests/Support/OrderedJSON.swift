/// A JSON document that keeps object members in file order (the vectors' `decoded` objects are in record key order,
/// which `JSONDecoder` would lose). Integers without fraction or exponent stay exact.
indirect enum OrderedJSON: Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([OrderedJSON])
    case object([Member])

    struct Member: Equatable {
        let key: String
        let value: OrderedJSON
    }

    /// The member `key`, when this is an object that has it.
    subscript(key: String) -> OrderedJSON? {
        if case let .object(members) = self { members.first { $0.key == key }?.value } else { nil }
    }

    var stringValue: String? { if case let .string(text) = self { text } else { nil } }
    var arrayValue: [OrderedJSON]? { if case let .array(elements) = self { elements } else { nil } }

    struct SyntaxError: Error, CustomStringConvertible {
        let offset: Int
        var description: String { "JSON syntax error at byte \(offset)" }
    }

    /// Parses a whole document.
    static func parse(_ text: String) throws -> OrderedJSON {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else { throw SyntaxError(offset: parser.position) }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == byte else { throw SyntaxError(offset: position) }
            position += 1
        }

        mutating func consume(_ word: String) -> Bool {
            let word = Array(word.utf8)
            guard bytes[position...].starts(with: word) else { return false }
            position += word.count
            return true
        }

        mutating func value() throws -> OrderedJSON {
            skipWhitespace()
            guard position < bytes.count else { throw SyntaxError(offset: position) }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                var members: [Member] = []
                skipWhitespace()
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                repeat {
                    skipWhitespace()
                    let key = try string()
                    try expect(UInt8(ascii: ":"))
                    members.append(Member(key: key, value: try value()))
                    skipWhitespace()
                } while consume(",")
                try expect(UInt8(ascii: "}"))
                return .object(members)
            case UInt8(ascii: "["):
                position += 1
                var elements: [OrderedJSON] = []
                skipWhitespace()
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
                repeat {
                    elements.append(try value())
                    skipWhitespace()
                } while consume(",")
                try expect(UInt8(ascii: "]"))
                return .array(elements)
            case UInt8(ascii: "\""):
                return .string(try string())
            default:
                if consume("null") { return .null }
                if consume("true") { return .bool(true) }
                if consume("false") { return .bool(false) }
                return try number()
            }
        }

        mutating func number() throws -> OrderedJSON {
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start ..< position], as: UTF8.self)
            if let integer = Int64(text) { return .integer(integer) }
            guard let number = Double(text) else { throw SyntaxError(offset: start) }
            return .number(number)
        }

        mutating func string() throws -> String {
            guard bytes[position] == UInt8(ascii: "\"") else { throw SyntaxError(offset: position) }
            position += 1
            var utf16: [UInt16] = []
            while true {
                guard position < bytes.count else { throw SyntaxError(offset: position) }
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: utf16, as: UTF16.self)
                case UInt8(ascii: "\\"):
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "u"):
                        let digits = String(decoding: bytes[position ..< position + 4], as: UTF8.self)
                        guard let unit = UInt16(digits, radix: 16) else { throw SyntaxError(offset: position) }
                        utf16.append(unit)
                        position += 4
                    case UInt8(ascii: "n"): utf16.append(0x0A)
                    case UInt8(ascii: "t"): utf16.append(0x09)
                    case UInt8(ascii: "r"): utf16.append(0x0D)
                    case UInt8(ascii: "b"): utf16.append(0x08)
                    case UInt8(ascii: "f"): utf16.append(0x0C)
                    default: utf16.append(UInt16(escape))
                    }
                default:
                    // Copy a whole UTF-8 sequence, re-encoded as UTF-16.
                    var end = position
                    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                    utf16.append(contentsOf: String(decoding: bytes[position - 1 ..< end], as: UTF8.self).utf16)
                    position = end
                }
            }
        }
    }
}
