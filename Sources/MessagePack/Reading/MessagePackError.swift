/// Why a payload is not one well-formed MessagePack value, and the byte offset where that was found.
///
/// Offsets count from the first byte of the payload handed to the reader.
public struct MessagePackError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the payload.
    public enum Reason: Sendable, Hashable {
        /// The payload ends inside a value: `needed` bytes were required at the offset, only `available` remain.
        /// A length or element count that the remaining bytes cannot hold is reported the same way, before anything is
        /// allocated for it.
        case truncated(needed: Int, available: Int)
        /// A complete value ends at the offset, `count` bytes before the end of the payload.
        case trailingBytes(count: Int)
        /// `c1`, a byte MessagePack never uses.
        case reservedByte
        /// An extension type this codec does not know. Only undefined (0), the timestamp (−1) and the msgpackr record
        /// definition (`d4 72`) are accepted; the reference server rejects the others too (closes with 4002).
        case unknownExtension(type: Int8)
        /// A timestamp extension whose data is not 4, 8 or 12 bytes long, or whose nanoseconds reach one second.
        case invalidTimestamp
        /// A string whose bytes are not valid UTF-8.
        case invalidUTF8
        /// A msgpackr record that cannot be read: a two-byte id (`d5 72`, never produced by the JS SDK), or a key list
        /// that is not an array of strings.
        case invalidRecord(String)
        /// Containers nested deeper than the reader's limit.
        case depthLimitExceeded(limit: Int)
    }

    /// What is wrong.
    public let reason: Reason
    /// The offset of the byte where the problem was found.
    public let offset: Int

    /// An error found at `offset`.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// `MessagePack error at byte <offset>: <reason>`.
    public var description: String {
        let problem = switch reason {
        case let .truncated(needed, available): "unexpected end of data: \(needed) bytes needed, \(available) left"
        case let .trailingBytes(count): "\(count) bytes after the end of the value"
        case .reservedByte: "reserved byte c1"
        case let .unknownExtension(type): "unknown extension type \(type)"
        case .invalidTimestamp: "invalid timestamp extension"
        case .invalidUTF8: "string is not valid UTF-8"
        case let .invalidRecord(detail): "invalid record: \(detail)"
        case let .depthLimitExceeded(limit): "nesting deeper than \(limit) levels"
        }
        return "MessagePack error at byte \(offset): \(problem)"
    }
}
