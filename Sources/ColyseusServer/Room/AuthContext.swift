import HTTPTypes

/// What authentication hooks know about the request: the token, the headers and the peer.
public struct AuthContext: Sendable {
    /// The token: `Authorization: Bearer <token>` or, on the WebSocket, the `_authToken` query value.
    public var token: String?
    /// The request's headers (the matchmaking request, or the WebSocket upgrade request).
    public var headers: HTTPFields
    /// The client's address: `x-forwarded-for`, `x-client-ip` or `x-real-ip` if present, else the peer.
    public var remoteAddress: String?

    public init(token: String? = nil, headers: HTTPFields = [:], remoteAddress: String? = nil) {
        self.token = token
        self.headers = headers
        self.remoteAddress = remoteAddress
    }
}

/// A WebSocket connecting to a room (PROTOCOL.md §3.3).
public struct ConnectionRequest: Sendable {
    /// The `sessionId` query value.
    public var sessionId: String
    /// The `reconnectionToken` query value.
    public var reconnectionToken: String?
    /// Whether `skipHandshake` is present (any value).
    public var skipHandshake: Bool
    /// Token, headers and peer of the upgrade request.
    public var context: AuthContext

    public init(sessionId: String, reconnectionToken: String? = nil, skipHandshake: Bool = false, context: AuthContext = AuthContext()) {
        self.sessionId = sessionId
        self.reconnectionToken = reconnectionToken
        self.skipHandshake = skipHandshake
        self.context = context
    }
}
