/// Why a connection to the server could not be made.
public enum TransportError: Error, Sendable, CustomStringConvertible {
    /// No connection: the host is unknown, the port closed or the TLS handshake failed.
    case unreachable(String, underlying: String)
    /// The server answered the WebSocket upgrade with something else than 101.
    case upgradeRefused(String)
    /// No answer in time.
    case timedOut(String)
    /// An HTTP answer could not be read.
    case malformedResponse(String)

    public var description: String {
        switch self {
        case let .unreachable(address, underlying): "cannot connect to \(address): \(underlying)"
        case let .upgradeRefused(status): "the server refused the WebSocket upgrade: \(status)"
        case let .timedOut(what): "timed out waiting for \(what)"
        case let .malformedResponse(reason): "malformed HTTP response: \(reason)"
        }
    }
}
