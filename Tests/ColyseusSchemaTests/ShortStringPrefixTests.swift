import ColyseusSchema
import Testing

/// PROTOCOL.md §8.4: the reference decoder reads any first byte below `c0` as a short string of
/// length `byte & 0x1f`; encoders only write `a0`–`bf`.
@Suite("string decoding: first bytes below c0")
struct ShortStringPrefixTests {
    static let payload = Array("abcdefghijklmnopqrstuvwxyz01234".utf8)  // 31 bytes

    @Test("every byte 00–bf is a short-string length", arguments: 0...0xBF)
    func lowPrefix(_ byte: Int) throws {
        let prefix = UInt8(byte)
        let length = Int(prefix & 0x1F)
        let (text, offset) = try reading([0xEE, prefix] + Self.payload + [0xEE], from: 1) { reader throws(SchemaDecodingError) in
            try reader.string()
        }
        #expect(text == String(decoding: Self.payload.prefix(length), as: UTF8.self))
        #expect(offset == 2 + length)
    }

    @Test("a low prefix keeps the bounds check and the UTF-8 check")
    func lowPrefixErrors() {
        #expect(throws: SchemaDecodingError.truncated(offset: 2, expected: "5 string bytes")) {
            try reading([0xEE, 0x05, 0x61, 0x62], from: 1) { reader throws(SchemaDecodingError) in try reader.string() }
        }
        #expect(throws: SchemaDecodingError.invalidUTF8(offset: 1)) {
            try reading([0xEE, 0x22, 0xC3, 0x28], from: 1) { reader throws(SchemaDecodingError) in try reader.string() }
        }
    }

    @Test("c0 is still the empty string, d9/da/db still carry their lengths, other bytes from c1 still throw")
    func otherForms() throws {
        #expect(try reading([0xC0, 0x41]) { reader throws(SchemaDecodingError) in try reader.string() } == ("", 1))
        for bytes in ["d9 02 6869", "da 0200 6869", "db 02000000 6869"] {
            #expect(try reading(hex(bytes)) { reader throws(SchemaDecodingError) in try reader.string() }.value == "hi", "\(bytes)")
        }
        for byte: UInt8 in [0xC1, 0xC2, 0xCA, 0xD8, 0xDC, 0xE0, 0xFF] {
            #expect(throws: SchemaDecodingError.unexpectedByte(byte, offset: 0, expected: "a string")) {
                try reading([byte, 0, 0, 0, 0]) { reader throws(SchemaDecodingError) in try reader.string() }
            }
        }
    }

    @Test("a handshake whose strings use 0x prefixes decodes like the reference one")
    func handshakeWithLowPrefixes() throws {
        // §9.3 example 2 with every fixstr prefix a0|n rewritten as 00|n (and "players" as 87).
        let bytes = hex("""
            8001 ff01 800002 800106 ff02 8203 8000 ff03 800004 800105 \
            ff04 8087706c6179657273 8201 8103 6d6170 ff05 8005726f756e64 810575696e7438 \
            ff06 8207 8001 ff07 800008 800109 80020a ff08 800178 81066e756d626572 \
            ff09 800179 81066e756d626572 ff0a 80046e616d65 8106737472696e67
            """)
        let (types, _) = try ReflectedType.decodeHandshake(bytes)
        #expect(types.map { $0.fields.map { "\($0.name):\($0.type)" } } == [
            ["players:map<#1>", "round:uint8"],
            ["x:number", "y:number", "name:string"],
        ])
    }
}
