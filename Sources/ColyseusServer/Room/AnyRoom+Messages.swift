import ColyseusProtocol
import MessagePack
import NIOCore

/// A registered `onMessage` or `onBytes` handler. Reading the payload may fail (the sender is then
/// disconnected, as a failed validation in the reference); the handler's own errors go to
/// `onUncaughtError`.
///
/// A handler that cannot suspend (a closure without `await`) runs at once, as the message is read; one
/// that may suspend runs in a task of the room.
struct MessageHandler {
    /// What became of a message.
    enum Outcome {
        /// The handler ran; its error, if it threw.
        case handled((any Error)?)
        /// The handler may suspend: it runs when this is awaited.
        case suspended(() async throws -> Void)
    }

    /// A payload the handler could not read.
    struct PayloadError: Error {
        let underlying: any Error
    }

    let run: (Client, MessageType, ByteBuffer) throws(PayloadError) -> Outcome

    /// A handler of payloads read by `read`, called at once.
    init<Payload>(read: @escaping (ByteBuffer) throws -> Payload, _ handler: @escaping (Client, MessageType, Payload) throws -> Void) {
        run = { client, type, buffer throws(PayloadError) in
            let payload: Payload
            do { payload = try read(buffer) } catch { throw PayloadError(underlying: error) }
            do {
                try handler(client, type, payload)
                return .handled(nil)
            } catch {
                return .handled(error)
            }
        }
    }

    /// A handler of payloads read by `read`, called in a task.
    init<Payload>(read: @escaping (ByteBuffer) throws -> Payload, _ handler: @escaping (Client, MessageType, Payload) async throws -> Void) {
        run = { client, type, buffer throws(PayloadError) in
            let payload: Payload
            do { payload = try read(buffer) } catch { throw PayloadError(underlying: error) }
            return .suspended { try await handler(client, type, payload) }
        }
    }
}

extension AnyRoom {
    // MARK: registration

    /// Handles messages of `type` with their payload as a MessagePack value (`.undefined` when absent).
    public func onMessage(_ type: MessageType, _ handler: @escaping (Client, MessagePackValue) throws -> Void) {
        register(type, MessageHandler(read: Self.decodeValue) { client, _, value in try handler(client, value) })
    }

    /// Handles messages of `type` with their payload as a MessagePack value (`.undefined` when absent); the
    /// handler may suspend (the client's next messages wait for it).
    public func onMessage(_ type: MessageType, _ handler: @escaping (Client, MessagePackValue) async throws -> Void) {
        register(type, MessageHandler(read: Self.decodeValue) { client, _, value in try await handler(client, value) })
    }

    /// Handles messages of `type` whose payload decodes as `T`; a payload that does not decode
    /// disconnects its sender with 4002, as a failed validation does in the reference.
    public func onMessage<T: Decodable>(_ type: MessageType, as _: T.Type = T.self, _ handler: @escaping (Client, T) throws -> Void) {
        register(type, MessageHandler(read: Self.decode(T.self)) { client, _, message in try handler(client, message) })
    }

    /// Handles messages of `type` whose payload decodes as `T` (a payload that does not decode disconnects
    /// its sender with 4002); the handler may suspend.
    public func onMessage<T: Decodable>(_ type: MessageType, as _: T.Type = T.self, _ handler: @escaping (Client, T) async throws -> Void) {
        register(type, MessageHandler(read: Self.decode(T.self)) { client, _, message in try await handler(client, message) })
    }

    /// Handles messages of `type` that carry no payload (any payload is ignored).
    public func onMessage(_ type: MessageType, _ handler: @escaping (Client) throws -> Void) {
        register(type, MessageHandler(read: Self.ignore) { client, _, _ in try handler(client) })
    }

    /// Handles messages of `type` that carry no payload (any payload is ignored); the handler may suspend.
    public func onMessage(_ type: MessageType, _ handler: @escaping (Client) async throws -> Void) {
        register(type, MessageHandler(read: Self.ignore) { client, _, _ in try await handler(client) })
    }

    /// The catch-all `"*"` handler: receives every message whose type has no handler of its own.
    public func onMessage(_ wildcard: Wildcard, _ handler: @escaping (Client, MessageType, MessagePackValue) throws -> Void) {
        executor.assertIsCurrent()
        anyMessageHandler = MessageHandler(read: Self.decodeValue, handler)
    }

    /// The catch-all `"*"` handler, which may suspend.
    public func onMessage(_ wildcard: Wildcard, _ handler: @escaping (Client, MessageType, MessagePackValue) async throws -> Void) {
        executor.assertIsCurrent()
        anyMessageHandler = MessageHandler(read: Self.decodeValue, handler)
    }

    /// Handles `ROOM_DATA_BYTES` messages of `type` (what clients send with `sendBytes`).
    public func onBytes(_ type: MessageType, _ handler: @escaping (Client, [UInt8]) throws -> Void) {
        executor.assertIsCurrent()
        bytesHandlers[type] = MessageHandler(read: Self.bytes) { client, _, bytes in try handler(client, bytes) }
    }

