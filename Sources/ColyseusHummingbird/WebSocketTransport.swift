import ColyseusProtocol
import ColyseusServer
import NIOCore
import NIOWebSocket

/// A client's WebSocket as the room sees it. Frames are written straight to the connection's channel
/// (thread-safe, no task hop: the same buffer goes to every client of a patch); the close goes through
/// a queue to the connection's task, which closes with Hummingbird's close handshake after them.
final class WebSocketTransport: ClientTransport {
    enum Outbound: Sendable {
        case close(CloseCode?, reason: String)
    }

    let outbound: AsyncStream<Outbound>
    private let continuation: AsyncStream<Outbound>.Continuation
    private let channel: any Channel

    init(channel: any Channel) {
        self.channel = channel
        (outbound, continuation) = AsyncStream.makeStream(of: Outbound.self)
    }

    func send(_ frame: ByteBuffer) {
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .binary, data: frame), promise: nil)
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
