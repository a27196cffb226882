import ColyseusProtocol
import ColyseusSchema
import MessagePack
import NIOCore

/// A client connected to a room.
///
/// A client belongs to its room: use it only from the room's hooks, handlers and timers.
public final class Client: @unchecked Sendable {
    /// Where a client is in its session (PROTOCOL.md §6).
    public enum State: Sendable {
        /// JOIN_ROOM was sent; the acknowledgement has not arrived. Messages to it are queued.
        case joining
        /// The client acknowledged JOIN_ROOM and receives state and patches.
        case joined
        /// The connection dropped and a reconnection seat is open (`allowReconnection`).
        case reconnecting
        /// The client is leaving or has left.
        case leaving
    }

    /// The session id, unique in the room; the same after a reconnection.
    public let sessionId: String
    /// Server-side data about this client; never sent anywhere.
    public var userData: Any?
    /// What authentication returned for this client (static `onAuth`, then the room's `onAuth`).
    public internal(set) var auth: Any?
    /// The token a client presents to reconnect (a new one on every join and reconnection).
    public internal(set) var reconnectionToken: String
    /// Where the client is in its session.
    public internal(set) var state: State = .joining
    /// What this client sees of the state's `@view` fields (PROTOCOL.md §10); nil, the default, sees
    /// only unfiltered data. Several clients may share one view; a view can change at any time, the
    /// client gets what it gained or lost in its next patch.
    public var view: StateView?

    var transport: ClientTransport
    /// Messages sent before the acknowledgement, delivered after ROOM_STATE.
    var queuedFrames: [ByteBuffer] = []
    /// Whether the client ever acknowledged JOIN_ROOM (only such clients may reconnect).
    var wasJoined = false
    /// Whether `onLeave` ran for the current departure (directly, or through the default `onDrop`).
    var leaveHookRan = false
    /// The seat held by `allowReconnection` for the current departure.
    var reconnection: Reconnection?
    /// Whether a message handler of this client is running (or suspended): its next messages wait.
    var isHandlingMessage = false
    /// Messages that arrived while a handler of this client was suspended, in order.
    var waitingMessages: [ByteBuffer] = []
    /// Start of the current one-second rate-limit window and the messages counted in it.
    var rateWindowStart: ContinuousClock.Instant = .now
    var messagesInRateWindow = 0
    unowned(unsafe) let room: AnyRoom

    init(sessionId: String, transport: ClientTransport, room: AnyRoom) {
        self.sessionId = sessionId
        self.transport = transport
        self.room = room
        self.reconnectionToken = IdGenerator.make()
    }

    // MARK: sending

    /// Sends a message with a MessagePack-encoded payload.
    public func send(_ type: MessageType, _ message: some Encodable, afterNextPatch: Bool = false) throws {
        deliver(try Frames.roomData(type: type, message: message), afterNextPatch: afterNextPatch)
    }

    /// Sends a message without payload.
    public func send(_ type: MessageType, afterNextPatch: Bool = false) {
        deliver(Frames.roomData(type: type, payload: []), afterNextPatch: afterNextPatch)
    }

    /// Sends a message whose payload is a MessagePack value.
    public func send(_ type: MessageType, value: MessagePackValue, afterNextPatch: Bool = false) {
        deliver(Frames.roomData(type: type, value: value), afterNextPatch: afterNextPatch)
    }

    /// Sends raw bytes (`ROOM_DATA_BYTES`).
    public func sendBytes(_ type: MessageType, _ bytes: [UInt8], afterNextPatch: Bool = false) {
        deliver(Frames.roomDataBytes(type: type, bytes: bytes), afterNextPatch: afterNextPatch)
    }

    /// Sends an `ERROR` frame; the connection stays open.
    public func error(code: Int, message: String) {
        transport.send(Frames.error(code: code, message: message))
    }

    /// Closes the connection: `code` is a custom code (4000–4999) or nil for a close frame without
    /// status. The room then runs `onDrop` (or `onLeave` for 4000).
    public func leave(code: CloseCode? = nil, reason: String = "") {
        room.executor.assertIsCurrent()
        room.disconnect(self, code: code, reason: reason)
    }

    // MARK: delivery

    /// Sends now to a joined client, queues for a joining one (until its acknowledgement), drops for one
    /// that is away or leaving (a returning client gets the full state).
    func deliver(_ frame: ByteBuffer, afterNextPatch: Bool = false) {
        if afterNextPatch {
            room.afterPatchQueue.append(AfterPatchMessage(frame: frame, recipients: .client(self)))
            return
        }
        switch state {
        case .joined: transport.send(frame)
        case .joining: queuedFrames.append(frame)
        case .reconnecting, .leaving: break
        }
    }
}

extension Client: CustomStringConvertible {
    public var description: String { "Client(\(sessionId))" }
}
