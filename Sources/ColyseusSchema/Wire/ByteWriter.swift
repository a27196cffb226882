/// A growable output buffer with the schema wire encodings (PROTOCOL.md §8.2–8.4).
///
/// The buffer is reused across encodes: `removeAll()` keeps its capacity, so a warm encoder
/// writes patches without touching the heap. It is non-copyable so that exactly one owner
/// frees the storage.
public struct ByteWriter: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var length: Int
    /// Number of bytes written so far.
    public var count: Int { length }

    /// Creates an empty writer with room for `initialCapacity` bytes.
    public init(initialCapacity: Int = 8 * 1024) {
        capacity = max(initialCapacity, 16)
        base = .allocate(capacity: capacity)
        length = 0
    }

    deinit { base.deallocate() }

    /// Forgets the content but keeps the storage.
    @inlinable public mutating func removeAll() { length = 0 }

    /// Shrinks the content to its first `newCount` bytes.
    public mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count)
        length = newCount
    }

    /// The written bytes as a new array.
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// Calls `body` with the written bytes, without copying them.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The written bytes from `start` to the end, as a new array.
    public func bytes(from start: Int) -> [UInt8] {
        withBytes { Array($0[start...]) }
    }

    @usableFromInline mutating func grow(toFit extra: Int) {
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inlinable @inline(__always) mutating func reserve(_ extra: Int) {
        if length &+ extra > capacity { grow(toFit: extra) }
    }

    @inlinable @inline(__always) mutating func put(_ byte: UInt8) {
        base[length] = byte
        length &+= 1
    }

    @inlinable @inline(__always) mutating func putLittleEndian<T: FixedWidthInteger>(_ value: T) {
        UnsafeMutableRawPointer(base + length).storeBytes(of: value.littleEndian, as: T.self)
        length &+= MemoryLayout<T>.size
    }

    // MARK: raw bytes

    /// Appends one byte.
    @inlinable @inline(__always) public mutating func byte(_ value: UInt8) {
        reserve(1)
        put(value)
    }

    /// Appends the bytes `range` of `other`.
    @inlinable public mutating func append(_ range: Range<Int>, of other: borrowing ByteWriter) {
        let count = range.count
        // Room for whole 8-byte words: short runs (a section of a field or two) are copied a word at a
        // time, faster than through memcpy. The source may be read up to 7 bytes past the range, within
        // its storage (`other` always keeps that much room, see `copySlack`).
        reserve(count + Self.copySlack)
        let source = UnsafeRawPointer(other.base + range.lowerBound), destination = UnsafeMutableRawPointer(base + length)
        if count <= 32 && range.upperBound + Self.copySlack <= other.capacity {
            var offset = 0
            while offset < count {
                destination.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                offset &+= 8
            }
        } else {
            destination.copyMemory(from: source, byteCount: count)
        }
        length &+= count
    }

    /// Bytes a word-wise copy may touch past the end of a range.
    @usableFromInline static let copySlack = 8

    /// Appends raw bytes.
    public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        for byte in bytes { self.byte(byte) }
    }

    // MARK: fixed-width primitives (little-endian)

    @inlinable public mutating func boolean(_ value: Bool) { byte(value ? 1 : 0) }
    @inlinable public mutating func int8(_ value: Int8) { byte(UInt8(bitPattern: value)) }
    @inlinable public mutating func uint8(_ value: UInt8) { byte(value) }
    @inlinable public mutating func int16(_ value: Int16) { reserve(2); putLittleEndian(value) }
    @inlinable public mutating func uint16(_ value: UInt16) { reserve(2); putLittleEndian(value) }
    @inlinable public mutating func int32(_ value: Int32) { reserve(4); putLittleEndian(value) }
    @inlinable public mutating func uint32(_ value: UInt32) { reserve(4); putLittleEndian(value) }
    /// `int64` and `bigint64`: two's complement, little-endian.
    @inlinable public mutating func int64(_ value: Int64) { reserve(8); putLittleEndian(value) }
    /// `uint64` and `biguint64`.
    @inlinable public mutating func uint64(_ value: UInt64) { reserve(8); putLittleEndian(value) }
    @inlinable public mutating func float32(_ value: Float) { reserve(4); putLittleEndian(value.bitPattern) }
    @inlinable public mutating func float64(_ value: Double) { reserve(8); putLittleEndian(value.bitPattern) }

    // MARK: number (§8.3)

    /// The `number` encoding: MessagePack-like prefixes with little-endian payloads.
    @inlinable @inline(__always) public mutating func number(_ value: Double) {
        reserve(9)
        if let integer = value.exactInt32 {
            putInteger(integer)
        } else {
            putNonInteger(value)
        }
    }

    /// The `number` encoding of an integer (same bytes as `number(Double(value))`).
    @inlinable @inline(__always) public mutating func number(_ value: Int) {
        reserve(9)
        if value >= -2147483648 && value < 2147483648 {
            putInteger(Int32(truncatingIfNeeded: value))
        } else {
            putNonInteger(Double(value))
        }
    }

    @inlinable @inline(__always) mutating func putInteger(_ value: Int32) {
        if value >= 0 {
            if value < 0x80 {
                put(UInt8(truncatingIfNeeded: value))
            } else if value < 0x100 {
                put(0xCC); put(UInt8(truncatingIfNeeded: value))
            } else if value < 0x10000 {
                put(0xCD); putLittleEndian(UInt16(truncatingIfNeeded: value))
            } else {
                put(0xCE); putLittleEndian(UInt32(truncatingIfNeeded: value))
            }
        } else if value >= -0x20 {
            put(UInt8(truncatingIfNeeded: value))
        } else if value >= -0x80 {
            put(0xD0); put(UInt8(truncatingIfNeeded: value))
        } else if value >= -0x8000 {
            put(0xD1); putLittleEndian(Int16(truncatingIfNeeded: value))
        } else {
            put(0xD2); putLittleEndian(value)
        }
    }

    @usableFromInline mutating func putNonInteger(_ value: Double) {
        if value.isNaN {
            put(0)
            return
        }
        var value = value
        if value.isInfinite { value = value > 0 ? 9007199254740991 : -9007199254740991 }
        if abs(value) <= 3.4028235e38 {
            let single = Float(value)
            if abs(abs(Double(single)) - abs(value)) < 1e-4 {
                put(0xCA)
                putLittleEndian(single.bitPattern)
                return
            }
        }
        put(0xCB)
        putLittleEndian(value.bitPattern)
    }

    // MARK: string (§8.4)

    /// The string encoding: a MessagePack-like length prefix (little-endian) and the UTF-8 bytes.
    @inlinable public mutating func string(_ value: String) {
        let utf8 = value.utf8
        let byteCount = utf8.count
        reserve(byteCount + 5)
        if byteCount < 0x20 {
            put(0xA0 | UInt8(byteCount))
        } else if byteCount < 0x100 {
            put(0xD9); put(UInt8(byteCount))
        } else if byteCount < 0x10000 {
            put(0xDA); putLittleEndian(UInt16(byteCount))
        } else {
            put(0xDB); putLittleEndian(UInt32(byteCount))
        }
        guard byteCount > 0 else { return }
        let destination = base + length
        let copied: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            destination.update(from: bytes.baseAddress!, count: byteCount)
        }
        if copied == nil { copyNonContiguous(value, to: destination) }
        length &+= byteCount
    }

    /// Bridged or otherwise non-contiguous strings.
    @usableFromInline func copyNonContiguous(_ value: String, to destination: UnsafeMutablePointer<UInt8>) {
        var position = destination
        for byte in value.utf8 {
            position.pointee = byte
            position += 1
        }
    }
}
