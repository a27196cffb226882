/// Reads the schema wire encodings from a byte buffer, with bounds checks on every read.
///
/// A reader borrows its bytes: create it inside `withUnsafeBytes` and do not let it escape.
public struct ByteReader {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    /// Offset of the next byte to read.
    public var offset: Int

    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Whether every byte has been read.
    @inlinable public var isAtEnd: Bool { offset >= bytes.count }

    /// The next byte, without consuming it.
    @inlinable public func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    @inlinable mutating func take<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws(SchemaDecodingError) -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { throw .truncated(offset: offset, expected: what()) }
        let value = T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += size
        return value
    }

    /// One byte.
    @inlinable @inline(__always) public mutating func byte() throws(SchemaDecodingError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(offset: offset, expected: "a byte") }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func boolean() throws(SchemaDecodingError) -> Bool { try byte() != 0 }
    public mutating func int8() throws(SchemaDecodingError) -> Int8 { Int8(bitPattern: try byte()) }
    public mutating func uint8() throws(SchemaDecodingError) -> UInt8 { try byte() }
    public mutating func int16() throws(SchemaDecodingError) -> Int16 { try take(Int16.self, "int16") }
    public mutating func uint16() throws(SchemaDecodingError) -> UInt16 { try take(UInt16.self, "uint16") }
    public mutating func int32() throws(SchemaDecodingError) -> Int32 { try take(Int32.self, "int32") }
    public mutating func uint32() throws(SchemaDecodingError) -> UInt32 { try take(UInt32.self, "uint32") }
    public mutating func int64() throws(SchemaDecodingError) -> Int64 { try take(Int64.self, "int64") }
    public mutating func uint64() throws(SchemaDecodingError) -> UInt64 { try take(UInt64.self, "uint64") }
    public mutating func float32() throws(SchemaDecodingError) -> Float { Float(bitPattern: try take(UInt32.self, "float32")) }
    public mutating func float64() throws(SchemaDecodingError) -> Double { Double(bitPattern: try take(UInt64.self, "float64")) }

    /// The `number` encoding (§8.3). A first byte that starts no number yields 0, as the reference decoder's
    /// "no value", and consumes only that byte.
    public mutating func number() throws(SchemaDecodingError) -> Double {
        let prefix = try byte()
        switch prefix {
        case 0x00...0x7F: return Double(prefix)
        case 0xE0...0xFF: return Double(Int8(bitPattern: prefix))
        case 0xCA: return Double(try float32())
        case 0xCB: return try float64()
        case 0xCC: return Double(try uint8())
        case 0xCD: return Double(try uint16())
        case 0xCE: return Double(try uint32())
        case 0xCF:
            let low = try uint32(), high = try uint32()
            return Double(high) * 4294967296 + Double(low)
        case 0xD0: return Double(try int8())
        case 0xD1: return Double(try int16())
        case 0xD2: return Double(try int32())
        case 0xD3:
            let low = try uint32(), high = try int32()
            return Double(high) * 4294967296 + Double(low)
        default: return 0
        }
    }

    /// A `number` that must be a non-negative integer: a refId, a collection index or a type id.
    public mutating func index() throws(SchemaDecodingError) -> Int {
        let start = offset
        let value = try number()
        guard let integer = value.exactInt, integer >= 0 else {
            throw .unexpectedByte(bytes[start], offset: start, expected: "a non-negative integer index")
        }
        return integer
    }

    /// The string encoding (§8.4). As the reference decoder, any first byte below `c0` is a short
    /// string whose length is its low 5 bits: encoders only write `a0`–`bf`, but `00`–`9f` are read the same way.
    public mutating func string() throws(SchemaDecodingError) -> String {
        let start = offset
        let prefix = try byte()
        let length: Int
        switch prefix {
        case 0x00...0xBF: length = Int(prefix & 0x1F)
        case 0xD9: length = Int(try uint8())
        case 0xDA: length = Int(try uint16())
        case 0xDB: length = Int(try uint32())
        case 0xC0: length = 0  // MessagePack nil, sent by some encoders for null strings
        default: throw .unexpectedByte(prefix, offset: start, expected: "a string")
        }
        guard offset + length <= bytes.count else {
            throw .truncated(offset: offset, expected: "\(length) string bytes")
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        offset += length
        let text = String(decoding: slice, as: UTF8.self)
        // Decoding repairs invalid UTF-8 with U+FFFD: the bytes then differ from the input. ASCII needs no check.
        if !slice.allSatisfy({ $0 < 0x80 }), !text.utf8.elementsEqual(slice) { throw .invalidUTF8(offset: start) }
        return text
    }
}
