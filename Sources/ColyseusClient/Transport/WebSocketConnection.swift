import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// One client WebSocket over a TCP (or TLS) channel, on SwiftNIO's WebSocket support: the upgrade with
/// `NIOWebSocketClientUpgrader` (which checks `Sec-WebSocket-Accept`), frames with NIO's encoder and decoder.
///
/// Frames are read on the channel's event loop and delivered in order through ``events``; pings are
/// answered there too. Sending never waits: frames are written and flushed on the event loop, so a room
/// can send from any isolation without suspending.
final class WebSocketConnection: Sendable {
    /// What arrives from the server.
    enum Event: Sendable {
        /// A complete data message (binary, or text read as bytes).
        case message([UInt8])
        /// A close frame arrived (the connection is closed afterwards). `code` is nil without status.
        case closed(code: UInt16?, reason: String)
        /// The connection ended without a close frame.
        case dropped
    }

    /// Every event, in order; finishes after `closed` or `dropped`.
    let events: AsyncStream<Event>
    private let channel: any Channel

    private init(channel: any Channel, events: AsyncStream<Event>) {
        self.channel = channel
        self.events = events
    }

    /// Connects to `url` and completes the upgrade. Throws ``TransportError`` when the server cannot be
    /// reached or answers the upgrade with anything but a valid 101.
    static func connect(
        to url: EndpointURL,
        headers: [(String, String)],
        tls: TLSProvider?,
        maxMessageSize: Int,
        timeout: Duration,
        on eventLoopGroup: any EventLoopGroup
    ) async throws -> WebSocketConnection {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let eventLoop = eventLoopGroup.next()
        let upgraded = eventLoop.makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(TimeAmount(timeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls { try tls.addHandler(to: channel, serverHostname: url.host) }
                        let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: maxMessageSize, automaticErrorHandling: false) { channel, _ in
                            channel.eventLoop.makeCompletedFuture {
                                let pipeline = channel.pipeline.syncOperations
                                pipeline.removeHandler(try pipeline.handler(type: UpgradeRequestHandler.self), promise: nil)
                                try pipeline.addHandler(ClientWebSocketHandler(events: continuation, maxMessageSize: maxMessageSize))
                                upgraded.succeed()
                            }
                        }
                        // The server's first frames may come in the same read as its 101: forward them.
                        try channel.pipeline.syncOperations.addHTTPClientHandlers(
                            leftOverBytesStrategy: .forwardBytes,
                            withClientUpgrade: (upgraders: [upgrader], completionHandler: { _ in })
                        )
                        try channel.pipeline.syncOperations.addHandler(UpgradeRequestHandler(url: url, headers: headers, upgraded: upgraded))
                    }
                }
                .connect(host: url.host, port: url.port)
                .get()
        } catch {
            upgraded.fail(error)
            continuation.finish()
            throw TransportError.unreachable("\(url.host):\(url.port)", underlying: String(describing: error))
        }
        let timeoutTask = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            upgraded.fail(TransportError.timedOut("the WebSocket upgrade of \(url.pathAndQuery)"))
            channel.close(promise: nil)
        }
        defer { timeoutTask.cancel() }
        do {
            try await upgraded.futureResult.get()
        } catch {
            continuation.finish()
            throw error
        }
        return WebSocketConnection(channel: channel, events: events)
    }

    /// Sends one binary message.
    func send(_ bytes: [UInt8]) {
        channel.writeAndFlush(WebSocketFrame.masked(.binary, ByteBuffer(bytes: bytes)), promise: nil)
    }

    /// Sends a close frame (without status when `code` is nil); the server answers with its own, which
    /// arrives as ``Event/closed(code:reason:)``.
    func close(code: UInt16?, reason: String = "") {
        channel.writeAndFlush(WebSocketFrame.masked(.connectionClose, .closePayload(code: code, reason: reason)), promise: nil)
    }

    /// Closes the TCP connection without a close frame.
    func drop() {
        channel.close(promise: nil)
    }
}

