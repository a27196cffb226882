import ColyseusProtocol
import MessagePack

/// Something that happened to a room, as ``Room/events`` delivers it.
public enum RoomEvent: Sendable, Equatable {
    /// The state was updated by a full state or a patch; `isFirstState` for the first one of the session
    /// (and the first after a reconnection rebuilt it). Read the state itself from ``Room/state``.
    case stateChanged(isFirstState: Bool)
    /// A message with a MessagePack payload (`.nil` when it had none).
    case message(type: MessageType, payload: MessagePackValue)
    /// A message of raw bytes (the server's `sendBytes`).
    case bytes(type: MessageType, bytes: [UInt8])
    /// The server reported an error (`client.error(code, message)`), or the client could not read what
    /// the server sent.
    case error(code: Int, message: String)
    /// The connection dropped; the client is reconnecting.
    case dropped(code: Int, reason: String)
    /// The client reconnected after a drop.
    case reconnected
    /// The client left the room for good; no event follows.
    case left(code: Int, reason: String)
}
