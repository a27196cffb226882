/// Appends MessagePack values to a byte array, in one of two ``Format``s. Never writes msgpackr records.
///
/// ```swift
/// var writer = MessagePackWriter()
/// writer.writeMapHeader(count: 1)
/// writer.write("x")
/// writer.write(1.5)
/// ```
public struct MessagePackWriter: Sendable {
    /// The bytes written so far (anything the writer was created with comes first).
    public var bytes: [UInt8]
    /// How numbers, maps and timestamps are laid out.
    public var format: Format

    /// A writer appending to `bytes` (for example a frame's header) in `format`.
    @inlinable
    public init(format: Format = .compact, appendingTo bytes: [UInt8] = []) {
        self.bytes = bytes
        self.format = format
    }

    /// `c0`.
    @inlinable public mutating func writeNil() { bytes.append(0xC0) }

    /// `d4 00 00`: JS `undefined`.
    @inlinable public mutating func writeUndefined() { bytes.append(contentsOf: [0xD4, 0x00, 0x00] as [UInt8]) }

    /// `c3` or `c2`.
    @inlinable public mutating func write(_ value: Bool) { bytes.append(value ? 0xC3 : 0xC2) }

    /// An integer in its smallest form; in `referenceCompatible` format as a JS number (see ``Format``).
    @inlinable public mutating func write(_ value: Int) { write(Int64(value)) }

    /// An integer in its smallest form; in `referenceCompatible` format as a JS number (see ``Format``).
    @inlinable
    public mutating func write(_ value: Int64) {
        if value >= 0 {
            write(UInt64(value))
        } else if value >= -32 {
            bytes.append(UInt8(bitPattern: Int8(value)))
        } else if value >= -0x80 {
            append(0xD0, Int8(value))
        } else if value >= -0x8000 {
            append(0xD1, Int16(value))
        } else if value >= -0x8000_0000 {
            append(0xD2, Int32(value))
        } else if format == .referenceCompatible && value >= -Self.largestExactDouble {
            append(0xCB, Double(value).bitPattern)
        } else {
            append(0xD3, value)
        }
    }

    /// A non-negative integer in its smallest form; in `referenceCompatible` format as a JS number (see ``Format``).
    @inlinable
    public mutating func write(_ value: UInt64) {
        if value < 0x80 {
            bytes.append(UInt8(value))
        } else if value <= 0xFF {
            append(0xCC, UInt8(value))
        } else if value <= 0xFFFF {
            append(0xCD, UInt16(value))
        } else if value <= 0xFFFF_FFFF {
            append(0xCE, UInt32(value))
        } else if format == .referenceCompatible {
            if value <= UInt64(Self.largestExactDouble) {
                append(0xCB, Double(value).bitPattern)
            } else if value <= UInt64(Int64.max) {
                append(0xD3, value)
            } else {
                append(0xCF, value)
            }
        } else {
            append(0xCF, value)
        }
    }

    /// A float64 (`cb`); in `referenceCompatible` format an integral value within 32 bits as an integer, as a JS
    /// number (see ``Format``).
    @inlinable
    public mutating func write(_ value: Double) {
        if format == .referenceCompatible, value == value.rounded(.towardZero), value >= -0x8000_0000, value <= 0xFFFF_FFFF {
            write(Int64(value))
        } else {
            append(0xCB, value.bitPattern)
        }
    }

    /// A float32 (`ca`); in `referenceCompatible` format as the JS number it widens to (JS has no float32).
    @inlinable
    public mutating func write(_ value: Float) {
        if format == .referenceCompatible {
            write(Double(value))
        } else {
            append(0xCA, value.bitPattern)
        }
    }

    /// A UTF-8 string in its smallest form.
    @inlinable
    public mutating func write(_ value: String) {
        let copied: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            writeStringHeader(count: utf8.count)
            bytes.append(contentsOf: utf8)
        }
        if copied == nil {
            writeStringHeader(count: value.utf8.count)
            bytes.append(contentsOf: value.utf8)
        }
    }

    /// A byte string (`c4`, `c5`, `c6`) in its smallest form.
    @inlinable
    public mutating func write(binary: some Collection<UInt8>) {
        let count = binary.count
        if count <= 0xFF {
            append(0xC4, UInt8(count))
        } else if count <= 0xFFFF {
            append(0xC5, UInt16(count))
        } else {
            append(0xC6, UInt32(count))
        }
        bytes.append(contentsOf: binary)
    }

    /// The header of an array of `count` elements, which the caller writes next.
    @inlinable
    public mutating func writeArrayHeader(count: Int) {
        if count < 16 {
            bytes.append(0x90 | UInt8(count))
        } else if count <= 0xFFFF {
            append(0xDC, UInt16(count))
        } else {
            append(0xDD, UInt32(count))
        }
    }

    /// The header of a map of `count` entries, whose keys and values the caller writes next, alternating. In
    /// `referenceCompatible` format a map below 65 536 entries always takes the map16 form `de hh ll`.
    @inlinable
    public mutating func writeMapHeader(count: Int) {
        if count < 16 && format == .compact {
            bytes.append(0x80 | UInt8(count))
        } else if count <= 0xFFFF {
            append(0xDE, UInt16(count))
        } else {
            append(0xDF, UInt32(count))
        }
    }

    /// The timestamp extension (type −1) in the layout the format picks (see ``Format``).
    @inlinable
    public mutating func write(_ timestamp: MessagePackTimestamp) {
        let seconds = timestamp.seconds, nanoseconds = timestamp.nanoseconds
        let fitsTimestamp32: Bool, fitsTimestamp64: Bool
        switch format {
        case .compact:
            fitsTimestamp32 = nanoseconds == 0 && seconds >= 0 && seconds <= 0xFFFF_FFFF
            fitsTimestamp64 = seconds >= 0 && seconds < 1 << 34
        case .referenceCompatible:
            // msgpackr: 32-bit when whole and 0 <= t < 2^32 s, 64-bit when 0 < t < 2^32 s, else 96-bit.
            fitsTimestamp32 = nanoseconds == 0 && seconds >= 0 && seconds <= 0xFFFF_FFFF
            fitsTimestamp64 = (seconds > 0 || nanoseconds > 0) && seconds >= 0 && seconds <= 0xFFFF_FFFF
        }
        if fitsTimestamp32 {
            append(0xD6, 0xFF as UInt8)
            append(UInt32(seconds))
        } else if fitsTimestamp64 {
            append(0xD7, 0xFF as UInt8)
            append(UInt64(nanoseconds) << 34 | UInt64(seconds))
        } else {
            append(0xC7, 12 as UInt8)
            bytes.append(0xFF)
            append(nanoseconds)
            append(seconds)
        }
    }

    // MARK: Helpers

    /// 2^53: the integers up to it are exactly JS numbers.
    @usableFromInline static let largestExactDouble: Int64 = 1 << 53

    @inlinable
    mutating func writeStringHeader(count: Int) {
        if count < 32 {
            bytes.append(0xA0 | UInt8(count))
        } else if count <= 0xFF {
            append(0xD9, UInt8(count))
        } else if count <= 0xFFFF {
            append(0xDA, UInt16(count))
        } else {
            append(0xDB, UInt32(count))
        }
    }

    /// `value` big-endian.
    @inlinable
    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// A marker byte, then `value` big-endian.
    @inlinable
    mutating func append<T: FixedWidthInteger>(_ marker: UInt8, _ value: T) {
        bytes.append(marker)
        append(value)
    }
}
