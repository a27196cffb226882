/// A WebSocket close status code as used by Colyseus (PROTOCOL.md §7).
public struct CloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    /// 1000: the latency probe's close.
    public static let normalClosure = CloseCode(1000)
    /// 1001: the peer is going away (the SDK reconnects).
    public static let goingAway = CloseCode(1001)
    /// 1005: a close frame without a status (the SDK reconnects).
    public static let noStatusReceived = CloseCode(1005)
    /// 1006: the connection dropped without a close frame (the SDK reconnects).
    public static let abnormalClosure = CloseCode(1006)
    /// 1009: an incoming message exceeded the size limit.
    public static let messageTooBig = CloseCode(1009)
    /// 4000: consented leave, or `disconnect()`.
    public static let consented = CloseCode(4000)
    /// 4001: graceful server shutdown.
    public static let serverShutdown = CloseCode(4001)
    /// 4002: join failure, bad input, unhandled message type, rate limit.
    public static let withError = CloseCode(4002)
    /// 4003: a reconnection attempt failed.
    public static let failedToReconnect = CloseCode(4003)
    /// 4010: the client may try to reconnect (development restarts).
    public static let mayTryReconnect = CloseCode(4010)

    public var description: String { String(rawValue) }
}
