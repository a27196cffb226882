import ColyseusProtocol
import ColyseusServer
import NIOCore

/// A room client's WebSocket, as the room sends through it (from the room's event loop).
final class WebSocketClientTransport: ClientTransport {
    /// The WebSocket the client is connected through.
    let connection: WebSocketConnection

    init(connection: WebSocketConnection) {
        self.connection = connection
    }

    func send(_ frame: ByteBuffer) {
        connection.send(frame)
    }

    func close(code: CloseCode?, reason: String) {
        connection.close(code: code?.rawValue, reason: reason)
    }
}
