import ColyseusSchema
import Testing

/// The fixed-width primitives of PROTOCOL.md §8.2 (example column): little-endian, low bits kept.
@Suite("fixed-width primitives (§8.2)")
struct FixedWidthTests {
    private func expectRoundTrip<T: Equatable>(
        _ label: String, _ expected: String, write: (inout ByteWriter) -> Void,
        read: (inout ByteReader) throws(SchemaDecodingError) -> T, equals value: T,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let bytes = written(write)
        #expect(hex(bytes) == hex(hex(expected)), "\(label)", sourceLocation: sourceLocation)
        let (decoded, offset) = try reading(bytes, read)
        #expect(decoded == value, "\(label) read back", sourceLocation: sourceLocation)
        #expect(offset == bytes.count, sourceLocation: sourceLocation)
    }

    @Test func string() throws {
        try expectRoundTrip("\"Bob\"", "a3 426f62", write: { $0.string("Bob") }, read: { reader throws(SchemaDecodingError) in try reader.string() }, equals: "Bob")
    }

    @Test func number() throws {
        try expectRoundTrip("11.5", "ca 00003841", write: { $0.number(11.5) }, read: { reader throws(SchemaDecodingError) in try reader.number() }, equals: 11.5)
    }

    @Test func boolean() throws {
        try expectRoundTrip("true", "01", write: { $0.boolean(true) }, read: { reader throws(SchemaDecodingError) in try reader.boolean() }, equals: true)
        try expectRoundTrip("false", "00", write: { $0.boolean(false) }, read: { reader throws(SchemaDecodingError) in try reader.boolean() }, equals: false)
        // The decoder takes any non-zero byte as true.
        for byte: UInt8 in [0x02, 0x80, 0xFF] {
            #expect(try reading([byte]) { reader throws(SchemaDecodingError) in try reader.boolean() }.value == true)
        }
    }

    @Test func eightBit() throws {
        try expectRoundTrip("int8 -1", "ff", write: { $0.int8(-1) }, read: { reader throws(SchemaDecodingError) in try reader.int8() }, equals: -1)
        try expectRoundTrip("uint8 300", "2c", write: { $0.uint8(UInt8(truncatingIfNeeded: 300)) }, read: { reader throws(SchemaDecodingError) in try reader.uint8() }, equals: 44)
        try expectRoundTrip("int8 -128", "80", write: { $0.int8(-128) }, read: { reader throws(SchemaDecodingError) in try reader.int8() }, equals: -128)
    }

    @Test func sixteenBit() throws {
        try expectRoundTrip("int16 -2", "feff", write: { $0.int16(-2) }, read: { reader throws(SchemaDecodingError) in try reader.int16() }, equals: -2)
        try expectRoundTrip("uint16 70000", "7011", write: { $0.uint16(UInt16(truncatingIfNeeded: 70000)) }, read: { reader throws(SchemaDecodingError) in try reader.uint16() }, equals: 4464)
        try expectRoundTrip("int16 0x0102", "0201", write: { $0.int16(0x0102) }, read: { reader throws(SchemaDecodingError) in try reader.int16() }, equals: 0x0102)
    }

    @Test func thirtyTwoBit() throws {
        try expectRoundTrip("int32 -2", "feffffff", write: { $0.int32(-2) }, read: { reader throws(SchemaDecodingError) in try reader.int32() }, equals: -2)
        try expectRoundTrip("uint32 4294967295", "ffffffff", write: { $0.uint32(4294967295) }, read: { reader throws(SchemaDecodingError) in try reader.uint32() }, equals: 4294967295)
        try expectRoundTrip("uint32 0x01020304", "04030201", write: { $0.uint32(0x01020304) }, read: { reader throws(SchemaDecodingError) in try reader.uint32() }, equals: 0x01020304)
    }

    @Test func sixtyFourBit() throws {
        try expectRoundTrip("int64 -1", "ffffffffffffffff", write: { $0.int64(-1) }, read: { reader throws(SchemaDecodingError) in try reader.int64() }, equals: -1)
        try expectRoundTrip("int64 -1234567890123", "35fb048ee0feffff", write: { $0.int64(-1234567890123) }, read: { reader throws(SchemaDecodingError) in try reader.int64() }, equals: -1234567890123)
        try expectRoundTrip("int64 2^53-1", "ffffffffffff1f00", write: { $0.int64(9007199254740991) }, read: { reader throws(SchemaDecodingError) in try reader.int64() }, equals: 9007199254740991)
        try expectRoundTrip("uint64 1234567890123", "cb04fb711f010000", write: { $0.uint64(1234567890123) }, read: { reader throws(SchemaDecodingError) in try reader.uint64() }, equals: 1234567890123)
        // bigint64 / biguint64 share the int64 / uint64 writers.
        try expectRoundTrip("bigint64 -1n", "ffffffffffffffff", write: { $0.int64(-1) }, read: { reader throws(SchemaDecodingError) in try reader.int64() }, equals: -1)
        try expectRoundTrip("biguint64 2^64-1", "ffffffffffffffff", write: { $0.uint64(.max) }, read: { reader throws(SchemaDecodingError) in try reader.uint64() }, equals: .max)
    }

    @Test func floats() throws {
        try expectRoundTrip("float32 0.1", "cdcccc3d", write: { $0.float32(0.1) }, read: { reader throws(SchemaDecodingError) in try reader.float32() }, equals: Float(0.1))
        try expectRoundTrip("float64 0.1", "9a9999999999b93f", write: { $0.float64(0.1) }, read: { reader throws(SchemaDecodingError) in try reader.float64() }, equals: 0.1)
        try expectRoundTrip("float64 -0", "0000000000000080", write: { $0.float64(-0.0) }, read: { reader throws(SchemaDecodingError) in try reader.float64() }, equals: -0.0)
        let nan = written { $0.float64(.nan) }
        #expect(try reading(nan) { reader throws(SchemaDecodingError) in try reader.float64() }.value.isNaN)
    }

    @Test("values read in sequence from one buffer, at unaligned offsets")
    func sequence() throws {
        let bytes = written { writer in
            writer.uint8(7)
            writer.int16(-300)
            writer.uint32(0xDEADBEEF)
            writer.int64(-5)
            writer.float32(1.5)
            writer.float64(-2.25)
            writer.boolean(true)
        }
        #expect(hex(bytes) == "07d4feefbeaddefbffffffffffffff0000c03f00000000000002c001")
        let (values, offset) = try reading(bytes) { reader throws(SchemaDecodingError) in
            (try reader.uint8(), try reader.int16(), try reader.uint32(), try reader.int64(), try reader.float32(), try reader.float64(), try reader.boolean())
        }
        #expect(values.0 == 7 && values.1 == -300 && values.2 == 0xDEADBEEF && values.3 == -5)
        #expect(values.4 == 1.5 && values.5 == -2.25 && values.6)
        #expect(offset == bytes.count)
    }
}
