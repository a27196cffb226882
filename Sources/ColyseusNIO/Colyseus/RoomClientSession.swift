import ColyseusProtocol
import ColyseusServer
import Logging
import NIOCore

/// A Colyseus client's WebSocket (PROTOCOL.md §3.3): admitted into its room with its seat, then its
/// messages go to the room, in order, and the room's frames come back through its transport.
///
/// Lives on the connection's event loop. The server hands the connection over to the room's event loop
/// before the upgrade, so messages reach the room without waking another thread; a connection that stayed
/// elsewhere still works, each message hopping over.
final class RoomClientSession: WebSocketMessageHandler {
    private enum Phase {
        /// Waiting for the room's answer; messages that arrive meanwhile wait too.
        case admitting(waiting: [ByteBuffer])
        case admitted(AnyRoom, Client)
        /// The socket closed (with `code`) before the room answered.
        case closedWhileAdmitting(code: UInt16)
        /// Refused, or closed.
        case ended
    }

    private let matchMaker: MatchMaker
    private let url: ConnectionURL
    private let authContext: AuthContext
    private let logger: Logger
    private var phase = Phase.admitting(waiting: [])
    /// The connection as the room sends through it; let go once the connection closed (it refers back to
    /// this session through the connection's handler).
    private var transport: WebSocketClientTransport?

    init(matchMaker: MatchMaker, url: ConnectionURL, authContext: AuthContext, logger: Logger) {
        self.matchMaker = matchMaker
        self.url = url
        self.authContext = authContext
        self.logger = logger
    }

    func opened(_ connection: WebSocketConnection) {
        let transport = WebSocketClientTransport(connection: connection)
        self.transport = transport
        guard let roomId = url.roomId, let sessionId = url.sessionId, matchMaker.room(id: roomId) != nil else {
            phase = .ended
            ConnectionRefusal.send(ConnectionRefusal.seatExpired, to: transport, reconnecting: url.reconnectionToken != nil)
            return
        }
        let request = ConnectionRequest(
            sessionId: sessionId,
            reconnectionToken: url.reconnectionToken,
            skipHandshake: url.skipHandshake,
            context: authContext
        )
        let session = NIOLoopBound(self, eventLoop: connection.channel.eventLoop)
        let matchMaker = self.matchMaker
        Task {
            guard let room = matchMaker.room(id: roomId) else {
                ConnectionRefusal.send(ConnectionRefusal.seatExpired, to: transport, reconnecting: request.reconnectionToken != nil)
                session.eventLoop.execute { session.value.phase = .ended }
                return
            }
            let client = await room.admit(transport, request: request)
            let admitted = UnsafeTransfer((room, client))
            session.eventLoop.execute { session.value.admitted(admitted.value.0, admitted.value.1) }
        }
    }

    private func admitted(_ room: AnyRoom, _ client: Client?) {
        if case .closedWhileAdmitting(let code) = phase {
            phase = .ended
            if let client, let transport { room.transportClosed(transport, of: client, code: CloseCode(code)) }
            transport = nil
            return
        }
        guard case .admitting(let waiting) = phase else { return }
        guard let client else {
            phase = .ended
            return
        }
        phase = .admitted(room, client)
        for message in waiting { room.receive(message, from: client) }
    }

    func received(_ message: ByteBuffer) {
        switch phase {
        case .admitted(let room, let client): room.receive(message, from: client)
        case .admitting(var waiting):
            waiting.append(message)
            phase = .admitting(waiting: waiting)
        case .closedWhileAdmitting, .ended: break
        }
    }

    func closed(code: UInt16) {
        switch phase {
        case .admitted(let room, let client):
            if let transport { room.transportClosed(transport, of: client, code: CloseCode(code)) }
            phase = .ended
            transport = nil
        case .admitting:
            // The room's answer still needs the transport.
            phase = .closedWhileAdmitting(code: code)
        case .closedWhileAdmitting, .ended:
            phase = .ended
            transport = nil
        }
    }
}
