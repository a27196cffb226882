/// The type of a `ROOM_DATA` or `ROOM_DATA_BYTES` message: a string or an integer (PROTOCOL.md §4.2).
public enum MessageType: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case integer(Int)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    /// The type as the reference server prints it in close reasons: the string itself, or the number.
    public var description: String {
        switch self {
        case .string(let text): text
        case .integer(let number): String(number)
        }
    }
}
