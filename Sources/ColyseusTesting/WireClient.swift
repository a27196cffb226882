import NIOCore
import NIOPosix
import NIOWebSocket
import Synchronization

/// A WebSocket client that speaks raw frames, for tests of the wire protocol: it sends any bytes (masked
/// binary or text frames, close frames with or without a code, or frames the test built itself) and reports
/// every frame the server sends, including the close code. WebSocket pings are answered automatically.
///
/// The upgrade request is written by hand, so the test controls every header; the server's frames are read
/// with NIO's `WebSocketFrameDecoder`.
public final class WireClient: Sendable {
    /// What arrived from the server.
    public enum Event: Sendable, Equatable {
        /// A binary message.
        case binary([UInt8])
        /// A text message.
        case text(String)
        /// A close frame: its code (nil for a close frame without status, which the peer reports as 1005) and reason.
        case close(code: UInt16?, reason: String)
        /// The connection ended without a close frame (1006).
        case dropped
    }

    /// Why waiting for an event failed.
    public struct TimeoutError: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    private let channel: any Channel
    private let mailbox: Mailbox

    /// Opens a WebSocket to `path` (with its query) on 127.0.0.1:`port`.
    public static func connect(port: Int, path: String, headers: [(String, String)] = []) async throws -> WireClient {
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let mailbox = Mailbox()
        let upgradeRequest = request
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UpgradeResponseReader(request: upgradeRequest, mailbox: mailbox))
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        guard await mailbox.upgraded() else {
            throw TimeoutError(description: "the server refused the WebSocket upgrade")
        }
        return WireClient(channel: channel, mailbox: mailbox)
    }

    private init(channel: any Channel, mailbox: Mailbox) {
        self.channel = channel
        self.mailbox = mailbox
    }

    deinit {
        channel.close(promise: nil)
    }

    /// A client frame: `opcode` (0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong) around `payload`,
    /// final unless `fin` is false, masked with a fixed key unless `masked` is false.
    public static func frame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true, masked: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0x00) | opcode]
        let maskBit: UInt8 = masked ? 0x80 : 0x00
        switch payload.count {
        case 0...125: bytes.append(maskBit | UInt8(payload.count))
        case 126...0xFFFF: bytes += [maskBit | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: bytes += [maskBit | 127] + (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        guard masked else { return bytes + payload }
        let key: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        return bytes + key + payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
    }

    // MARK: sending

    /// Sends one binary message.
    public func send(_ bytes: [UInt8]) async throws {
        try await sendRaw(Self.frame(0x2, bytes))
    }

    /// Sends one text message.
    public func sendText(_ text: String) async throws {
        try await sendRaw(Self.frame(0x1, Array(text.utf8)))
    }

    /// Sends a close frame (without status when `code` is nil).
    public func sendClose(code: UInt16?, reason: String = "") async throws {
        try await sendRaw(Self.frame(0x8, code.map { [UInt8($0 >> 8), UInt8($0 & 0xFF)] + Array(reason.utf8) } ?? []))
    }

    /// Sends `bytes` as they are: frames the test built itself (unmasked, fragmented, malformed).
    public func sendRaw(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Closes the TCP connection without a close frame (a network drop, as the server sees it).
    public func drop() {
        channel.close(promise: nil)
    }

    // MARK: receiving

    /// The next event, or a timeout error.
    public func next(timeout: Duration = .seconds(5)) async throws -> Event {
        guard let event = await mailbox.take(timeout: timeout) else {
            throw TimeoutError(description: "no event within \(timeout)")
        }
        return event
    }

    /// The next binary message; fails on anything else.
    public func nextBinary(timeout: Duration = .seconds(5)) async throws -> [UInt8] {
        let event = try await next(timeout: timeout)
        guard case .binary(let bytes) = event else { throw TimeoutError(description: "expected a binary message, got \(event)") }
        return bytes
    }

    /// The close frame (or the drop) that ends the connection, skipping the messages before it.
    public func nextClose(timeout: Duration = .seconds(5)) async throws -> Event {
        while true {
            let event = try await next(timeout: timeout)
            switch event {
            case .close, .dropped: return event
            case .binary, .text: continue
            }
        }
    }

    /// Whether no event arrives within `duration`.
    public func staysQuiet(for duration: Duration) async throws -> Bool {
        do {
            _ = try await next(timeout: duration)
            return false
        } catch is TimeoutError {
            return true
        }
    }
}

/// Writes the upgrade request, reads the answer's head, and on a 101 hands the rest of the connection to
/// NIO's frame decoder and a ``FrameReader``.
private final class UpgradeResponseReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let request: String
    private let mailbox: Mailbox
    private var received = ByteBuffer()

    init(request: String, mailbox: Mailbox) {
        self.request = request
        self.mailbox = mailbox
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: request)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        let view = received.readableBytesView
        guard let end = view.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
        let upgraded = view[view.startIndex..<end.lowerBound].starts(with: "HTTP/1.1 101".utf8)
        received.moveReaderIndex(to: end.upperBound)
        guard upgraded else {
            mailbox.setUpgraded(false)
            context.close(promise: nil)
            return
        }
        do {
            let pipeline = context.pipeline.syncOperations
            try pipeline.addHandler(ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 24)), position: .after(self))
            try pipeline.addHandler(FrameReader(mailbox: mailbox), position: .last)
        } catch {
            context.close(promise: nil)
            return
        }
        mailbox.setUpgraded(true)
        if received.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(received)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        mailbox.setUpgraded(false)
        context.fireChannelInactive()
    }
}

