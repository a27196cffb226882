import NIOCore

/// A server WebSocket as the rest of the server sees it: messages and the close go out from any thread.
final class WebSocketConnection: Sendable {
    /// The connection's channel.
    let channel: any Channel

    init(channel: any Channel) {
        self.channel = channel
    }

    /// Sends one binary message. The same buffer handed to several connections on one thread in a row is
    /// framed once (see ``FramingCache``).
    func send(_ message: ByteBuffer) {
        channel.writeAndFlush(FramingCache.binaryFrame(of: message), promise: nil)
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
