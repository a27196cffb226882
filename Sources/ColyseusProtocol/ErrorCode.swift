/// Error codes of matchmaking (HTTP status) and of `ERROR` frames (PROTOCOL.md §2.4).
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }

    /// 520: unknown matchmaking method or room name.
    public static let matchmakeNoHandler = ErrorCode(520)
    /// 521: `join` found no room matching the criteria.
    public static let matchmakeInvalidCriteria = ErrorCode(521)
    /// 522: unknown, locked or disposed room id.
    public static let matchmakeInvalidRoomId = ErrorCode(522)
    /// 523: an error without a code during matchmaking.
    public static let matchmakeUnhandled = ErrorCode(523)
    /// 524: expired seat reservation or reconnection token.
    public static let matchmakeExpired = ErrorCode(524)
    /// 525: authentication refused.
    public static let authFailed = ErrorCode(525)
    /// 526: an error without a code while joining.
    public static let applicationError = ErrorCode(526)
    /// 4217: a payload that failed to decode or validate.
    public static let invalidPayload = ErrorCode(4217)

    public var description: String { String(rawValue) }
}
