/// A matchmaking request or a join the server refused, with the server's code and message
/// (PROTOCOL.md §2.4 and §3.2), as the seed's `err.code` and `err.message`.
public struct MatchMakeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server's code: the HTTP status of a matchmaking answer (520–526 or a room's own code), or the
    /// code of the ERROR frame that preceded a refused WebSocket join (or the close code without one).
    public let code: Int
    /// The server's message.
    public let message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "matchmaking failed (\(code)): \(message)" }
}

/// A failure on the client's side: bad arguments, or a server that does not speak the expected protocol.
public enum ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The endpoint is not a ws, wss, http or https URL, or its TLS configuration is unusable.
    case invalidEndpoint(String)
    /// The join options or a message payload could not be encoded.
    case unencodable(String)
    /// The server answered with something this client cannot read.
    case unexpectedResponse(String)
    /// The server's state classes differ from the ones this client was built with.
    case schemaMismatch(String)
    /// A reconnection token is not of the form `roomId:token`.
    case invalidReconnectionToken(String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let detail): "invalid endpoint: \(detail)"
        case .unencodable(let detail): "cannot encode: \(detail)"
        case .unexpectedResponse(let detail): "unexpected response: \(detail)"
        case .schemaMismatch(let detail): "the server's state schema differs from this client's: \(detail)"
        case .invalidReconnectionToken(let token): "\"\(token)\" is not a reconnection token (roomId:token)"
        }
    }
}
