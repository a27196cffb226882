/// Why a Redis command failed.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection to the server: the last attempt failed with `reason` (the client keeps reconnecting).
    case unavailable(String)
    /// No reply within the command timeout; the connection is closed and reopened.
    case timeout(command: String, seconds: Double)
    /// The server answered with an error reply (`-ERR …`).
    case server(String)
    /// The server sent bytes that are not RESP; the connection is closed and reopened.
    case malformedReply(RESPParseError)
    /// A reply of another shape than the command has (e.g. a string where a number belongs).
    case unexpectedReply(command: String, reply: String)
    /// The connection closed while the command waited for its reply.
    case connectionClosed
    /// The client was shut down.
    case shutDown

    public var description: String {
        switch self {
        case .unavailable(let reason): "Redis is unavailable: \(reason)"
        case .timeout(let command, let seconds): "Redis did not answer \(command) within \(seconds) s"
        case .server(let message): "Redis refused the command: \(message)"
        case .malformedReply(let error): "Redis sent a \(error)"
        case .unexpectedReply(let command, let reply): "unexpected Redis reply to \(command): \(reply)"
        case .connectionClosed: "the Redis connection closed before the reply"
        case .shutDown: "the Redis client was shut down"
        }
    }
}