/// The server's frames after the upgrade: messages (reassembled) and the close go to the mailbox, pings
/// are answered.
private final class FrameReader: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = ByteBuffer

    private let mailbox: Mailbox
    private var fragments: [UInt8] = []
    private var fragmentsAreText = false
    private var closed = false

    init(mailbox: Mailbox) {
        self.mailbox = mailbox
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard !closed else { return }
        switch frame.opcode {
        case .ping:
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: WireClient.frame(0xA, Array(frame.unmaskedData.readableBytesView)))), promise: nil)
        case .connectionClose:
            var payload = frame.unmaskedData
            let code = payload.readInteger(as: UInt16.self)
            let reason = payload.readString(length: payload.readableBytes) ?? ""
            closed = true
            mailbox.put(.close(code: code, reason: reason))
            context.close(promise: nil)
        case .text, .binary, .continuation:
            if frame.opcode != .continuation { fragmentsAreText = frame.opcode == .text }
            fragments += frame.unmaskedData.readableBytesView
            guard frame.fin else { return }
            mailbox.put(fragmentsAreText ? .text(String(decoding: fragments, as: UTF8.self)) : .binary(fragments))
            fragments.removeAll()
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !closed { mailbox.put(.dropped) }
        closed = true
        context.fireChannelInactive()
    }
}

/// Received events, the one reader waiting for them, and the outcome of the upgrade.
private final class Mailbox: Sendable {
    private struct State {
        var upgradeOutcome: Bool?
        var upgradeWaiters: [CheckedContinuation<Bool, Never>] = []
        var events: [WireClient.Event] = []
        var waiter: (id: Int, continuation: CheckedContinuation<WireClient.Event?, Never>)?
        var nextWaiterId = 0
    }

    private let state = Mutex(State())

    func put(_ event: WireClient.Event) {
        let waiter = state.withLock { state in
            guard let waiter = state.waiter else {
                state.events.append(event)
                return nil as CheckedContinuation<WireClient.Event?, Never>?
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume(returning: event)
    }

    func setUpgraded(_ upgraded: Bool) {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            guard state.upgradeOutcome == nil else { return [] }
            state.upgradeOutcome = upgraded
            defer { state.upgradeWaiters.removeAll() }
            return state.upgradeWaiters
        }
        for waiter in waiters { waiter.resume(returning: upgraded) }
    }

    /// Whether the server answered 101 (waits for its answer).
    func upgraded() async -> Bool {
        await withCheckedContinuation { continuation in
            let outcome = state.withLock { state -> Bool? in
                if let outcome = state.upgradeOutcome { return outcome }
                state.upgradeWaiters.append(continuation)
                return nil
            }
            if let outcome { continuation.resume(returning: outcome) }
        }
    }

    func take(timeout: Duration) async -> WireClient.Event? {
        await withCheckedContinuation { continuation in
            let (event, id) = state.withLock { state -> (WireClient.Event?, Int?) in
                if !state.events.isEmpty { return (state.events.removeFirst(), nil) }
                state.nextWaiterId += 1
                state.waiter = (state.nextWaiterId, continuation)
                return (nil, state.nextWaiterId)
            }
            if let event {
                continuation.resume(returning: event)
            } else if let id {
                Task {
                    try? await Task.sleep(for: timeout)
                    self.expire(id)
                }
            }
        }
    }

    private func expire(_ id: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<WireClient.Event?, Never>? in
            guard let waiter = state.waiter, waiter.id == id else { return nil }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume(returning: nil)
    }
}
