import NIOCore
import NIOWebSocket
import Synchronization

/// Sits after the WebSocket frame decoder of an upgraded connection and does what Hummingbird's
/// WebSocket handler does not: it records the close frame the peer sent (so the room learns 4000,
/// 1001 or 1005 instead of a generic 1006), answers a peer's close with the peer's own code as the
/// reference does, and lets only one close frame out (after a close without status, Hummingbird
/// would send a second one).
final class PeerCloseRecorder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// The peer's close frame: nil until one arrived; `code` nil for a close frame without status.
    final class Record: Sendable {
        private let close = Mutex<(code: UInt16?, seen: Bool)>((nil, false))

        /// The code the room should see: the peer's, 1005 for a close without status, 1006 without a close frame.
        var closeCode: UInt16 {
            close.withLock { close in close.seen ? close.code ?? 1005 : 1006 }
        }

        fileprivate func set(_ code: UInt16?) {
            close.withLock { $0 = (code, true) }
        }
    }

    private let record: Record
    private var peerClosePayload: ByteBuffer?
    private var sentClose = false

    private init(record: Record) {
        self.record = record
    }

    /// Adds a recorder to the upgraded `channel` and returns its record.
    static func install(on channel: any Channel) async throws -> Record {
        let record = Record()
        try await channel.eventLoop.submit {
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<WebSocketFrameDecoder>.self)
            try pipeline.addHandler(PeerCloseRecorder(record: record), position: .after(decoder))
        }.get()
        return record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        if frame.opcode == .connectionClose, peerClosePayload == nil {
            let payload = frame.unmaskedData
            peerClosePayload = payload
            record.set(payload.getInteger(at: payload.readerIndex, as: UInt16.self))
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let frame = unwrapOutboundIn(data)
        guard frame.opcode == .connectionClose else {
            context.write(data, promise: promise)
            return
        }
        guard !sentClose else {
            promise?.succeed(())
            return
        }
        sentClose = true
        if let peer = peerClosePayload, Self.mayEcho(peer) {
            context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: peer)), promise: promise)
        } else {
            context.write(data, promise: promise)
        }
    }

    /// Codes a close reply may carry (RFC 6455 §7.4); an empty close is echoed empty.
    private static func mayEcho(_ payload: ByteBuffer) -> Bool {
        guard let code = payload.getInteger(at: payload.readerIndex, as: UInt16.self) else { return true }
        return (1000...1003).contains(code) || (1007...1011).contains(code) || (3000...4999).contains(code)
    }
}
