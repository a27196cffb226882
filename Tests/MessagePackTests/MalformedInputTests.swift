import MessagePack
import SchemaTestSupport
import Testing

/// Payloads that are not exactly one well-formed value: the reference server closes the client with 4002 for them
/// (PROTOCOL.md §5.1); the reader must throw, never crash, loop or allocate what the bytes do not justify.
@Suite("malformed and hostile input")
struct MalformedInputTests {
    /// Every payload of the vectors, as the SDK and as the server writes it.
    static var payloads: [[UInt8]] {
        get throws { try MessagePackVectors.load().packed.flatMap { [$0.sdk] + ($0.server.map { [$0] } ?? []) } }
    }

    @Test func everyCutOfEveryVectorPayloadIsTruncated() throws {
        for payload in try Self.payloads {
            for length in 0 ..< payload.count {
                let error = decodingError(Array(payload[..<length]))
                guard case .truncated? = error?.reason else {
                    Issue.record("\(hex(payload)) cut to \(length) bytes: \(String(describing: error))")
                    continue
                }
                #expect(error!.offset <= length)
            }
        }
    }

    @Test func everyVectorPayloadWithATrailingByteIsRejected() throws {
        for payload in try Self.payloads {
            #expect(decodingError(payload + [0xC0]) == MessagePackError(.trailingBytes(count: 1), at: payload.count))
        }
    }

    @Test func trailingBytes() {
        #expect(decodingError("0102") == MessagePackError(.trailingBytes(count: 1), at: 1))
        #expect(decodingError("c0 c0 c0") == MessagePackError(.trailingBytes(count: 2), at: 1))
        #expect(decodingError("") == MessagePackError(.truncated(needed: 1, available: 0), at: 0))
    }

    @Test func truncatedScalars() {
        #expect(decodingError("92") == MessagePackError(.truncated(needed: 2, available: 0), at: 1))
        #expect(decodingError("cd 01") == MessagePackError(.truncated(needed: 2, available: 1), at: 1))
        #expect(decodingError("cb 3ff8") == MessagePackError(.truncated(needed: 8, available: 2), at: 1))
        #expect(decodingError("a3 6162") == MessagePackError(.truncated(needed: 3, available: 2), at: 1))
        #expect(decodingError("c4 03 0102") == MessagePackError(.truncated(needed: 3, available: 2), at: 2))
        #expect(decodingError("d6 ff 6592") == MessagePackError(.truncated(needed: 4, available: 2), at: 2))
    }

    /// Lengths and counts far beyond the payload fail at once, before anything is reserved for them.
    @Test func hostileLengths() {
        #expect(decodingError("dd ffffffff c0 c0 c0 c0 c0") == MessagePackError(.truncated(needed: 0xFFFF_FFFF, available: 5), at: 5))
        #expect(decodingError("df ffffffff c0 c0 c0 c0 c0") == MessagePackError(.truncated(needed: 0x1_FFFF_FFFE, available: 5), at: 5))
        #expect(decodingError("dc ffff c0") == MessagePackError(.truncated(needed: 0xFFFF, available: 1), at: 3))
        #expect(decodingError("db ffffffff 61 62") == MessagePackError(.truncated(needed: 0xFFFF_FFFF, available: 2), at: 5))
        #expect(decodingError("c6 ffffffff 01") == MessagePackError(.truncated(needed: 0xFFFF_FFFF, available: 1), at: 5))
        #expect(decodingError("c9 ffffffff ff 00") == MessagePackError(.truncated(needed: 0xFFFF_FFFF, available: 1), at: 6))
        #expect(decodingError("d4 72 40 dd ffffffff a0") == MessagePackError(.truncated(needed: 0xFFFF_FFFF, available: 1), at: 8))
        // A record with three keys referred to with fewer values left than keys.
        #expect(decodingError("92 d4 72 40 93 a161 a162 a163 01 02 03 40 01") == MessagePackError(.truncated(needed: 3, available: 1), at: 15))
    }

