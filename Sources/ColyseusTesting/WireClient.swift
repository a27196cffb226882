import NIOCore
import NIOPosix
import ColyseusClient

/// A WebSocket client that speaks raw frames, for tests of the wire protocol: it sends any bytes
/// (binary or text frames, close frames with or without a code) and reports every frame the server
/// sends, including the close code. WebSocket pings are answered automatically.
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

    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>?
    private let mailbox = Mailbox()
    private let reader: Task<Void, Never>

    /// Opens a WebSocket to `path` (with its query) on 127.0.0.1:`port`. The handshake and the framing
    /// are done here on a plain TCP channel, so every byte is under the test's control.
    public static func connect(port: Int, path: String, headers: [(String, String)] = []) async throws -> WireClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let client = await WireClient(channel, upgradeRequest: request)
        guard client.outbound != nil, await client.mailbox.upgraded() else {
            throw TimeoutError(description: "the server refused the WebSocket upgrade")
        }
        return client
    }

    private init(_ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, upgradeRequest: String) async {
        let mailbox = self.mailbox
        let (writers, writerContinuation) = AsyncStream.makeStream(of: NIOAsyncChannelOutboundWriter<ByteBuffer>.self)
        reader = Task {
            try? await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: upgradeRequest))
                writerContinuation.yield(outbound)
                writerContinuation.finish()
                await Self.read(inbound, answeringPingsWith: outbound, into: mailbox)
            }
            writerContinuation.finish()
            await mailbox.setUpgraded(false)
        }
        var iterator = writers.makeAsyncIterator()
        outbound = await iterator.next()
    }

    /// Reads the 101 response, then frames (servers do not mask).
    private static func read(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        answeringPingsWith outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        into mailbox: Mailbox
    ) async {
        var buffer = ByteBuffer()
        var upgraded = false
        var fragments: [UInt8] = []
        var fragmentOpcode: UInt8 = 2
        do {
            for try await var chunk in inbound {
                buffer.writeBuffer(&chunk)
                if !upgraded {
                    let bytes = buffer.readableBytesView
                    guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
                    let head = String(decoding: bytes[bytes.startIndex..<end.lowerBound], as: UTF8.self)
                    buffer.moveReaderIndex(forwardBy: end.upperBound - bytes.startIndex)
                    upgraded = head.hasPrefix("HTTP/1.1 101")
                    await mailbox.setUpgraded(upgraded)
                    guard upgraded else { return }
                }
                defer { buffer.discardReadBytes() }
                while let frame = (try? WebSocketFrame.parse(&buffer)) ?? nil {
                    switch frame.opcode {
                    case 0x9:
                        try? await outbound.write(WebSocketFrame(opcode: .pong, payload: frame.payload).masked())
                    case 0x8:
                        let status = frame.closeStatus
                        await mailbox.put(.close(code: status.code, reason: status.reason))
                        return
                    case 0x0, 0x1, 0x2:
                        if frame.opcode != 0 { fragmentOpcode = frame.opcode }
                        fragments += frame.payload
                        guard frame.fin else { continue }
                        await mailbox.put(fragmentOpcode == 1 ? .text(String(decoding: fragments, as: UTF8.self)) : .binary(fragments))
                        fragments.removeAll()
                    default: break
                    }
                }
            }
        } catch {}
        await mailbox.put(.dropped)
    }

    deinit {
        reader.cancel()
    }

    private var writer: NIOAsyncChannelOutboundWriter<ByteBuffer> {
        get throws {
            guard let outbound else { throw TimeoutError(description: "the connection closed before it opened") }
            return outbound
        }
    }

    // MARK: sending

    /// Sends one binary message.
    public func send(_ bytes: [UInt8]) async throws {
        try await writer.write(WebSocketFrame(opcode: .binary, payload: bytes).masked())
    }

    /// Sends one text message.
    public func sendText(_ text: String) async throws {
        try await writer.write(WebSocketFrame(opcode: .text, payload: Array(text.utf8)).masked())
    }

    /// Sends `bytes` as they are: frames the test built itself (unmasked, fragmented, malformed).
    public func sendRaw(_ bytes: [UInt8]) async throws {
        try await writer.write(ByteBuffer(bytes: bytes))
    }

    /// Sends a close frame (without status when `code` is nil).
    public func sendClose(code: UInt16?, reason: String = "") async throws {
        try await writer.write(WebSocketFrame(opcode: .close, payload: WebSocketFrame.closePayload(code: code, reason: reason)).masked())
    }

    /// Closes the TCP connection without a close frame (a network drop, as the server sees it).
    public func drop() {
        reader.cancel()
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

/// Received events, the one reader waiting for them, and the outcome of the upgrade.
private actor Mailbox {
    private var upgradeOutcome: Bool?
    private var upgradeWaiters: [CheckedContinuation<Bool, Never>] = []
    private var events: [WireClient.Event] = []
    private var waiter: (id: Int, continuation: CheckedContinuation<WireClient.Event?, Never>)?
    private var nextWaiterId = 0

    func put(_ event: WireClient.Event) {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume(returning: event)
        } else {
            events.append(event)
        }
    }

    func setUpgraded(_ upgraded: Bool) {
        guard upgradeOutcome == nil else { return }
        upgradeOutcome = upgraded
        for waiter in upgradeWaiters { waiter.resume(returning: upgraded) }
        upgradeWaiters.removeAll()
    }

    /// Whether the server answered 101 (waits for its answer).
    func upgraded() async -> Bool {
        if let upgradeOutcome { return upgradeOutcome }
        return await withCheckedContinuation { upgradeWaiters.append($0) }
    }

    func take(timeout: Duration) async -> WireClient.Event? {
        if !events.isEmpty { return events.removeFirst() }
        nextWaiterId += 1
        let id = nextWaiterId
        return await withCheckedContinuation { continuation in
            waiter = (id, continuation)
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
        }
    }

    private func expire(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.continuation.resume(returning: nil)
    }
}