    /// Handles `ROOM_DATA_BYTES` messages of `type`; the handler may suspend.
    public func onBytes(_ type: MessageType, _ handler: @escaping (Client, [UInt8]) async throws -> Void) {
        executor.assertIsCurrent()
        bytesHandlers[type] = MessageHandler(read: Self.bytes) { client, _, bytes in try await handler(client, bytes) }
    }

    /// The catch-all handler for `ROOM_DATA_BYTES` messages without a handler of their own.
    public func onBytes(_ wildcard: Wildcard, _ handler: @escaping (Client, MessageType, [UInt8]) throws -> Void) {
        executor.assertIsCurrent()
        anyBytesHandler = MessageHandler(read: Self.bytes, handler)
    }

    /// The catch-all handler for `ROOM_DATA_BYTES` messages, which may suspend.
    public func onBytes(_ wildcard: Wildcard, _ handler: @escaping (Client, MessageType, [UInt8]) async throws -> Void) {
        executor.assertIsCurrent()
        anyBytesHandler = MessageHandler(read: Self.bytes, handler)
    }

    private func register(_ type: MessageType, _ handler: MessageHandler) {
        executor.assertIsCurrent()
        precondition(type != .string("*"), "the \"*\" handler takes (client, type, message): use onMessage(\"*\") { client, type, message in }")
        precondition(type != .string(""), "empty message types cannot be read by the official clients (PROTOCOL.md §12 #13)")
        messageHandlers[type] = handler
    }

    static func decodeValue(_ payload: ByteBuffer) throws -> MessagePackValue {
        guard payload.readableBytes > 0 else { return .undefined }
        return try payload.withUnsafeReadableBytes { try MessagePackValue(decoding: $0) }
    }

    private static func decode<T: Decodable>(_: T.Type) -> (ByteBuffer) throws -> T {
        { payload in try payload.withUnsafeReadableBytes { try MessagePackDecoder().decode(T.self, from: $0) } }
    }

    private static func ignore(_: ByteBuffer) {}

    private static func bytes(_ payload: ByteBuffer) -> [UInt8] {
        Array(payload.readableBytesView)
    }

    // MARK: dispatch

    /// Processes one message from `client` (on the room's executor, in arrival order) as far as it goes
    /// without suspending; returns the rest when a handler may suspend.
    func handleFrame(_ frame: ByteBuffer, from client: Client) -> (() async -> Void)? {
        guard client.state != .leaving else { return nil }
        if let limit = maxMessagesPerSecond, exceedsRateLimit(client, limit: limit) {
            logger.warning("client exceeded the message rate limit", metadata: ["sessionId": "\(client.sessionId)"])
            disconnect(client, code: .withError, reason: "")
            return nil
        }
        let parsed: ClientFrame
        do {
            parsed = try frame.withUnsafeReadableBytes { raw in try ClientFrame(parsing: raw) }
        } catch ClientFrameError.unreadableType(let description) {
            disconnect(client, code: .withError, reason: Self.unhandledReason(description))
            return nil
        } catch {
            disconnect(client, code: .withError, reason: "")
            return nil
        }
        let payload: ByteBuffer
        let handler: MessageHandler?
        let type: MessageType
        let source: RoomErrorSource
        switch parsed {
        case .joinAcknowledgement:
            acknowledgeJoin(client)
            return nil
        case .leave:
            disconnect(client, code: .consented, reason: "")
            return nil
        case .ping:
            client.transport.send(Frames.ping)
            return nil
        case .ignored:
            return nil
        case .roomData(let messageType, let range):
            type = messageType
            payload = frame.getSlice(at: frame.readerIndex + range.lowerBound, length: range.count)!
            handler = messageHandlers[type] ?? anyMessageHandler
            source = .onMessage(type)
        case .roomDataBytes(let messageType, let range):
            type = messageType
            payload = frame.getSlice(at: frame.readerIndex + range.lowerBound, length: range.count)!
            handler = bytesHandlers[type] ?? anyBytesHandler
            source = .onBytes(type)
        }
        guard let handler else {
            disconnect(client, code: .withError, reason: Self.unhandledReason(type.description))
            return nil
        }
        do {
            switch try handler.run(client, type, payload) {
            case .handled(nil):
                return nil
            case .handled(let error?):
                onUncaughtError(error, in: source, client: client)
                return nil
            case .suspended(let invocation):
                return { [self] in
                    do { try await invocation() } catch { onUncaughtError(error, in: source, client: client) }
                }
            }
        } catch {
            logger.debug("unreadable message payload", metadata: ["sessionId": "\(client.sessionId)", "type": "\(type)", "error": "\(error.underlying)"])
            disconnect(client, code: .withError, reason: "")
            return nil
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
