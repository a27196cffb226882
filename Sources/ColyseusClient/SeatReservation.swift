/// A seat in a room, reserved by matchmaking (PROTOCOL.md §2.3); ``Client/consumeSeatReservation(_:state:isolation:)``
/// joins with it.
public struct SeatReservation: Codable, Sendable, Equatable {
    /// The room type's name.
    public var name: String
    public var sessionId: String
    public var roomId: String
    /// The hosting process, a segment of the WebSocket URL.
    public var processId: String
    /// Where to connect instead of the endpoint (`host[:port][/path]`), when the server says so.
    public var publicAddress: String?
    /// Set when the seat is a manual reconnection's: the token the WebSocket URL carries.
    public var reconnectionToken: String?

    public init(name: String, sessionId: String, roomId: String, processId: String, publicAddress: String? = nil, reconnectionToken: String? = nil) {
        self.name = name
        self.sessionId = sessionId
        self.roomId = roomId
        self.processId = processId
        self.publicAddress = publicAddress
        self.reconnectionToken = reconnectionToken
    }
}
