/// Everything a room needs to open (and reopen) its WebSocket: where, as whom, and how.
struct SessionAddress: Sendable {
    let endpoint: Endpoint
    let seat: SeatReservation
    let authToken: String?
    let configuration: Client.Configuration
    let tls: TLSProvider?

    /// The URL of the first connection (§3.1): `sessionId`, then `reconnectionToken` for a manual
    /// reconnection, then `_authToken`. The handshake is always asked for, so the client can check it.
    func joinURL() throws(ClientError) -> EndpointURL {
        var query = [("sessionId", seat.sessionId)]
        if let token = seat.reconnectionToken { query.append(("reconnectionToken", token)) }
        if let authToken { query.append(("_authToken", authToken)) }
        return try endpoint.webSocketURL(processId: seat.processId, roomId: seat.roomId, publicAddress: seat.publicAddress, extraQuery: query)
    }

    /// The URL of an automatic reconnection: the same URL with the current token and no handshake.
    func reconnectionURL(token: String) throws(ClientError) -> EndpointURL {
        var query = [("sessionId", seat.sessionId), ("reconnectionToken", token)]
        if let authToken { query.append(("_authToken", authToken)) }
        query.append(("skipHandshake", "true"))
        return try endpoint.webSocketURL(processId: seat.processId, roomId: seat.roomId, publicAddress: seat.publicAddress, extraQuery: query)
    }

    /// Opens a WebSocket to `url`.
    func connect(_ url: EndpointURL) async throws -> WebSocketConnection {
        try await WebSocketConnection.connect(
            to: url, headers: [], tls: endpoint.isSecure ? tls : nil,
            maxMessageSize: configuration.maxMessageSize, timeout: configuration.timeout,
            on: configuration.eventLoopGroup
        )
    }
}
