import Logging
import NIOCore
import NIOWebSocket

/// The server side of one WebSocket after the upgrade (RFC 6455), behind NIO's `WebSocketFrameDecoder`:
/// it reassembles messages and hands them to its ``WebSocketMessageHandler``, answers pings, keeps the
/// connection alive, runs the closing handshake, and enforces the limits.
///
/// - Client frames must be masked, without RSV bits, with a known opcode; otherwise: close 1002.
/// - A message over `maxMessageSize` (one frame, or fragments together): close 1009. A text message that is
///   not UTF-8: close 1007. Text messages are otherwise read as bytes.
/// - A ping at every tick of the server's ``KeepAlive``; a client that missed `missedPongLimit` pongs is cut
///   without a close frame.
/// - A client that reads less than it is sent: once `maxBufferedBytes` wait unsent, it is cut (its room sees
///   1006, as for any dropped connection); nothing more is queued for it.
/// - Closing: the server sends its close frame and closes the connection when the peer's close arrives, the
///   peer goes away, or `closeTimeout` passed; meanwhile it reads and drops what comes, so the peer reads the
///   close frame instead of a reset. A close from the peer is answered with its own code and ends the connection.
final class WebSocketConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The limits and timings of the connection.
    struct Configuration: Sendable {
        var maxMessageSize: Int
        var keepAlive: KeepAlive
        var missedPongLimit = 2
        var closeTimeout: TimeAmount = .seconds(2)
        var maxBufferedBytes: Int
    }

    private enum State {
        case open
        /// Our close frame is out; waiting for the peer's.
        case closing
        case closed
    }

    private let configuration: Configuration
    private let handler: any WebSocketMessageHandler
    private let logger: Logger
    private var state = State.open
    /// The code the peer's close frame carried (1005 without status); nil while none arrived.
    private var peerCloseCode: UInt16?
    /// The fragments of a message in progress, and whether it is text.
    private var fragments: ByteBuffer?
    private var fragmentsAreText = false
    private var missedPongs = 0
    private var closeDeadline: Scheduled<Void>?
    /// The handler's place in the pipeline, between `handlerAdded` and `handlerRemoved`.
    private var context: ChannelHandlerContext?
    /// Where one-frame messages are unmasked: reused, so a message costs no allocation once warm (unless the
    /// room still holds the previous one).
    private var unmasked = ByteBuffer()

    init(configuration: Configuration, handler: any WebSocketMessageHandler, logger: Logger) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
    }

    // MARK: lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let limit = configuration.maxBufferedBytes
        context.channel.setOption(ChannelOptions.writeBufferWaterMark, value: .init(low: limit / 2, high: limit)).whenFailure { _ in }
        configuration.keepAlive.add(self, on: context.eventLoop)
        handler.opened(WebSocketConnection(channel: context.channel, handler: self))
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        configuration.keepAlive.remove(self, on: context.eventLoop)
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        state = .closed
        configuration.keepAlive.remove(self, on: context.eventLoop)
        closeDeadline?.cancel()
        handler.closed(code: peerCloseCode ?? 1006)
        context.fireChannelInactive()
    }

    // MARK: inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch state {
        case .closed: return
        case .closing where frame.opcode != .connectionClose: return
        case .open, .closing: break
        }
        guard frame.maskKey != nil, !frame.rsv1, !frame.rsv2, !frame.rsv3 else {
            return fail(context: context, code: 1002)
        }
        switch frame.opcode {
        case .binary, .text:
            guard fragments == nil else { return fail(context: context, code: 1002) }
            if frame.fin {
                deliver(unmask(frame), isText: frame.opcode == .text, context: context)
            } else {
                fragments = frame.unmaskedData
                fragmentsAreText = frame.opcode == .text
            }
        case .continuation:
            guard var message = fragments else { return fail(context: context, code: 1002) }
            var data = frame.unmaskedData
            guard message.readableBytes + data.readableBytes <= configuration.maxMessageSize else {
                return fail(context: context, code: 1009)
            }
            message.writeBuffer(&data)
            if frame.fin {
                fragments = nil
                deliver(message, isText: fragmentsAreText, context: context)
            } else {
                fragments = message
            }
        case .ping:
            context.writeAndFlush(wrapOutboundOut(ServerFrame.pong(frame.unmaskedData)), promise: nil)
        case .pong:
            missedPongs = 0
        case .connectionClose:
            peerClosed(frame.unmaskedData, context: context)
        default:
            fail(context: context, code: 1002)
        }
    }

    private func unmask(_ frame: WebSocketFrame) -> ByteBuffer {
        guard let key = frame.maskKey else { return frame.data }
        unmasked.clear()
        unmasked.writeImmutableBuffer(frame.data)
        unmasked.webSocketUnmask(key)
        return unmasked
    }

    private func deliver(_ message: ByteBuffer, isText: Bool, context: ChannelHandlerContext) {
        if isText, String(validating: message.readableBytesView, as: UTF8.self) == nil {
            return fail(context: context, code: 1007)
        }
        handler.received(message)
    }

    /// The peer's close frame: answered with the peer's own code (RFC 6455 §5.5.1) unless it is not one a
    /// close may carry (then 1002), then the connection ends.
    private func peerClosed(_ payload: ByteBuffer, context: ChannelHandlerContext) {
        let code = payload.getInteger(at: payload.readerIndex, as: UInt16.self)
        peerCloseCode = code ?? 1005
        guard state == .open else {
            context.close(promise: nil)
            return
        }
        state = .closing
        let reply: ByteBuffer
        if payload.readableBytes == 1 || code.map(Self.mayBeSent) == false {
            reply = ServerFrame.close(code: 1002)
        } else {
            reply = ServerFrame.frame(.connectionClose, payload: payload)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(reply), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Codes a close frame may carry (RFC 6455 §7.4).
    private static func mayBeSent(_ code: UInt16) -> Bool {
        (1000...1003).contains(code) || (1007...1011).contains(code) || (3000...4999).contains(code)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch error {
        case NIOWebSocketError.invalidFrameLength:
            fail(context: context, code: 1009)
        case is NIOWebSocketError:
            fail(context: context, code: 1002)
        case ByteToMessageDecoderError.dataReceivedInErrorState:
            // What follows a frame the decoder refused; the close is on its way.
            break
        default:
            logger.debug("WebSocket connection failed", metadata: ["error": "\(error)"])
            context.close(promise: nil)
        }
    }

    /// A protocol violation or a limit: the close frame with `code`, then the closing handshake.
    private func fail(context: ChannelHandlerContext, code: UInt16) {
        logger.debug("closing a WebSocket that broke the protocol or a limit", metadata: ["code": "\(code)"])
        startClosing(code: code, reason: "", context: context)
    }

    // MARK: outbound

    /// Writes and flushes a frame from the channel's event loop, as `channel.writeAndFlush` would, without
    /// going through the pipeline's entry.
    func send(_ frame: ByteBuffer) {
        guard state == .open, let context else { return }
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard state == .open else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.write(data, promise: promise)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let request = event as? WebSocketCloseRequest else {
            return context.triggerUserOutboundEvent(event, promise: promise)
        }
        startClosing(code: request.code, reason: request.reason, context: context)
        promise?.succeed()
    }

    /// Sends the close frame (after everything written before it) and waits for the peer's answer.
    private func startClosing(code: UInt16?, reason: String, context: ChannelHandlerContext) {
        guard state == .open else { return }
        state = .closing
        fragments = nil
        context.writeAndFlush(wrapOutboundOut(ServerFrame.close(code: code, reason: reason)), promise: nil)
        closeDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: configuration.closeTimeout) {
            context.close(promise: nil)
        }
    }

    /// A client that stopped reading: cut it before its queue grows without bound.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if !context.channel.isWritable, state != .closed {
            logger.warning(
                "closing a WebSocket that does not read what it is sent",
                metadata: ["unsent bytes limit": "\(configuration.maxBufferedBytes)"]
            )
            state = .closed
            context.close(promise: nil)
        }
        context.fireChannelWritabilityChanged()
    }

    // MARK: keep-alive

    /// Pings the client, or cuts it when it did not answer the last pings.
    func keepAliveTick() {
        guard state == .open, let context else { return }
        guard missedPongs < configuration.missedPongLimit else {
            logger.debug("closing a WebSocket that stopped answering pings")
            context.close(promise: nil)
            return
        }
        missedPongs += 1
        context.writeAndFlush(wrapOutboundOut(ServerFrame.ping), promise: nil)
    }
}
