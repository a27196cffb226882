import ColyseusProtocol
import ColyseusServer
import NIOCore

/// A client's WebSocket as the room sees it: frames and the close go into a queue that the
/// connection's writer task drains in order, so a room never waits on a socket.
final class WebSocketTransport: ClientTransport {
    enum Outbound: Sendable {
        case frame(ByteBuffer)
        case close(CloseCode?, reason: String)
    }

    let outbound: AsyncStream<Outbound>
    private let continuation: AsyncStream<Outbound>.Continuation

    init() {
        (outbound, continuation) = AsyncStream.makeStream(of: Outbound.self)
    }

    func send(_ frame: ByteBuffer) {
        continuation.yield(.frame(frame))
    }

    func close(code: CloseCode?, reason: String) {
        continuation.yield(.close(code, reason: reason))
        continuation.finish()
    }

    /// Ends the queue when the socket is gone.
    func finish() {
        continuation.finish()
    }
}
