extension UnsafeRawBufferPointer {
    /// Whether the bytes are well-formed UTF-8 (The Unicode Standard, table 3-7): no overlong forms, no surrogates,
    /// nothing above U+10FFFF, no cut sequences. ASCII runs are checked eight bytes at a time.
    var isValidUTF8: Bool {
        var index = 0
        while index < count {
            if index + 8 <= count, loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = self[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The sequence length, and the range of its second byte (the later ones are all 80...BF).
            let length: Int, second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
            case 0xE0: (length, second) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
            case 0xED: (length, second) = (3, 0x80...0x9F)
            case 0xF0: (length, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
            case 0xF4: (length, second) = (4, 0x80...0x8F)
            default: return false
            }
            guard index + length <= count, second.contains(self[index + 1]) else { return false }
            for offset in 2 ..< length where self[index + offset] & 0xC0 != 0x80 {
                return false
            }
            index += length
        }
        return true
    }
}
