import MessagePack
import Testing

/// The layouts of `MessagePackWriter` in both formats.
@Suite("MessagePackWriter")
struct WriterTests {
    static let integers: [(value: MessagePackValue, compact: String, reference: String)] = [
        (0, "00", "00"), (63, "3f", "3f"), (64, "40", "40"), (127, "7f", "7f"), (128, "cc80", "cc80"), (255, "ccff", "ccff"),
        (256, "cd0100", "cd0100"), (65535, "cdffff", "cdffff"), (65536, "ce00010000", "ce00010000"),
        (4_294_967_295, "ceffffffff", "ceffffffff"),
        (4_294_967_296, "cf0000000100000000", "cb41f0000000000000"),
        (9_007_199_254_740_992, "cf0020000000000000", "cb4340000000000000"),
        (9_007_199_254_740_993, "cf0020000000000001", "d30020000000000001"),
        (.int(.max), "cf7fffffffffffffff", "d37fffffffffffffff"),
        (.uint(.max), "cfffffffffffffffff", "cfffffffffffffffff"),
        (-1, "ff", "ff"), (-32, "e0", "e0"), (-33, "d0df", "d0df"), (-128, "d080", "d080"), (-129, "d1ff7f", "d1ff7f"),
        (-32768, "d18000", "d18000"), (-32769, "d2ffff7fff", "d2ffff7fff"), (-2_147_483_648, "d280000000", "d280000000"),
        (-2_147_483_649, "d3ffffffff7fffffff", "cbc1e0000000200000"),
        (-9_007_199_254_740_992, "d3ffe0000000000000", "cbc340000000000000"),
        (-9_007_199_254_740_993, "d3ffdfffffffffffff", "d3ffdfffffffffffff"),
        (.int(.min), "d38000000000000000", "d38000000000000000"),
    ]

    static let floats: [(value: MessagePackValue, compact: String, reference: String)] = [
        (3.0, "cb4008000000000000", "03"),
        (.double(-0.0), "cb8000000000000000", "00"),
        (1.5, "cb3ff8000000000000", "cb3ff8000000000000"),
        (4_294_967_295.0, "cb41efffffffe00000", "ceffffffff"),
        (4_294_967_296.0, "cb41f0000000000000", "cb41f0000000000000"),
        (-2_147_483_648.0, "cbc1e0000000000000", "d280000000"),
        (-33.0, "cbc040800000000000", "d0df"),
        (.double(.nan), "cb7ff8000000000000", "cb7ff8000000000000"),
        (.double(.infinity), "cb7ff0000000000000", "cb7ff0000000000000"),
        (.double(-.infinity), "cbfff0000000000000", "cbfff0000000000000"),
        (.float(1.5), "ca3fc00000", "cb3ff8000000000000"),
        (.float(2), "ca40000000", "02"),
        (.float(0.1), "ca3dcccccd", "cb3fb99999a0000000"),
    ]

    @Test("integers", arguments: integers.indices)
    func integer(_ index: Int) throws {
        let (value, compact, reference) = Self.integers[index]
        #expect(written(value) == compact)
        #expect(written(value, .referenceCompatible) == reference)
        #expect(try MessagePackValue(decoding: hex(compact)) == value)
        #expect(jsNormalized(try MessagePackValue(decoding: hex(reference))) == jsNormalized(value))
    }

    @Test("floats", arguments: floats.indices)
    func float(_ index: Int) throws {
        let (value, compact, reference) = Self.floats[index]
        #expect(written(value) == compact)
        #expect(written(value, .referenceCompatible) == reference)
        #expect(try MessagePackValue(decoding: hex(compact)) == value)
    }

    @Test func integerOverloads() {
        var writer = MessagePackWriter()
        writer.write(-1 as Int)
        writer.write(200 as Int64)
        writer.write(70000 as UInt64)
        #expect(hex(writer.bytes) == "ffccc8ce00011170")
    }

    @Test func scalars() {
        #expect(written(.nil) == "c0")
        #expect(written(.undefined) == "d40000")
        #expect(written(true) == "c3")
        #expect(written(false) == "c2")
        #expect(written(.undefined, .referenceCompatible) == "d40000")
    }

    @Test("string, binary and array lengths", arguments: [0, 15, 16, 31, 32, 255, 256, 65535, 65536])
    func lengths(_ count: Int) throws {
        let string = MessagePackValue.string(String(repeating: "a", count: count))
        let binary = MessagePackValue.binary([UInt8](repeating: 7, count: count))
        let array = MessagePackValue.array(Array(repeating: .nil, count: count))
        #expect(written(string).hasPrefix(stringHeader(count)))
        #expect(written(binary).hasPrefix(binaryHeader(count)))
        #expect(written(array).hasPrefix(arrayHeader(count)))
        for format in [MessagePackWriter.Format.compact, .referenceCompatible] {
            #expect(written(string, format).count == 2 * count + stringHeader(count).count)
            #expect(written(binary, format).count == 2 * count + binaryHeader(count).count)
            #expect(written(array, format).count == 2 * count + arrayHeader(count).count)
        }
        for value in [string, binary, array] {
            #expect(try MessagePackValue(decoding: hex(written(value))) == value)
        }
    }

