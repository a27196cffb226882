import NIOCore

/// A server WebSocket as the rest of the server sees it: messages and the close go out from any thread.
final class WebSocketConnection: Sendable {
    /// The connection's channel.
    let channel: any Channel
    /// The connection's handler, used only on the channel's event loop.
    private let handler: UnsafeTransfer<WebSocketConnectionHandler>

    init(channel: any Channel, handler: WebSocketConnectionHandler) {
        self.channel = channel
        self.handler = UnsafeTransfer(handler)
    }

    /// Sends one binary message. The same buffer handed to several connections on one thread in a row is
    /// framed once (see ``FramingCache``). On the connection's own event loop (a room's patches and replies)
    /// the frame goes straight to the socket's end of the pipeline.
    func send(_ message: ByteBuffer) {
        let frame = FramingCache.binaryFrame(of: message)
        if channel.eventLoop.inEventLoop {
            handler.value.send(frame)
        } else {
            channel.writeAndFlush(frame, promise: nil)
        }
    }

    /// Sends a close frame (without status when `code` is nil) after the messages sent before, then closes
    /// the connection once the peer answered, or after the close timeout.
    func close(code: UInt16?, reason: String) {
        channel.triggerUserOutboundEvent(WebSocketCloseRequest(code: code, reason: reason), promise: nil)
    }
}

/// The outbound event that makes ``WebSocketConnectionHandler`` start the closing handshake.
struct WebSocketCloseRequest: Sendable {
    let code: UInt16?
    let reason: String
}
