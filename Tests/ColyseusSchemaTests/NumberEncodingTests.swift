import ColyseusSchema
import SchemaTestSupport
import Testing

/// The `number` encoding of PROTOCOL.md §8.3.
@Suite("number encoding (§8.3)")
struct NumberEncodingTests {
    /// Both columns of the §8.3 table.
    static let table: [(value: Double, bytes: String)] = [
        (0, "00"), (-1, "ff"),
        (127, "7f"), (-32, "e0"),
        (128, "cc 80"), (-33, "d0 df"),
        (255, "cc ff"), (-128, "d0 80"),
        (256, "cd 0001"), (-129, "d1 7fff"),
        (65535, "cd ffff"), (-32768, "d1 0080"),
        (65536, "ce 00000100"), (-32769, "d2 ff7fffff"),
        (2147483647, "ce ffffff7f"), (-2147483648, "d2 00000080"),
        (2147483648, "ca 0000004f"), (-2147483649, "cb 000020000000e0c1"),
        (4294967295, "cb 0000e0ffffffef41"), (0.5, "ca 0000003f"),
        (11.5, "ca 00003841"), (0.1, "ca cdcccc3d"),
        (1e-7, "ca 95bfd633"), (10000000000.5, "cb 000004205fa00242"),
        (1e39, "cb 1d4a9cf487820748"), (9007199254740991, "cb ffffffffffff3f43"),
        (.nan, "00"), (.infinity, "cb ffffffffffff3f43"), (-.infinity, "cb ffffffffffff3fc3"),
    ]

    /// What the decoder gives back for a value the encoder wrote as `bytes`: NaN was sent as 0,
    /// ±Infinity as ±(2^53 − 1), and a value sent as float32 comes back as that float32.
    static func decodedValue(of value: Double, bytes: [UInt8]) -> Double {
        if value.isNaN { return 0 }
        if value.isInfinite { return value > 0 ? 9007199254740991 : -9007199254740991 }
        if bytes.first == 0xCA { return Double(Float(value)) }
        return value
    }

    @Test("the §8.3 table, as Double", arguments: table.indices)
    func tableAsDouble(_ row: Int) throws {
        let (value, expected) = Self.table[row]
        let bytes = written { $0.number(value) }
        #expect(hex(bytes) == hex(hex(expected)), "num(\(value))")
        let (decoded, offset) = try reading(bytes) { reader throws(SchemaDecodingError) in try reader.number() }
        #expect(offset == bytes.count)
        #expect(decoded == Self.decodedValue(of: value, bytes: bytes), "decoding num(\(value))")
    }

    @Test("the §8.3 table, integer rows as Int")
    func tableAsInt() throws {
        var checked = 0
        for (value, expected) in Self.table where value.isFinite && value.rounded() == value && abs(value) <= 9007199254740991 {
            let bytes = written { $0.number(Int(value)) }
            #expect(hex(bytes) == hex(hex(expected)), "num(\(Int(value)))")
            let (decoded, offset) = try reading(bytes) { reader throws(SchemaDecodingError) in try reader.number() }
            #expect(offset == bytes.count)
            #expect(decoded == Self.decodedValue(of: value, bytes: bytes))
            checked += 1
        }
        #expect(checked == 20)
    }

