/// Reads MessagePack values, with the msgpackr extensions of the JS SDK (PROTOCOL.md §5.1, §5.2), from a buffer.
///
/// Record definitions live as long as the reader: use one reader per payload (the SDK restarts its record ids for
/// every message). ``MessagePackValue/init(decoding:maximumDepth:)-(UnsafeRawBufferPointer,_)`` reads a whole payload
/// and checks that nothing follows the value.
///
/// Hostile input cannot make the reader allocate more than the remaining bytes justify (a count is checked against them
/// before anything is reserved), recurse deeper than ``maximumDepth`` containers, or loop: every step consumes bytes.
public struct MessagePackReader {
    /// The nesting limit used when none is given: far beyond what game messages need, far below stack exhaustion.
    public static let defaultMaximumDepth = 256

    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    public private(set) var offset: Int
    /// The deepest nesting of arrays, maps and records accepted; deeper input throws `depthLimitExceeded`.
    public let maximumDepth: Int
    private var depth = 0
    private var records = RecordTable()

    /// A reader at the start of `bytes`, which must stay valid while the reader is used.
    public init(_ bytes: UnsafeRawBufferPointer, maximumDepth: Int = defaultMaximumDepth) {
        self.bytes = bytes
        self.offset = 0
        self.maximumDepth = maximumDepth
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// Reads the next value.
    public mutating func readValue() throws(MessagePackError) -> MessagePackValue {
        let start = offset
        let byte = try read(UInt8.self)
        switch byte {
        case 0x00...0x3F: return .int(Int64(byte))
        case 0x40...0x7F:
            if let keys = records.keys(referencedBy: byte) { return try readRecordValues(keys, at: start) }
            return .int(Int64(byte))
        case 0x80...0x8F: return try readMap(count: Int(byte & 0x0F), at: start)
        case 0x90...0x9F: return try readArray(count: Int(byte & 0x0F), at: start)
        case 0xA0...0xBF: return .string(try readString(count: Int(byte & 0x1F)))
        case 0xC0: return .nil
        case 0xC1: throw MessagePackError(.reservedByte, at: start)
        case 0xC2: return .bool(false)
        case 0xC3: return .bool(true)
        case 0xC4: return .binary(try readBinary(count: Int(try read(UInt8.self))))
        case 0xC5: return .binary(try readBinary(count: Int(try read(UInt16.self))))
        case 0xC6: return .binary(try readBinary(count: Int(try read(UInt32.self))))
        case 0xC7: return try readExtension(length: Int(try read(UInt8.self)), at: start)
        case 0xC8: return try readExtension(length: Int(try read(UInt16.self)), at: start)
        case 0xC9: return try readExtension(length: Int(try read(UInt32.self)), at: start)
        case 0xCA: return .float(Float(bitPattern: try read(UInt32.self)))
        case 0xCB: return .double(Double(bitPattern: try read(UInt64.self)))
        case 0xCC: return .int(Int64(try read(UInt8.self)))
        case 0xCD: return .int(Int64(try read(UInt16.self)))
        case 0xCE: return .int(Int64(try read(UInt32.self)))
        case 0xCF:
            let value = try read(UInt64.self)
            return value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
        case 0xD0: return .int(Int64(try read(Int8.self)))
        case 0xD1: return .int(Int64(try read(Int16.self)))
        case 0xD2: return .int(Int64(try read(Int32.self)))
        case 0xD3: return .int(try read(Int64.self))
        case 0xD4:
            if offset < bytes.count, bytes[offset] == 0x72 {
                offset += 1
                return try readRecordDefinition(at: start)
            }
            return try readExtension(length: 1, at: start)
        case 0xD5:
            if offset < bytes.count, bytes[offset] == 0x72 {
                throw MessagePackError(.invalidRecord("two-byte record ids (d5 72) are not supported"), at: start)
            }
            return try readExtension(length: 2, at: start)
        case 0xD6: return try readExtension(length: 4, at: start)
        case 0xD7: return try readExtension(length: 8, at: start)
        case 0xD8: return try readExtension(length: 16, at: start)
        case 0xD9: return .string(try readString(count: Int(try read(UInt8.self))))
        case 0xDA: return .string(try readString(count: Int(try read(UInt16.self))))
        case 0xDB: return .string(try readString(count: Int(try read(UInt32.self))))
        case 0xDC: return try readArray(count: Int(try read(UInt16.self)), at: start)
        case 0xDD: return try readArray(count: Int(try read(UInt32.self)), at: start)
        case 0xDE: return try readMap(count: Int(try read(UInt16.self)), at: start)
        case 0xDF: return try readMap(count: Int(try read(UInt32.self)), at: start)
        default: return .int(Int64(Int8(bitPattern: byte)))  // negative fixint e0-ff
        }
    }

    // MARK: Fixed-size reads and checks

    private var remaining: Int { bytes.count - offset }

    private func truncated(needing count: Int) -> MessagePackError {
        MessagePackError(.truncated(needed: count, available: remaining), at: offset)
    }

    /// A big-endian integer.
    @inline(__always)
    private mutating func read<T: FixedWidthInteger>(_: T.Type) throws(MessagePackError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw truncated(needing: size) }
        let value = T(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += size
        return value
    }

    /// Consumes `count` bytes and returns where they start.
    private mutating func take(_ count: Int) throws(MessagePackError) -> Int {
        guard remaining >= count else { throw truncated(needing: count) }
        defer { offset += count }
        return offset
    }

    /// Fails unless the remaining bytes can hold `count` values of at least `size` bytes each.
    private func requireRoom(for count: Int, ofAtLeast size: Int) throws(MessagePackError) {
        guard count <= remaining / size else { throw truncated(needing: count * size) }
    }

    /// Enters a container starting at `start`, failing when that exceeds ``maximumDepth``.
    private mutating func enterContainer(at start: Int) throws(MessagePackError) {
        guard depth < maximumDepth else { throw MessagePackError(.depthLimitExceeded(limit: maximumDepth), at: start) }
        depth += 1
    }

    // MARK: Variable-size values

    private mutating func readString(count: Int) throws(MessagePackError) -> String {
        let start = try take(count)
        let utf8 = UnsafeRawBufferPointer(rebasing: bytes[start ..< start + count])
        // Validated here: the standard library's validating initializer is generic and unspecialized, several times
        // slower on the short strings of game messages. `String(decoding:)` is not, and valid input needs no repair.
        guard utf8.isValidUTF8 else { throw MessagePackError(.invalidUTF8, at: start) }
        return utf8.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
    }

    private mutating func readBinary(count: Int) throws(MessagePackError) -> [UInt8] {
        let start = try take(count)
        return Array(UnsafeRawBufferPointer(rebasing: bytes[start ..< start + count]))
    }

    private mutating func readArray(count: Int, at start: Int) throws(MessagePackError) -> MessagePackValue {
        try requireRoom(for: count, ofAtLeast: 1)
        try enterContainer(at: start)
        defer { depth -= 1 }
        var elements: [MessagePackValue] = []
        elements.reserveCapacity(count)
        for _ in 0 ..< count {
            elements.append(try readValue())
        }
        return .array(elements)
    }

    private mutating func readMap(count: Int, at start: Int) throws(MessagePackError) -> MessagePackValue {
        try requireRoom(for: count, ofAtLeast: 2)
        try enterContainer(at: start)
        defer { depth -= 1 }
        var entries: [(key: MessagePackValue, value: MessagePackValue)] = []
        entries.reserveCapacity(count)
        for _ in 0 ..< count {
            let key = try readValue()
            entries.append((key, try readValue()))
        }
        return .map(entries)
    }

    // MARK: Extensions

    /// An extension with `length` data bytes whose type byte is next; the header started at `start`.
    private mutating func readExtension(length: Int, at start: Int) throws(MessagePackError) -> MessagePackValue {
        let type = try read(Int8.self)
        guard type == 0 || type == -1 else { throw MessagePackError(.unknownExtension(type: type), at: start) }
        let data = try take(length)
        return type == 0 ? .undefined : .timestamp(try timestamp(at: data, length: length, headerAt: start))
    }

    /// The timestamp extension's three layouts: 32-bit seconds; 30-bit nanoseconds and 34-bit seconds; 32-bit
    /// nanoseconds and signed 64-bit seconds.
    private func timestamp(at data: Int, length: Int, headerAt start: Int) throws(MessagePackError) -> MessagePackTimestamp {
        func load<T: FixedWidthInteger>(_: T.Type, at position: Int) -> T {
            T(bigEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
        }
        let seconds: Int64, nanoseconds: UInt32
        switch length {
        case 4:
            seconds = Int64(load(UInt32.self, at: data))
            nanoseconds = 0
        case 8:
            let packed = load(UInt64.self, at: data)
            seconds = Int64(packed & 0x3_FFFF_FFFF)
            nanoseconds = UInt32(packed >> 34)
        case 12:
            nanoseconds = load(UInt32.self, at: data)
            seconds = load(Int64.self, at: data + 4)
        default:
            throw MessagePackError(.invalidTimestamp, at: start)
        }
        guard nanoseconds < 1_000_000_000 else { throw MessagePackError(.invalidTimestamp, at: start) }
        return MessagePackTimestamp(seconds: seconds, nanoseconds: nanoseconds)
    }

    // MARK: msgpackr records (§5.2)

    /// `d4 72 <id>` (already read up to the id), an array of key strings, then one value per key.
    private mutating func readRecordDefinition(at start: Int) throws(MessagePackError) -> MessagePackValue {
        let id = try read(UInt8.self)
        let listStart = offset
        let count: Int
        switch try read(UInt8.self) {
        case let header where header & 0xF0 == 0x90: count = Int(header & 0x0F)
        case 0xDC: count = Int(try read(UInt16.self))
        case 0xDD: count = Int(try read(UInt32.self))
        default: throw MessagePackError(.invalidRecord("the key list is not an array"), at: listStart)
        }
        try requireRoom(for: count, ofAtLeast: 1)
        var keys: [String] = []
        keys.reserveCapacity(count)
        for _ in 0 ..< count {
            keys.append(try readKey())
        }
        records.define(id: id, keys: keys)
        return try readRecordValues(keys, at: start)
    }

    /// One key of a record's key list: a string.
    private mutating func readKey() throws(MessagePackError) -> String {
        let start = offset
        switch try read(UInt8.self) {
        case let header where header & 0xE0 == 0xA0: return try readString(count: Int(header & 0x1F))
        case 0xD9: return try readString(count: Int(try read(UInt8.self)))
        case 0xDA: return try readString(count: Int(try read(UInt16.self)))
        case 0xDB: return try readString(count: Int(try read(UInt32.self)))
        default: throw MessagePackError(.invalidRecord("a key is not a string"), at: start)
        }
    }

    /// The values of a record with `keys`, which started at `start`.
    private mutating func readRecordValues(_ keys: [String], at start: Int) throws(MessagePackError) -> MessagePackValue {
        try requireRoom(for: keys.count, ofAtLeast: 1)
        try enterContainer(at: start)
        defer { depth -= 1 }
        var entries: [(key: MessagePackValue, value: MessagePackValue)] = []
        entries.reserveCapacity(keys.count)
        for key in keys {
            entries.append((.string(key), try readValue()))
        }
        return .map(entries)
    }
}
