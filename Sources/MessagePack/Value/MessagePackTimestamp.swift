/// A point in time as the MessagePack timestamp extension (type −1) carries it: seconds since 1970-01-01T00:00:00Z
/// and the nanoseconds within that second (a JS `Date` has milliseconds, so its nanoseconds are multiples of 10^6).
///
/// ``MessagePackEncoder`` writes it as the timestamp extension and ``MessagePackDecoder`` reads it from one; other
/// coders see a plain `{seconds, nanoseconds}` structure.
public struct MessagePackTimestamp: Hashable, Comparable, Sendable, Codable {
    /// Whole seconds since the Unix epoch (negative before 1970).
    public var seconds: Int64
    /// Nanoseconds added to ``seconds``, below 1 000 000 000.
    public var nanoseconds: UInt32

    /// A timestamp; `nanoseconds` must be below 1 000 000 000.
    public init(seconds: Int64, nanoseconds: UInt32 = 0) {
        precondition(nanoseconds < 1_000_000_000, "nanoseconds must be below one second")
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Earlier first.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}
