import ColyseusProtocol
import NIOCore

/// The connection a ``Client`` talks through (a WebSocket in the server, an in-memory pipe in tests).
///
/// Both methods are called from the room's executor and must not block: a transport queues frames and
/// writes them on its own task, in order.
public protocol ClientTransport: AnyObject, Sendable {
    /// Queues one complete binary message. The same buffer is handed to every client that receives it.
    func send(_ frame: ByteBuffer)
    /// Sends a close frame after the queued messages (no status code when `code` is nil), then closes.
    func close(code: CloseCode?, reason: String)
}