    @Test func nestingUpToTheLimitDecodes() throws {
        let depth = MessagePackReader.defaultMaximumDepth
        var value = try MessagePackValue(decoding: hex(String(repeating: "91", count: depth) + "c0"))
        for _ in 0 ..< depth { value = try #require(value[0]) }
        #expect(value == .nil)
    }

    @Test func nestingBeyondTheLimitThrows() {
        let limit = MessagePackReader.defaultMaximumDepth
        let expected = MessagePackError(.depthLimitExceeded(limit: limit), at: limit)
        #expect(decodingError(String(repeating: "91", count: limit + 1) + "c0") == expected)
        // A megabyte of array headers fails at the limit, without recursing further.
        #expect(decodingError([UInt8](repeating: 0x91, count: 1 << 20)) == expected)
        #expect(decodingError(String(repeating: "81 a0", count: limit + 1) + "c0") == MessagePackError(.depthLimitExceeded(limit: limit), at: 2 * limit))
        // A record whose only value refers to itself nests one level per byte.
        #expect(decodingError("d4 72 40 91 a0" + String(repeating: "40", count: limit + 10)) == MessagePackError(.depthLimitExceeded(limit: limit), at: 4 + limit))
    }

    @Test func configurableDepthLimit() {
        #expect(decodingError("91 91 c0", maximumDepth: 2) == nil)
        #expect(decodingError("91 91 91 c0", maximumDepth: 2) == MessagePackError(.depthLimitExceeded(limit: 2), at: 2))
        #expect(decodingError("91 c0", maximumDepth: 0) == MessagePackError(.depthLimitExceeded(limit: 0), at: 0))
        #expect(decodingError("c0", maximumDepth: 0) == nil)
    }

    @Test func invalidUTF8() {
        for bytes in ["a1 ff", "a2 c328", "a2 c080", "a3 eda080", "a1 c3", "a4 f4908080", "d9 01 80"] {
            #expect(decodingError(bytes) == MessagePackError(.invalidUTF8, at: bytes.hasPrefix("d9") ? 2 : 1), "\(bytes)")
        }
        #expect(decodingError("82 a178 01 a2 c328 02") == MessagePackError(.invalidUTF8, at: 5))
    }

    /// The reader's UTF-8 check agrees with the standard library's on random byte strings made of UTF-8-like pieces
    /// (lead bytes, continuation bytes, the bounds of table 3-7, ASCII runs that take the eight-byte path).
    @Test func utf8ValidationAgreesWithTheStandardLibrary() throws {
        var random = SplitMix64(seed: 0x07F8)
        let pieces: [[UInt8]] = [
            [0x41], Array("abcdefgh".utf8), [0x7F], [0x80], [0xBF], [0xC0], [0xC1], [0xC2], [0xDF], [0xE0], [0xE1], [0xEC],
            [0xED], [0xEE], [0xEF], [0xF0], [0xF1], [0xF3], [0xF4], [0xF5], [0xFF], [0x9F], [0xA0], [0x8F], [0x90],
            Array("é".utf8), Array("日".utf8), Array("🎮".utf8),
        ]
        var valid = 0
        for _ in 0 ..< 20000 {
            let bytes = (0 ..< Int.random(in: 0 ... 6, using: &random)).flatMap { _ in pieces.randomElement(using: &random)! }
            let payload = [0xD9, UInt8(bytes.count)] + bytes
            let expected = String(validating: bytes, as: UTF8.self)
            if let expected {
                #expect(try MessagePackValue(decoding: payload) == .string(expected))
                valid += 1
            } else {
                #expect(decodingError(payload) == MessagePackError(.invalidUTF8, at: 2), "\(hex(bytes))")
            }
        }
        #expect(valid > 1000)
    }

    @Test func reservedByte() {
        #expect(decodingError("c1") == MessagePackError(.reservedByte, at: 0))
        #expect(decodingError("92 01 c1") == MessagePackError(.reservedByte, at: 2))
    }

    /// Of the fixext1 types, only undefined (0) and the record definition (0x72, here cut before its key list) are
    /// values; −1 is a timestamp, which has no 1-byte layout.
    @Test func extensionTypes() throws {
        for type in UInt8.min ... UInt8.max {
            let error = decodingError([0xD4, type, 0x00])
            switch type {
            case 0x00: #expect(error == nil)
            case 0x72: #expect(error == MessagePackError(.truncated(needed: 1, available: 0), at: 3))
            case 0xFF: #expect(error == MessagePackError(.invalidTimestamp, at: 0))
            default: #expect(error == MessagePackError(.unknownExtension(type: Int8(bitPattern: type)), at: 0))
            }
        }
        #expect(decodingError("d4 01 01") == MessagePackError(.unknownExtension(type: 1), at: 0))
        #expect(decodingError("c7 00 05") == MessagePackError(.unknownExtension(type: 5), at: 0))
        #expect(decodingError("d8 73" + String(repeating: "00", count: 16)) == MessagePackError(.unknownExtension(type: 0x73), at: 0))
    }

    /// msgpackr reads extension type 0 of any length (and any filler byte) as undefined.
    @Test func undefinedInEveryExtensionForm() throws {
        for bytes in ["d4 00 00", "d4 00 07", "d5 00 0000", "d6 00 00000000", "d7 00 0000000000000000", "c7 00 00", "c8 0001 00 00", "c9 00000002 00 0000"] {
            #expect(try decode(bytes) == .undefined, "\(bytes)")
        }
    }

    @Test func invalidTimestamps() throws {
        #expect(decodingError("d5 ff 0000") == MessagePackError(.invalidTimestamp, at: 0))
        #expect(decodingError("d8 ff" + String(repeating: "00", count: 16)) == MessagePackError(.invalidTimestamp, at: 0))
        #expect(decodingError("c7 00 ff") == MessagePackError(.invalidTimestamp, at: 0))
        // Nanoseconds of a whole second, in the 64- and 96-bit layouts.
        #expect(decodingError("d7 ff " + hex(withUnsafeBytes(of: (UInt64(1_000_000_000) << 34).bigEndian, Array.init))) == MessagePackError(.invalidTimestamp, at: 0))
        #expect(decodingError("c7 0c ff 3b9aca00 0000000000000000") == MessagePackError(.invalidTimestamp, at: 0))
        #expect(try decode("c7 0c ff 3b9ac9ff ffffffffffffffff") == .timestamp(MessagePackTimestamp(seconds: -1, nanoseconds: 999_999_999)))
    }

    /// Random corruptions of the vector payloads: every one decodes or throws (no crash, no hang).
    @Test func randomCorruptionsDecodeOrThrow() throws {
        let payloads = try Self.payloads
        var random = SplitMix64(seed: 0x5EED_3A7C)
        var failures = 0, successes = 0
        for _ in 0 ..< 20000 {
            var bytes = payloads[Int.random(in: 0 ..< payloads.count, using: &random)]
            for _ in 0 ... Int.random(in: 0 ..< 4, using: &random) {
                let position = Int.random(in: 0 ..< bytes.count, using: &random)
                switch Int.random(in: 0 ..< 3, using: &random) {
                case 0: bytes[position] = UInt8.random(in: 0 ... 255, using: &random)
                case 1: bytes.insert(UInt8.random(in: 0 ... 255, using: &random), at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            if decodingError(bytes) == nil { successes += 1 } else { failures += 1 }
        }
        #expect(failures > 0 && successes > 0)
    }
}
