/// Lowercase hex, as the vectors and PROTOCOL.md write bytes (spaces between bytes allowed).
public enum Hex {
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    public static func decode(_ text: String) -> [UInt8] {
        let characters = Array(text.utf8.filter { $0 != UInt8(ascii: " ") })
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
        return stride(from: 0, to: characters.count - 1, by: 2).map { nibble(characters[$0]) << 4 | nibble(characters[$0 + 1]) }
    }
}
