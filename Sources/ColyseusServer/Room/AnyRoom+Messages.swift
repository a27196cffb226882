import ColyseusProtocol
import MessagePack
import NIOCore

/// A registered `onMessage` handler: decoding the payload (which may fail: the sender is then
/// disconnected) is separate from running the handler (whose errors go to `onUncaughtError`).
struct MessageHandler {
    let prepare: (Client, ByteBuffer) throws -> () async throws -> Void
}

extension AnyRoom {
    // MARK: registration

    /// Handles messages of `type` with their payload as a MessagePack value (`.undefined` when absent).
    public func onMessage(_ type: MessageType, _ handler: @escaping (Client, MessagePackValue) async throws -> Void) {
        register(type) { client, payload in
            let value = try Self.decodeValue(payload)
            return { try await handler(client, value) }
        }
    }

    /// Handles messages of `type` whose payload decodes as `T`; a payload that does not decode
    /// disconnects its sender with 4002, as a failed validation does in the reference.
    public func onMessage<T: Decodable>(_ type: MessageType, as _: T.Type = T.self, _ handler: @escaping (Client, T) async throws -> Void) {
        register(type) { client, payload in
            let message = try payload.withUnsafeReadableBytes { try MessagePackDecoder().decode(T.self, from: $0) }
            return { try await handler(client, message) }
        }
    }

    /// Handles messages of `type` that carry no payload (any payload is ignored).
    public func onMessage(_ type: MessageType, _ handler: @escaping (Client) async throws -> Void) {
        register(type) { client, _ in
            { try await handler(client) }
        }
    }

    /// The catch-all `"*"` handler: receives every message whose type has no handler of its own.
    public func onMessage(_ wildcard: Wildcard, _ handler: @escaping (Client, MessageType, MessagePackValue) async throws -> Void) {
        executor.assertIsCurrent()
        anyMessageHandler = handler
    }

    /// Handles `ROOM_DATA_BYTES` messages of `type` (what clients send with `sendBytes`).
    public func onBytes(_ type: MessageType, _ handler: @escaping (Client, [UInt8]) async throws -> Void) {
        executor.assertIsCurrent()
        bytesHandlers[type] = handler
    }

    /// The catch-all handler for `ROOM_DATA_BYTES` messages without a handler of their own.
    public func onBytes(_ wildcard: Wildcard, _ handler: @escaping (Client, MessageType, [UInt8]) async throws -> Void) {
        executor.assertIsCurrent()
        anyBytesHandler = handler
    }

    private func register(_ type: MessageType, _ prepare: @escaping (Client, ByteBuffer) throws -> () async throws -> Void) {
        executor.assertIsCurrent()
        precondition(type != .string("*"), "the \"*\" handler takes (client, type, message): use onMessage(\"*\") { client, type, message in }")
        precondition(type != .string(""), "empty message types cannot be read by the official clients (PROTOCOL.md §12 #13)")
        messageHandlers[type] = MessageHandler(prepare: prepare)
    }

    static func decodeValue(_ payload: ByteBuffer) throws -> MessagePackValue {
        guard payload.readableBytes > 0 else { return .undefined }
        return try payload.withUnsafeReadableBytes { try MessagePackValue(decoding: $0) }
    }

    // MARK: dispatch

    /// Processes one message from `client` (called on the room's executor, in arrival order).
    func handleFrame(_ frame: ByteBuffer, from client: Client) async {
        guard client.state != .leaving else { return }
        if let limit = maxMessagesPerSecond, exceedsRateLimit(client, limit: limit) {
            logger.warning("client exceeded the message rate limit", metadata: ["sessionId": "\(client.sessionId)"])
            disconnect(client, code: .withError, reason: "")
            return
        }
        let parsed: ClientFrame
        do {
            parsed = try frame.withUnsafeReadableBytes { raw in try ClientFrame(parsing: raw) }
        } catch ClientFrameError.unreadableType(let description) {
            disconnect(client, code: .withError, reason: Self.unhandledReason(description))
            return
        } catch {
            disconnect(client, code: .withError, reason: "")
            return
        }
        switch parsed {
        case .joinAcknowledgement: acknowledgeJoin(client)
        case .leave: disconnect(client, code: .consented, reason: "")
        case .ping: client.transport.send(Frames.ping)
        case .ignored: break
        case .roomData(let type, let range):
            await dispatchMessage(type: type, payload: frame.getSlice(at: frame.readerIndex + range.lowerBound, length: range.count)!, from: client)
        case .roomDataBytes(let type, let range):
            let bytes = frame.getBytes(at: frame.readerIndex + range.lowerBound, length: range.count) ?? []
            await dispatchBytes(type: type, bytes: bytes, from: client)
        }
    }

    private func dispatchMessage(type: MessageType, payload: ByteBuffer, from client: Client) async {
        let invocation: () async throws -> Void
        do {
            if let handler = messageHandlers[type] {
                invocation = try handler.prepare(client, payload)
            } else if let anyMessageHandler {
                let value = try Self.decodeValue(payload)
                invocation = { try await anyMessageHandler(client, type, value) }
            } else {
                disconnect(client, code: .withError, reason: Self.unhandledReason(type.description))
                return
            }
        } catch {
            logger.debug("undecodable message payload", metadata: ["sessionId": "\(client.sessionId)", "type": "\(type)", "error": "\(error)"])
            disconnect(client, code: .withError, reason: "")
            return
        }
        do { try await invocation() } catch { onUncaughtError(error, in: .onMessage(type), client: client) }
    }

    private func dispatchBytes(type: MessageType, bytes: [UInt8], from client: Client) async {
        do {
            if let handler = bytesHandlers[type] {
                try await handler(client, bytes)
            } else if let anyBytesHandler {
                try await anyBytesHandler(client, type, bytes)
            } else {
                disconnect(client, code: .withError, reason: Self.unhandledReason(type.description))
            }
        } catch {
            onUncaughtError(error, in: .onBytes(type), client: client)
        }
    }

    private func exceedsRateLimit(_ client: Client, limit: Int) -> Bool {
        let now = ContinuousClock.now
        if now - client.rateWindowStart >= .seconds(1) {
            client.rateWindowStart = now
            client.messagesInRateWindow = 0
        }
        client.messagesInRateWindow += 1
        return client.messagesInRateWindow > limit
    }

    /// The reference's close reason for a message nobody handles.
    static func unhandledReason(_ type: String) -> String {
        "room onMessage for \"\(type)\" not registered."
    }
}

/// The `"*"` of the catch-all handlers: `onMessage("*") { client, type, message in }`.
public enum Wildcard: Sendable, ExpressibleByStringLiteral {
    /// Every message type without a handler of its own.
    case all

    /// Only `"*"` is a wildcard.
    public init(stringLiteral value: String) {
        precondition(value == "*", "the wildcard is \"*\"")
        self = .all
    }
}
