import NIOCore

/// What a server WebSocket does with its connection: the Colyseus client of a room, or the latency probe.
///
/// Every method is called on the connection's event loop, in order: ``opened(_:)`` once, then
/// ``received(_:)`` for each complete message, then ``closed(code:)`` once.
protocol WebSocketMessageHandler: AnyObject {
    /// The upgrade is done; `connection` sends and closes from any thread.
    func opened(_ connection: WebSocketConnection)
    /// A complete data message (binary, or text read as bytes), unmasked.
    func received(_ message: ByteBuffer)
    /// The connection is gone: `code` is the peer's close code, 1005 for a close frame without status, and
    /// 1006 when the connection ended without a close frame.
    func closed(code: UInt16)
}
