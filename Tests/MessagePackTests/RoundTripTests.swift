import MessagePack
import Testing

/// Seeded random values through the writer in both formats, and through records as the SDK sends them.
@Suite("random round trips")
struct RoundTripTests {
    static let seeds: [UInt64] = [1, 2, 3, 0xC0FFEE, 0xDEAD_BEEF]

    @Test("compact output reads back as the same value", arguments: seeds)
    func compact(_ seed: UInt64) throws {
        var random = RandomValue(seed: seed)
        for _ in 0 ..< 400 {
            let value = random.value()
            var writer = MessagePackWriter()
            writer.write(value)
            #expect(try MessagePackValue(decoding: writer.bytes) == value)
        }
    }

    /// Reference-compatible output turns floats into JS numbers, so it reads back as the same JS value.
    @Test("reference-compatible output reads back as the same JS value", arguments: seeds)
    func referenceCompatible(_ seed: UInt64) throws {
        var random = RandomValue(seed: seed)
        for _ in 0 ..< 400 {
            let value = random.value()
            var writer = MessagePackWriter(format: .referenceCompatible)
            writer.write(value)
            #expect(jsNormalized(try MessagePackValue(decoding: writer.bytes)) == jsNormalized(value))
        }
    }

    /// Values packed with records (string-keyed maps as records, ids wrapping after 64 shapes) decode to the same
    /// JS value.
    @Test("records as the SDK packs them read back as the same JS value", arguments: seeds)
    func sdkRecords(_ seed: UInt64) throws {
        var random = RandomValue(seed: seed)
        for round in 0 ..< 400 {
            // Every tenth payload holds 70 shapes and more, used in turn, so that ids are recycled and shapes redefined.
            let value: MessagePackValue = round % 10 == 0
                ? .array((0 ..< 150).map { index in [.string("s\(index % 70)"): random.value(depth: 3), "x": .int(Int64(index))] })
                : random.value()
            #expect(jsNormalized(try MessagePackValue(decoding: SDKPacker.pack(value))) == jsNormalized(value))
        }
    }
}
