import ColyseusSchema
import Testing

/// Every `ByteReader` method on truncated input throws `.truncated` naming where the read stopped.
@Suite("ByteReader errors")
struct ByteReaderErrorTests {
    /// A reader method, a complete encoding of one value, and what it expects at each cut.
    struct Method: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: String
        let read: @Sendable (inout ByteReader) throws(SchemaDecodingError) -> Void
        /// The error for the encoding cut after `length` bytes (the value starting at offset `base`).
        let error: @Sendable (_ length: Int, _ base: Int) -> SchemaDecodingError
        var testDescription: String { "\(name) \(bytes)" }
    }

    static func fixed(_ name: String, _ size: Int, _ read: @escaping @Sendable (inout ByteReader) throws(SchemaDecodingError) -> Void) -> Method {
        Method(name: name, bytes: String(repeating: "11", count: size), read: read) { _, base in
            .truncated(offset: base, expected: size == 1 ? "a byte" : name)
        }
    }

    static let fixedMethods: [Method] = [
        fixed("byte", 1) { reader throws(SchemaDecodingError) in _ = try reader.byte() },
        fixed("boolean", 1) { reader throws(SchemaDecodingError) in _ = try reader.boolean() },
        fixed("int8", 1) { reader throws(SchemaDecodingError) in _ = try reader.int8() },
        fixed("uint8", 1) { reader throws(SchemaDecodingError) in _ = try reader.uint8() },
        fixed("int16", 2) { reader throws(SchemaDecodingError) in _ = try reader.int16() },
        fixed("uint16", 2) { reader throws(SchemaDecodingError) in _ = try reader.uint16() },
        fixed("int32", 4) { reader throws(SchemaDecodingError) in _ = try reader.int32() },
        fixed("uint32", 4) { reader throws(SchemaDecodingError) in _ = try reader.uint32() },
        fixed("int64", 8) { reader throws(SchemaDecodingError) in _ = try reader.int64() },
        fixed("uint64", 8) { reader throws(SchemaDecodingError) in _ = try reader.uint64() },
        fixed("float32", 4) { reader throws(SchemaDecodingError) in _ = try reader.float32() },
        fixed("float64", 8) { reader throws(SchemaDecodingError) in _ = try reader.float64() },
    ]

    static func numberMethod(_ prefix: String, _ payload: Int) -> Method {
        Method(name: "number", bytes: prefix + String(repeating: "22", count: payload), read: { reader throws(SchemaDecodingError) in _ = try reader.number() }) { length, base in
            numberError(length: length, base: base, payload: payload, prefix: prefix)
        }
    }

    static func indexMethod(_ prefix: String, _ payload: Int) -> Method {
        Method(name: "index", bytes: prefix + String(repeating: "00", count: payload), read: { reader throws(SchemaDecodingError) in _ = try reader.index() }) { length, base in
            numberError(length: length, base: base, payload: payload, prefix: prefix)
        }
    }

    static func stringMethod(_ bytes: String, error: @escaping @Sendable (Int, Int) -> SchemaDecodingError) -> Method {
        Method(name: "string", bytes: bytes, read: { reader throws(SchemaDecodingError) in _ = try reader.string() }, error: error)
    }

    static let stringMethods: [Method] = [
        stringMethod("a3 616263") { length, base in
            length == 0 ? .truncated(offset: base, expected: "a byte") : .truncated(offset: base + 1, expected: "3 string bytes")
        },
        stringMethod("d9 03 616263") { length, base in
            length < 2 ? .truncated(offset: base + length, expected: "a byte") : .truncated(offset: base + 2, expected: "3 string bytes")
        },
        stringMethod("da 0300 616263") { length, base in
            if length == 0 { return .truncated(offset: base, expected: "a byte") }
            return length < 3 ? .truncated(offset: base + 1, expected: "uint16") : .truncated(offset: base + 3, expected: "3 string bytes")
        },
        stringMethod("db 03000000 616263") { length, base in
            if length == 0 { return .truncated(offset: base, expected: "a byte") }
            return length < 5 ? .truncated(offset: base + 1, expected: "uint32") : .truncated(offset: base + 5, expected: "3 string bytes")
        },
    ]

    static let methods: [Method] = fixedMethods
        + numberForms.map { numberMethod($0.0, $0.1) }
        + numberForms.map { indexMethod($0.0, $0.1) }
        + stringMethods

    /// Number prefixes with a payload, and the payload size.
    static let numberForms: [(String, Int)] = [
        ("ca", 4), ("cb", 8), ("cc", 1), ("cd", 2), ("ce", 4), ("cf", 8), ("d0", 1), ("d1", 2), ("d2", 4), ("d3", 8),
    ]

    static func numberError(length: Int, base: Int, payload: Int, prefix: String) -> SchemaDecodingError {
        if length == 0 { return .truncated(offset: base, expected: "a byte") }
        let name: String
        switch prefix {
        case "ca": name = "float32"
        case "cb": name = "float64"
        case "cc", "d0": name = "a byte"
        case "cd": name = "uint16"
        case "d1": name = "int16"
        case "ce": name = "uint32"
        case "d2": name = "int32"
        // cf / d3: a low uint32, then a high uint32 / int32.
        case "cf": return length < 5 ? .truncated(offset: base + 1, expected: "uint32") : .truncated(offset: base + 5, expected: "uint32")
        default: return length < 5 ? .truncated(offset: base + 1, expected: "uint32") : .truncated(offset: base + 5, expected: "int32")
        }
        return .truncated(offset: base + 1, expected: name)
    }

    @Test("every cut of a value throws .truncated", arguments: methods)
    func truncated(_ method: Method) throws {
        let full = hex(method.bytes)
        // The value is read after three bytes of other content, so offsets are absolute.
        let base = 3
        let padding: [UInt8] = [0xEE, 0xEE, 0xEE]
        _ = try reading(padding + full, from: base) { reader throws(SchemaDecodingError) in try method.read(&reader) }
        for length in 0..<full.count {
            #expect(throws: method.error(length, base), "\(method.name) cut after \(length) bytes") {
                try reading(padding + full.prefix(length), from: base) { reader throws(SchemaDecodingError) in try method.read(&reader) }
            }
        }
    }

    @Test("a reader past the end throws instead of reading")
    func pastTheEnd() {
        #expect(throws: SchemaDecodingError.truncated(offset: 5, expected: "a byte")) {
            try reading([1, 2], from: 5) { reader throws(SchemaDecodingError) in try reader.byte() }
        }
        #expect(throws: SchemaDecodingError.truncated(offset: 5, expected: "int32")) {
            try reading([1, 2], from: 5) { reader throws(SchemaDecodingError) in try reader.int32() }
        }
    }

    @Test("index() rejects negative, fractional, non-finite and too large numbers")
    func invalidIndexes() throws {
        let invalid: [String] = [
            "ff",  // -1
            "e0",  // -32
            "d0 80",  // -128
            "d2 00000080",  // -2^31
            "ca 0000003f",  // 0.5
            "cb 000004205fa00242",  // 10000000000.5
            "cb 000000000000f87f",  // NaN
            "cb 000000000000f07f",  // +Infinity
            "cb 0000000000005043",  // 2^54: beyond the exact integers of a Double
            "cf 00000000 00004000",  // 2^54 as uint64
        ]
        for bytes in invalid {
            let input = [0x00] + hex(bytes)
            #expect(throws: SchemaDecodingError.unexpectedByte(input[1], offset: 1, expected: "a non-negative integer index"), "index \(bytes)") {
                try reading(input, from: 1) { reader throws(SchemaDecodingError) in try reader.index() }
            }
        }
        let valid: [(String, Int)] = [("00", 0), ("7f", 127), ("cc 80", 128), ("ce ffffffff", 4294967295), ("ca 0000004f", 2147483648), ("cf 01000000 01000000", 4294967297), ("c1", 0)]
        for (bytes, value) in valid {
            #expect(try reading(hex(bytes)) { reader throws(SchemaDecodingError) in try reader.index() }.value == value, "index \(bytes)")
        }
    }

    @Test("peek and isAtEnd do not consume")
    func peek() throws {
        let (result, offset) = try reading([0x2A]) { reader throws(SchemaDecodingError) in
            let before = (reader.peek(), reader.isAtEnd)
            _ = try reader.byte()
            return (before, reader.peek(), reader.isAtEnd)
        }
        #expect(result.0.0 == 0x2A && result.0.1 == false)
        #expect(result.1 == nil && result.2 == true)
        #expect(offset == 1)
    }
}
