import ColyseusSchema
import Testing

/// The string encoding of PROTOCOL.md §8.4.
@Suite("string encoding (§8.4)")
struct StringEncodingTests {
    /// Byte length → expected length prefix.
    static let lengths: [(length: Int, prefix: String)] = [
        (0, "a0"), (1, "a1"), (31, "bf"), (32, "d9 20"), (255, "d9 ff"),
        (256, "da 0001"), (65535, "da ffff"), (65536, "db 00000100"),
    ]

    @Test("length prefixes and round trip", arguments: lengths.indices)
    func lengthPrefix(_ row: Int) throws {
        let (length, prefix) = Self.lengths[row]
        let text = String(repeating: "x", count: length)
        let bytes = written { $0.string(text) }
        let prefixBytes = hex(prefix)
        #expect(bytes.count == prefixBytes.count + length)
        #expect(Array(bytes.prefix(prefixBytes.count)) == prefixBytes, "prefix for \(length) bytes")
        #expect(bytes.dropFirst(prefixBytes.count).allSatisfy { $0 == UInt8(ascii: "x") })
        let (decoded, offset) = try reading(bytes) { reader throws(SchemaDecodingError) in try reader.string() }
        #expect(decoded == text)
        #expect(offset == bytes.count)
    }

    @Test("examples of §8.4")
    func examples() throws {
        let examples: [(String, String)] = [
            ("", "a0"),
            ("a", "a1 61"),
            ("é", "a2 c3a9"),
            ("😀", "a4 f09f9880"),
            ("Bob", "a3 426f62"),
            ("a\0b", "a3 610062"),
            ("a\0b\tc\n", "a6 6100620963 0a"),
        ]
        for (text, expected) in examples {
            let bytes = written { $0.string(text) }
            #expect(bytes == hex(expected), "str(\(text.debugDescription))")
            let (decoded, offset) = try reading(bytes) { reader throws(SchemaDecodingError) in try reader.string() }
            #expect(decoded == text)
            #expect(decoded.utf8.count == text.utf8.count, "embedded NULs are kept")
            #expect(offset == bytes.count)
        }
    }

    @Test("multi-byte characters across the str8 and str16 boundaries")
    func multiByteBoundaries() throws {
        for text in [String(repeating: "é", count: 16), String(repeating: "😀", count: 64), String(repeating: "日", count: 21846)] {
            let bytes = written { $0.string(text) }
            #expect(try reading(bytes) { reader throws(SchemaDecodingError) in try reader.string() }.value == text)
        }
    }

    @Test("the decoder accepts the other length forms and MessagePack nil")
    func decoderForms() throws {
        // A short string in the longer forms, as another encoder might send it.
        for bytes in ["d9 03 616263", "da 0300 616263", "db 03000000 616263"] {
            #expect(try reading(hex(bytes)) { reader throws(SchemaDecodingError) in try reader.string() }.value == "abc", "\(bytes)")
        }
        let (nilString, offset) = try reading([0xC0, 0x01]) { reader throws(SchemaDecodingError) in try reader.string() }
        #expect(nilString == "")
        #expect(offset == 1)
    }

    @Test("invalid UTF-8 throws .invalidUTF8 at the string's first byte")
    func invalidUTF8() {
        let invalid = [
            "a1 80",  // lone continuation byte
            "a2 c328",  // truncated 2-byte sequence
            "a2 c080",  // overlong NUL
            "a3 eda080",  // UTF-16 surrogate
            "a1 ff",
            "a4 f4908080",  // beyond U+10FFFF
            "d9 02 c3",  // the string's last character cut by the declared length
        ]
        for bytes in invalid {
            var input = hex(bytes)
            if bytes.hasPrefix("d9 02") { input.append(0x41) }  // "c3 41": 2 bytes, invalid
            #expect(throws: SchemaDecodingError.invalidUTF8(offset: 2)) {
                // Two bytes of padding before the string: the error names the string's offset.
                try reading([0xEE, 0xEE] + input, from: 2) { reader throws(SchemaDecodingError) in try reader.string() }
            }
        }
    }

    /// Bytes from `c0` up that are not `d9`/`da`/`db` (§8.4 reads every byte below `c0` as a fixstr
    /// length, which this decoder narrows to `a0`–`bf`; that range is not pinned here).
    @Test("a byte that starts no string throws .unexpectedByte")
    func notAString() {
        for byte: UInt8 in [0xC1, 0xCA, 0xD8, 0xDC, 0xFF] {
            #expect(throws: SchemaDecodingError.unexpectedByte(byte, offset: 1, expected: "a string")) {
                try reading([0xA0, byte, 0, 0, 0, 0], from: 1) { reader throws(SchemaDecodingError) in try reader.string() }
            }
        }
    }
}
