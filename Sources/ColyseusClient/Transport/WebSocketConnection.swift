import Foundation
import NIOCore
import NIOPosix

/// One client WebSocket: the HTTP upgrade and the framing over a TCP (or TLS) channel.
///
/// Frames are parsed on the channel's event loop and delivered in order through ``events``; pings are
/// answered there too. Sending never waits: bytes are written and flushed on the event loop, so a room
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
    /// reached or answers the upgrade with anything but 101.
    static func connect(
        to url: EndpointURL,
        headers: [(String, String)],
        tls: TLSProvider?,
        maxMessageSize: Int,
        timeout: Duration
    ) async throws -> WebSocketConnection {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let upgraded = eventLoop.makePromise(of: Void.self)
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        var request = "GET \(url.pathAndQuery) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let upgradeRequest = request
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(TimeAmount(timeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls { try tls.addHandler(to: channel, serverHostname: url.host) }
                        try channel.pipeline.syncOperations.addHandler(WebSocketClientHandler(
                            upgradeRequest: upgradeRequest, expectedAccept: WebSocketAccept.value(forKey: key),
                            upgraded: upgraded, events: continuation, maxMessageSize: maxMessageSize
                        ))
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
        try await upgraded.futureResult.get()
        return WebSocketConnection(channel: channel, events: events)
    }

    /// Sends one binary message.
    func send(_ bytes: [UInt8]) {
        channel.writeAndFlush(WebSocketFrame(opcode: .binary, payload: bytes).masked(), promise: nil)
    }

    /// Sends a close frame (without status when `code` is nil); the server answers with its own, which
    /// arrives as ``Event/closed(code:reason:)``.
    func close(code: UInt16?, reason: String = "") {
        let frame = WebSocketFrame(opcode: .close, payload: WebSocketFrame.closePayload(code: code, reason: reason))
        channel.writeAndFlush(frame.masked(), promise: nil)
    }

    /// Closes the TCP connection without a close frame.
    func drop() {
        channel.close(promise: nil)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// Writes the upgrade request, reads the 101 answer, then reads frames: data messages and the close go to
/// the event stream, pings are answered with pongs.
private final class WebSocketClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let upgradeRequest: String
    private let expectedAccept: String
    private let upgraded: EventLoopPromise<Void>
    private let events: AsyncStream<WebSocketConnection.Event>.Continuation
    private let maxMessageSize: Int
    private var buffer = ByteBuffer()
    private var isUpgraded = false
    private var isFinished = false
    private var fragments: [UInt8] = []

    init(upgradeRequest: String, expectedAccept: String, upgraded: EventLoopPromise<Void>, events: AsyncStream<WebSocketConnection.Event>.Continuation, maxMessageSize: Int) {
        self.upgradeRequest = upgradeRequest
        self.expectedAccept = expectedAccept
        self.upgraded = upgraded
        self.events = events
        self.maxMessageSize = maxMessageSize
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: upgradeRequest)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        buffer.writeBuffer(&chunk)
        if !isUpgraded {
            let bytes = buffer.readableBytesView
            guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
            let head = String(decoding: bytes[bytes.startIndex..<end.lowerBound], as: UTF8.self)
            buffer.moveReaderIndex(forwardBy: end.upperBound - bytes.startIndex)
            let lines = head.split(separator: "\r\n")
            let statusLine = lines.first.map(String.init) ?? ""
            let accept = lines.dropFirst().first { $0.lowercased().hasPrefix("sec-websocket-accept:") }
                .map { $0.dropFirst("sec-websocket-accept:".count).trimmingCharacters(in: .whitespaces) }
            guard statusLine.hasPrefix("HTTP/1.1 101"), accept == expectedAccept else {
                let reason = statusLine.hasPrefix("HTTP/1.1 101") ? "a wrong Sec-WebSocket-Accept" : statusLine
                upgraded.fail(TransportError.upgradeRefused(reason))
                finish(nil)
                context.close(promise: nil)
                return
            }
            isUpgraded = true
            upgraded.succeed()
        }
        readFrames(context: context)
        buffer.discardReadBytes()
    }

    private func readFrames(context: ChannelHandlerContext) {
        do {
            while !isFinished, let frame = try WebSocketFrame.parse(&buffer, maxPayload: maxMessageSize) {
                switch WebSocketFrame.Opcode(rawValue: frame.opcode) {
                case .ping:
                    context.writeAndFlush(wrapOutboundOut(WebSocketFrame(opcode: .pong, payload: frame.payload).masked()), promise: nil)
                case .close:
                    let status = frame.closeStatus
                    // Echo the close (RFC 6455 §5.5.1), then end the connection.
                    let echo = WebSocketFrame(opcode: .close, payload: WebSocketFrame.closePayload(code: status.code, reason: ""))
                    context.writeAndFlush(wrapOutboundOut(echo.masked()), promise: nil)
                    finish(.closed(code: status.code, reason: status.reason))
                    context.close(promise: nil)
                case .binary, .text, .continuation:
                    if frame.fin, fragments.isEmpty {
                        events.yield(.message(frame.payload))  // the common case: one frame, no copy
                        continue
                    }
                    fragments += frame.payload
                    guard fragments.count <= maxMessageSize else { throw WebSocketFrameError.tooLarge(UInt64(fragments.count)) }
                    guard frame.fin else { continue }
                    events.yield(.message(fragments))
                    fragments.removeAll(keepingCapacity: true)
                case .pong, nil:
                    continue
                }
            }
        } catch {
            // A frame over the limit: close as a client does for a message too big (1009).
            let frame = WebSocketFrame(opcode: .close, payload: WebSocketFrame.closePayload(code: 1009, reason: ""))
            context.writeAndFlush(wrapOutboundOut(frame.masked()), promise: nil)
            finish(.closed(code: 1009, reason: "message too big"))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        upgraded.fail(TransportError.upgradeRefused("the connection closed before the upgrade"))
        finish(.dropped)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        upgraded.fail(error)
        context.close(promise: nil)
    }

    /// Delivers the last event (if any) and ends the stream, once.
    private func finish(_ event: WebSocketConnection.Event?) {
        guard !isFinished else { return }
        isFinished = true
        if let event { events.yield(event) }
        events.finish()
    }
}
