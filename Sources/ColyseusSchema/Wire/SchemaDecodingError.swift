/// Why a state message could not be decoded. Every case names the byte offset where decoding stopped.
public enum SchemaDecodingError: Error, Equatable, CustomStringConvertible {
    /// The message ended in the middle of a value.
    case truncated(offset: Int, expected: String)
    /// A byte that cannot start the expected value.
    case unexpectedByte(UInt8, offset: Int, expected: String)
    /// A section header names a refId the decoder does not hold.
    case unknownRefId(Int, offset: Int)
    /// An operation names a field index the class does not declare.
    case unknownField(index: Int, type: String, offset: Int)
    /// A TYPE_ID names a type id absent from the type context.
    case unknownTypeId(Int, offset: Int)
    /// A refId is reused for an instance of another class than the field expects.
    case typeMismatch(refId: Int, expected: String, found: String, offset: Int)
    /// An operation that is not valid on this kind of ref (e.g. a map operation without key).
    case invalidOperation(UInt8, on: String, offset: Int)
    /// A string that is not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// The handshake does not describe a usable type set.
    case invalidHandshake(String)

    public var description: String {
        switch self {
        case let .truncated(offset, expected):
            "truncated state message at byte \(offset): expected \(expected)"
        case let .unexpectedByte(byte, offset, expected):
            "unexpected byte 0x\(String(byte, radix: 16)) at byte \(offset): expected \(expected)"
        case let .unknownRefId(refId, offset):
            "unknown refId \(refId) at byte \(offset)"
        case let .unknownField(index, type, offset):
            "\(type) has no field with index \(index) (byte \(offset))"
        case let .unknownTypeId(typeId, offset):
            "unknown type id \(typeId) at byte \(offset)"
        case let .typeMismatch(refId, expected, found, offset):
            "refId \(refId) is a \(found), expected \(expected) (byte \(offset))"
        case let .invalidOperation(operation, type, offset):
            "operation \(Operation.name(operation)) is not valid on \(type) (byte \(offset))"
        case let .invalidUTF8(offset):
            "invalid UTF-8 in string at byte \(offset)"
        case let .invalidHandshake(reason):
            "invalid handshake: \(reason)"
        }
    }
}
