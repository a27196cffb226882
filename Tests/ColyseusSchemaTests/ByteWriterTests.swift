import ColyseusSchema
import Testing

@Suite("ByteWriter storage")
struct ByteWriterTests {
    /// Appends a deterministic mix of every encoder to `writer` and to the expected bytes.
    private func writeMix(_ round: Int, into writer: inout ByteWriter) -> [UInt8] {
        let text = String(repeating: "é", count: round % 40)
        let expected = written { mini in
            mini.byte(UInt8(truncatingIfNeeded: round))
            mini.number(round * 7919 - 100_000)
            mini.number(Double(round) + 0.5)
            mini.string(text)
            mini.int16(Int16(truncatingIfNeeded: round))
            mini.uint64(UInt64(round) &* 0x9E37_79B9_7F4A_7C15)
            mini.float64(Double(round) / 3)
        }
        writer.byte(UInt8(truncatingIfNeeded: round))
        writer.number(round * 7919 - 100_000)
        writer.number(Double(round) + 0.5)
        writer.string(text)
        writer.int16(Int16(truncatingIfNeeded: round))
        writer.uint64(UInt64(round) &* 0x9E37_79B9_7F4A_7C15)
        writer.float64(Double(round) / 3)
        return expected
    }

    @Test("writing far beyond the initial capacity keeps every byte")
    func growth() {
        var writer = ByteWriter(initialCapacity: 1)
        var expected: [UInt8] = []
        for round in 0..<5000 {
            expected += writeMix(round, into: &writer)
            #expect(writer.count == expected.count)
        }
        #expect(expected.count > 200_000)
        #expect(writer.bytes == expected)
        #expect(writer.bytes(from: 100_000) == Array(expected[100_000...]))
    }

    @Test("single values larger than the whole buffer")
    func largeValues() {
        var writer = ByteWriter(initialCapacity: 16)
        let big = String(repeating: "z", count: 100_000)
        writer.byte(0x42)
        writer.string(big)
        writer.append(contentsOf: repeatElement(UInt8(0x07), count: 70_000))
        let bytes = writer.bytes
        #expect(bytes.count == 1 + 5 + 100_000 + 70_000)
        #expect(bytes[0] == 0x42)
        #expect(Array(bytes[1...5]) == [0xDB, 0xA0, 0x86, 0x01, 0x00])
        #expect(bytes[6..<100_006].allSatisfy { $0 == UInt8(ascii: "z") })
        #expect(bytes[100_006...].allSatisfy { $0 == 0x07 })
    }

    @Test("removeAll() forgets the content and keeps the storage")
    func removeAllKeepsCapacity() {
        var writer = ByteWriter(initialCapacity: 16)
        writer.append(contentsOf: repeatElement(UInt8(1), count: 100_000))
        let grownBase = writer.withBytes { $0.baseAddress }
        writer.removeAll()
        #expect(writer.count == 0)
        #expect(writer.bytes.isEmpty)
        // Refilling up to the size reached before needs no new storage.
        writer.append(contentsOf: repeatElement(UInt8(2), count: 100_000))
        #expect(writer.withBytes { $0.baseAddress } == grownBase)
        #expect(writer.count == 100_000)
        #expect(writer.bytes.allSatisfy { $0 == 2 })
    }

    @Test("truncate(to:) shrinks the content; writing continues from there")
    func truncate() {
        var writer = ByteWriter(initialCapacity: 16)
        writer.string("hello")
        writer.number(300)
        writer.truncate(to: 6)
        #expect(hex(writer.bytes) == "a568656c6c6f")
        writer.number(1)
        #expect(hex(writer.bytes) == "a568656c6c6f01")
    }
}
