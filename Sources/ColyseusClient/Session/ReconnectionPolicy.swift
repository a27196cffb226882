/// How a room reconnects after its connection drops unexpectedly (close codes 1001, 1005, 1006 and
/// 4010, as Colyseus 0.17 clients do; PROTOCOL.md §6.5).
public struct ReconnectionPolicy: Sendable, Equatable {
    /// Attempts before the room gives up and reports ``RoomEvent/left(code:reason:)`` with 4003.
    public var maxRetries: Int
    /// A room joined less than this long ago does not reconnect: it leaves (a server that drops a client
    /// right after the join would otherwise be retried in a loop).
    public var minUptime: Duration
    /// The delay of attempt `n` is `2^n × minDelay`, clamped to `minDelay...maxDelay`.
    public var minDelay: Duration
    public var maxDelay: Duration

    public init(maxRetries: Int = 15, minUptime: Duration = .seconds(5), minDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(5)) {
        self.maxRetries = maxRetries
        self.minUptime = minUptime
        self.minDelay = minDelay
        self.maxDelay = maxDelay
    }

    /// Colyseus 0.17's defaults: 15 attempts, 5 s of uptime, delays from 200 ms doubling up to 5 s.
    public static let standard = ReconnectionPolicy()

    /// Never reconnect: a drop ends the session.
    public static let disabled = ReconnectionPolicy(maxRetries: 0)

    /// The wait before attempt `attempt` (1-based).
    func delay(beforeAttempt attempt: Int) -> Duration {
        let factor = 1 << min(attempt, 30)
        return min(max(minDelay * factor, minDelay), maxDelay)
    }

    /// Whether a close with `code` is a drop worth reconnecting after.
    static func isDrop(_ code: Int) -> Bool {
        [1001, 1005, 1006, 4010].contains(code)
    }
}