/// Writes the upgrade request once connected (NIO's upgrade handler adds the WebSocket headers), and
/// reports an answer that is not an upgrade.
private final class UpgradeRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let url: EndpointURL
    private let headers: [(String, String)]
    private let upgraded: EventLoopPromise<Void>

    init(url: EndpointURL, headers: [(String, String)], upgraded: EventLoopPromise<Void>) {
        self.url = url
        self.headers = headers
        self.upgraded = upgraded
    }

    func channelActive(context: ChannelHandlerContext) {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: url.pathAndQuery)
        head.headers.add(name: "Host", value: url.hostHeader)
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    /// A response reaches this handler only when it did not upgrade the connection.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            upgraded.fail(TransportError.upgradeRefused("HTTP/\(head.version.major).\(head.version.minor) \(head.status.code) \(head.status.reasonPhrase)"))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? NIOHTTPClientUpgradeError, error == .upgraderDeniedUpgrade {
            upgraded.fail(TransportError.upgradeRefused("a wrong Sec-WebSocket-Accept"))
        } else {
            upgraded.fail(error)
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        upgraded.fail(TransportError.upgradeRefused("the connection closed before the upgrade"))
        context.fireChannelInactive()
    }
}

/// After the upgrade: data messages (reassembled) and the close go to the event stream, pings are
/// answered with pongs, a message over the limit closes with 1009.
private final class ClientWebSocketHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let events: AsyncStream<WebSocketConnection.Event>.Continuation
    private let maxMessageSize: Int
    private var fragments: ByteBuffer?
    private var isFinished = false

    init(events: AsyncStream<WebSocketConnection.Event>.Continuation, maxMessageSize: Int) {
        self.events = events
        self.maxMessageSize = maxMessageSize
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard !isFinished else { return }
        switch frame.opcode {
        case .ping:
            context.writeAndFlush(wrapOutboundOut(.masked(.pong, frame.unmaskedData)), promise: nil)
        case .connectionClose:
            var payload = frame.unmaskedData
            let code = payload.readInteger(as: UInt16.self)
            let reason = payload.readString(length: payload.readableBytes) ?? ""
            // Echo the close (RFC 6455 §5.5.1), then end the connection.
            context.writeAndFlush(wrapOutboundOut(.masked(.connectionClose, .closePayload(code: code, reason: ""))), promise: nil)
            finish(.closed(code: code, reason: reason))
            context.close(promise: nil)
        case .binary, .text, .continuation:
            var data = frame.unmaskedData
            if frame.fin, fragments == nil {
                events.yield(.message(Array(data.readableBytesView)))
                return
            }
            var message = fragments ?? ByteBuffer()
            guard message.readableBytes + data.readableBytes <= maxMessageSize else { return tooBig(context: context) }
            message.writeBuffer(&data)
            if frame.fin {
                fragments = nil
                events.yield(.message(Array(message.readableBytesView)))
            } else {
                fragments = message
            }
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case NIOWebSocketError.invalidFrameLength = error { return tooBig(context: context) }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.dropped)
        context.fireChannelInactive()
    }

    /// A message over the limit: close as a client does for a message too big (1009).
    private func tooBig(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(.masked(.connectionClose, .closePayload(code: 1009, reason: ""))), promise: nil)
        finish(.closed(code: 1009, reason: "message too big"))
        context.close(promise: nil)
    }

    /// Delivers the last event and ends the stream, once.
    private func finish(_ event: WebSocketConnection.Event) {
        guard !isFinished else { return }
        isFinished = true
        events.yield(event)
        events.finish()
    }
}

extension WebSocketFrame {
    /// A final client frame: masked with a random key, as RFC 6455 requires of clients.
    static func masked(_ opcode: WebSocketOpcode, _ data: ByteBuffer) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: data)
    }
}

extension ByteBuffer {
    /// The payload of a close frame: `code` and `reason`, or nothing without a code.
    static func closePayload(code: UInt16?, reason: String) -> ByteBuffer {
        var payload = ByteBuffer()
        if let code {
            payload.writeInteger(code)
            payload.writeString(reason)
        }
        return payload
    }
}