    @Test("map headers", arguments: [0, 15, 16, 65535, 65536])
    func mapHeaders(_ count: Int) {
        var compact = MessagePackWriter(), reference = MessagePackWriter(format: .referenceCompatible)
        compact.writeMapHeader(count: count)
        reference.writeMapHeader(count: count)
        let expectedCompact = count < 16 ? byteHex(0x80 | count, 1) : count <= 0xFFFF ? "de" + byteHex(count, 2) : "df" + byteHex(count, 4)
        let expectedReference = count <= 0xFFFF ? "de" + byteHex(count, 2) : "df" + byteHex(count, 4)
        #expect(hex(compact.bytes) == expectedCompact)
        #expect(hex(reference.bytes) == expectedReference)
    }

    @Test func mapsKeepTheirOrderAndKeyKinds() throws {
        let map: MessagePackValue = [1: "x", "b": 2, "a": [true: .nil]]
        #expect(written(map) == "83 01a178 a16202 a161 81c3c0".replacingOccurrences(of: " ", with: ""))
        #expect(written(map, .referenceCompatible) == "de0003 01a178 a16202 a161 de0001c3c0".replacingOccurrences(of: " ", with: ""))
        #expect(try MessagePackValue(decoding: hex(written(map))) == map)
    }

    static let timestamps: [(seconds: Int64, nanoseconds: UInt32, compact: String, reference: String)] = [
        (0, 0, "d6ff00000000", "d6ff00000000"),
        (1_704_067_200, 0, "d6ff65920080", "d6ff65920080"),
        (1_704_067_200, 123_000_000, "d7ff1d53530065920080", "d7ff1d53530065920080"),
        (0, 500_000_000, "d7ff7735940000000000", "d7ff7735940000000000"),
        (4_294_967_295, 0, "d6ffffffffff", "d6ffffffffff"),
        (4_294_967_296, 0, "d7ff0000000100000000", "c70cff000000000000000100000000"),
        (17_179_869_183, 999_999_999, "d7ffee6b27ffffffffff", "c70cff3b9ac9ff00000003ffffffff"),
        (17_179_869_184, 0, "c70cff000000000000000400000000", "c70cff000000000000000400000000"),
        (-1, 500_000_000, "c70cff1dcd6500ffffffffffffffff", "c70cff1dcd6500ffffffffffffffff"),
        (.min, 0, "c70cff000000008000000000000000", "c70cff000000008000000000000000"),
    ]

    @Test("timestamp layouts", arguments: timestamps.indices)
    func timestamp(_ index: Int) throws {
        let (seconds, nanoseconds, compact, reference) = Self.timestamps[index]
        let value = MessagePackValue.timestamp(MessagePackTimestamp(seconds: seconds, nanoseconds: nanoseconds))
        #expect(written(value) == compact)
        #expect(written(value, .referenceCompatible) == reference)
        #expect(try MessagePackValue(decoding: hex(compact)) == value)
        #expect(try MessagePackValue(decoding: hex(reference)) == value)
    }

    @Test func appendsAfterExistingBytes() {
        var writer = MessagePackWriter(format: .referenceCompatible, appendingTo: [0x0D, 0xA4, 0x63, 0x68, 0x61, 0x74])
        writer.write(["text": "hi"])
        #expect(hex(writer.bytes) == "0da463686174de0001a474657874a26869")
    }

    // MARK: Expected headers

    /// `value` big-endian in `size` bytes, as hex.
    func byteHex(_ value: Int, _ size: Int) -> String {
        hex((0 ..< size).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) })
    }

    func stringHeader(_ count: Int) -> String {
        count < 32 ? byteHex(0xA0 | count, 1) : count <= 0xFF ? "d9" + byteHex(count, 1) : count <= 0xFFFF ? "da" + byteHex(count, 2) : "db" + byteHex(count, 4)
    }

    func binaryHeader(_ count: Int) -> String {
        count <= 0xFF ? "c4" + byteHex(count, 1) : count <= 0xFFFF ? "c5" + byteHex(count, 2) : "c6" + byteHex(count, 4)
    }

    func arrayHeader(_ count: Int) -> String {
        count < 16 ? byteHex(0x90 | count, 1) : count <= 0xFFFF ? "dc" + byteHex(count, 2) : "dd" + byteHex(count, 4)
    }
}