    @Test("the 33 values of numberEncodings.json, as Double and as Int")
    func vectorValues() throws {
        let vector = try #require(try SchemaVector.cases(inFile: "numberEncodings.json").first)
        let frames = vector.frames.dropFirst()  // frame 0 is the initial full state
        #expect(frames.count == 33)
        for frame in frames {
            let label = String(try #require(frame.description.split(separator: "=").last).dropFirst())
            let value = try #require(Double(label), "value of \(frame.description)")
            let frameBytes = hex(frame.hex)
            try #require(frameBytes.first == 0x80, "\(frame.description): ADD of field 0")
            let expected = Array(frameBytes.dropFirst())

            let bytes = written { $0.number(value) }
            #expect(hex(bytes) == hex(expected), "\(frame.description) as Double")
            if value.isFinite, value.rounded() == value, abs(value) <= 9007199254740991 {
                #expect(hex(written { $0.number(Int(value)) }) == hex(expected), "\(frame.description) as Int")
            }

            let (decoded, offset) = try reading(expected) { reader throws(SchemaDecodingError) in try reader.number() }
            #expect(offset == expected.count)
            #expect(decoded == Self.decodedValue(of: value, bytes: expected), "decoding \(frame.description)")
            #expect(decoded == frame.decoded["n"]?.number, "the vector's decoded value for \(frame.description)")
        }
    }

    @Test("-0 encodes as 00")
    func negativeZero() {
        #expect(written { $0.number(-0.0) } == [0x00])
    }

    @Test("decoder-only forms cf (uint64) and d3 (int64)")
    func wideIntegers() throws {
        let cases: [(String, Double)] = [
            ("cf 00000000 00000000", 0),
            ("cf 01000000 02000000", 2 * 4294967296 + 1),
            ("cf ffffffff 00000000", 4294967295),
            ("cf ffffffff ffff1f00", 9007199254740991),
            ("cf ffffffff ffffffff", 18446744073709551616),  // 2^64 − 1, rounded to the nearest Double
            ("d3 ffffffff ffffffff", -1),
            ("d3 00000000 feffffff", -2 * 4294967296),
            ("d3 01000000 0000e0ff", -9007199254740991),
            ("d3 35fb048e e0feffff", -1234567890123),
            ("d3 ffffffff ffff1f00", 9007199254740991),
        ]
        for (bytes, value) in cases {
            let (decoded, offset) = try reading(hex(bytes)) { reader throws(SchemaDecodingError) in try reader.number() }
            #expect(decoded == value, "\(bytes)")
            #expect(offset == 9)
        }
    }

    @Test("every other first byte yields 0 and consumes one byte")
    func noValue() throws {
        let handled = Set<UInt8>(0x00...0x7F).union(0xE0...0xFF).union(0xCA...0xD3)
        let others = (UInt8.min...UInt8.max).filter { !handled.contains($0) }
        #expect(others.count == 256 - 128 - 32 - 10)
        for byte in others {
            // Followed by bytes that would be a payload if the prefix were read as one.
            let (decoded, offset) = try reading([byte, 0x7F, 0x7F, 0x7F, 0x7F]) { reader throws(SchemaDecodingError) in try reader.number() }
            #expect(decoded == 0, "prefix \(hex([byte]))")
            #expect(offset == 1, "prefix \(hex([byte]))")
        }
    }

    @Test("fixints, both ranges")
    func fixints() throws {
        for value in -32...127 {
            let bytes = written { $0.number(value) }
            #expect(bytes == [UInt8(truncatingIfNeeded: value)])
            #expect(written { $0.number(Double(value)) } == bytes)
            #expect(try reading(bytes) { reader throws(SchemaDecodingError) in try reader.number() }.value == Double(value))
        }
    }

    @Test("Int and Double encoders agree at the range boundaries")
    func boundaries() throws {
        let values: [Int] = [
            -9007199254740991, -4294967296, -2147483649, -2147483648, -2147483647, -32769, -32768, -32767,
            -129, -128, -127, -33, -32, -31, 126, 127, 128, 254, 255, 256, 65534, 65535, 65536,
            2147483646, 2147483647, 2147483648, 4294967295, 4294967296, 9007199254740991,
        ]
        for value in values {
            let bytes = written { $0.number(value) }
            #expect(bytes == written { $0.number(Double(value)) }, "num(\(value))")
            let decoded = try reading(bytes) { reader throws(SchemaDecodingError) in try reader.number() }.value
            #expect(decoded == Self.decodedValue(of: Double(value), bytes: bytes), "num(\(value))")
        }
    }
}
