import ColyseusProtocol
import ColyseusSchema
import MessagePack

/// A joined room: its typed state kept in sync with the server, messages both ways, and its events.
///
/// A room belongs to the actor that joined it (`@MainActor` in a game, or any actor of yours): it decodes
/// state and calls every callback there, one message at a time, so game code reads ``state`` and handles
/// events without locks. Events come as callbacks (each registration returns a ``Listener`` that removes
/// it) and as the async sequence ``events``.
public final class Room<State: Schema> {
    /// The room's state, updated by every full state and patch. A reconnection rebuilds it (a new
    /// instance; see ``StateCallbacks``).
    public private(set) var state: State
    /// This client's session id, the server's `client.sessionId`.
    public let sessionId: String
    /// The room's id, to share with clients that join it with ``Client/joinById(_:options:state:isolation:)``.
    public let roomId: String
    /// The room type's name.
    public let name: String
    /// `roomId:token`, for ``Client/reconnect(_:state:isolation:)``; a new token after each (re)join.
    public private(set) var reconnectionToken: String
    /// Callbacks on fields and collections of the state.
    public let callbacks: StateCallbacks<State>
    /// How the room reconnects after a drop; change it at any time.
    public var reconnection: ReconnectionPolicy

    /// Where the session stands.
    public enum Phase: Sendable, Equatable {
        /// Connected and joined.
        case joined
        /// The connection dropped; reconnection attempts are under way.
        case reconnecting
        /// ``leave(consented:)`` was called; waiting for the server's close.
        case leaving
        /// The session ended.
        case left
    }

    /// Where the session stands.
    public private(set) var phase: Phase = .joined

    private var decoder: StateDecoder<State>
    private(set) var connection: WebSocketConnection
    private let address: SessionAddress
    private var joinedAt = ContinuousClock.now
    private var hasState = false
    /// Set by a reconnection: the next full state replaces the state instead of patching it (§12 #8).
    private var rebuildsOnNextState = false
    /// Messages sent while reconnecting, flushed after the rejoin (at most `maxBufferedMessages`).
    private var bufferedMessages: [[UInt8]] = []
    private static var maxBufferedMessages: Int { 10 }
    private var leaveWaiters: [CheckedContinuation<Void, Never>] = []
    private var pingWaiters: [(start: ContinuousClock.Instant, continuation: CheckedContinuation<Duration?, Never>)] = []

    private let stateChangeListeners = ListenerList<(State, Bool) -> Void>()
    private var messageListeners: [MessageType: ListenerList<(MessagePackValue) -> Void>] = [:]
    private let anyMessageListeners = ListenerList<(MessageType, MessagePackValue) -> Void>()
    private var bytesListeners: [MessageType: ListenerList<([UInt8]) -> Void>] = [:]
    private let errorListeners = ListenerList<(Int, String) -> Void>()
    private let dropListeners = ListenerList<(Int, String) -> Void>()
    private let reconnectListeners = ListenerList<() -> Void>()
    private let leaveListeners = ListenerList<(Int, String) -> Void>()
    private let eventStreams = EventFanOut()

    init(address: SessionAddress, connection: WebSocketConnection, decoder: StateDecoder<State>, reconnectionToken: String) {
        self.address = address
        self.connection = connection
        self.decoder = decoder
        self.state = decoder.state
        self.callbacks = StateCallbacks(decoder: decoder)
        self.sessionId = address.seat.sessionId
        self.roomId = address.seat.roomId
        self.name = address.seat.name
        self.reconnectionToken = "\(address.seat.roomId):\(reconnectionToken)"
        self.reconnection = address.configuration.reconnection
    }

    /// The room's id (the seed's `room.id`).
    public var id: String { roomId }

    // MARK: sending

    /// Sends a message with a MessagePack payload encoded from `message`.
    public func send(_ type: MessageType, _ message: some Encodable) throws {
        let payload: [UInt8]
        do {
            payload = try MessagePackEncoder().encode(message)
        } catch {
            throw ClientError.unencodable("the \"\(type)\" message: \(error)")
        }
        try send(type, payload: payload, header: { $0.roomDataHeader(type: type) })
    }

    /// Sends a message with a MessagePack value as payload.
    public func send(_ type: MessageType, value: MessagePackValue) throws {
        var writer = MessagePackWriter()
        writer.write(value)
        try send(type, payload: writer.bytes, header: { $0.roomDataHeader(type: type) })
    }

    /// Sends a message without payload.
    public func send(_ type: MessageType) throws {
        try send(type, payload: [], header: { $0.roomDataHeader(type: type) })
    }

    /// Sends raw bytes, which the server's `onBytes` handler of `type` receives.
    public func sendBytes(_ type: MessageType, _ bytes: [UInt8]) throws {
        try send(type, payload: bytes, header: { $0.roomDataBytesHeader(type: type) })
    }

    private func send(_ type: MessageType, payload: [UInt8], header: (inout ByteWriter) -> Void) throws {
        if case .string(let text) = type, text.isEmpty {
            // The reference cannot read an empty type (PROTOCOL.md §12 #13).
            throw ClientError.unencodable("an empty message type")
        }
        var writer = ByteWriter(initialCapacity: 16 + payload.count)
        header(&writer)
        writer.append(contentsOf: payload)
        sendFrame(writer.bytes)
    }

    private func sendFrame(_ bytes: [UInt8]) {
        switch phase {
        case .joined:
            connection.send(bytes)
        case .reconnecting:
            if bufferedMessages.count == Self.maxBufferedMessages { bufferedMessages.removeFirst() }
            bufferedMessages.append(bytes)
        case .leaving, .left:
            break
        }
    }

    /// Measures the round trip of a latency request (`12`); nil when the room is not joined or leaves
    /// before the answer.
    nonisolated(nonsending) public func ping() async -> Duration? {
        guard phase == .joined else { return nil }
        let start = ContinuousClock.now
        connection.send([ProtocolCode.ping.rawValue])
        return await withCheckedContinuation { pingWaiters.append((start, $0)) }
    }

    /// Leaves the room and returns once the server closed the connection (``RoomEvent/left(code:reason:)``
    /// has been delivered by then). `consented` (the default) asks the server to end the session (close
    /// 4000; its `onLeave` sees a consented leave); `false` just closes the connection, which the server
    /// sees as a drop (it may hold a reconnection seat), while this client ends its session all the same.
    nonisolated(nonsending) public func leave(consented: Bool = true) async {
        switch phase {
        case .left:
            return
        case .reconnecting:
            finish(code: Int(CloseCode.consented.rawValue), reason: "left while reconnecting")
            return
        case .joined, .leaving:
            if phase == .joined {
                phase = .leaving
                if consented {
                    connection.send([ProtocolCode.leaveRoom.rawValue])
                } else {
                    connection.close(code: nil)
                }
                // A server that does not close in time: drop the connection, which ends the session.
                let connection = self.connection
                let timeout = address.configuration.timeout
                Task {
                    try? await Task.sleep(for: timeout)
                    connection.drop()
                }
            }
            await withCheckedContinuation { leaveWaiters.append($0) }
        }
    }

    // MARK: events

    /// Every event of the room from now on, as an async sequence that ends after ``RoomEvent/left(code:reason:)``.
    /// Each call starts a new sequence; iterate it from any task.
    public var events: AsyncStream<RoomEvent> { eventStreams.subscribe() }

    /// The messages of `type` decoded as `Message`, from now on, until the room is left. A payload that
    /// does not decode is skipped here and reported as ``RoomEvent/error(code:message:)``.
    public func messages<Message: Decodable & Sendable>(_ type: MessageType, as _: Message.Type) -> AsyncCompactMapSequence<AsyncStream<RoomEvent>, Message> {
        events.compactMap { event in
            guard case let .message(messageType, payload) = event, messageType == type else { return nil }
            return try? MessagePackDecoder().decode(Message.self, from: payload)
        }
    }

    /// Calls `handler` after every full state and patch with the state and whether it is the first state
    /// of the session (or the first after a reconnection rebuilt it).
    @discardableResult
    public func onStateChange(_ handler: @escaping (_ state: State, _ isFirstState: Bool) -> Void) -> Listener {
        stateChangeListeners.add(handler)
    }

    /// Calls `handler` with the payload of every message of `type`.
    @discardableResult
    public func onMessage(_ type: MessageType, _ handler: @escaping (_ payload: MessagePackValue) -> Void) -> Listener {
        Self.list(for: type, in: &messageListeners).add(handler)
    }

    /// Calls `handler` with the payload of every message of `type` decoded as `Message`. A payload that
    /// does not decode is reported to the error listeners (code 4217) instead.
    @discardableResult
    public func onMessage<Message: Decodable>(_ type: MessageType, as _: Message.Type, _ handler: @escaping (_ message: Message) -> Void) -> Listener {
        onMessage(type) { [weak self] payload in
            do {
                handler(try MessagePackDecoder().decode(Message.self, from: payload))
            } catch {
                self?.reportError(code: Int(ErrorCode.invalidPayload.rawValue), message: "the \"\(type)\" message does not decode as \(Message.self): \(error)")
            }
        }
    }

    /// Calls `handler` for every message, whatever its type (the seed's `"*"`), after the handlers of its type.
    @discardableResult
    public func onAnyMessage(_ handler: @escaping (_ type: MessageType, _ payload: MessagePackValue) -> Void) -> Listener {
        anyMessageListeners.add(handler)
    }

    /// Calls `handler` with the bytes of every raw bytes message of `type` (the server's `sendBytes`).
    @discardableResult
    public func onBytes(_ type: MessageType, _ handler: @escaping (_ bytes: [UInt8]) -> Void) -> Listener {
        Self.list(for: type, in: &bytesListeners).add(handler)
    }

    /// Calls `handler` when the server reports an error, or the client cannot read what it sent.
    @discardableResult
    public func onError(_ handler: @escaping (_ code: Int, _ message: String) -> Void) -> Listener {
        errorListeners.add(handler)
    }

    /// Calls `handler` when the connection drops and the room starts reconnecting.
    @discardableResult
    public func onDrop(_ handler: @escaping (_ code: Int, _ reason: String) -> Void) -> Listener {
        dropListeners.add(handler)
    }

    /// Calls `handler` when the room reconnected after a drop.
    @discardableResult
    public func onReconnect(_ handler: @escaping () -> Void) -> Listener {
        reconnectListeners.add(handler)
    }

    /// Calls `handler` once, when the session ends: the close code (4000 consented, 4001 shutdown,
    /// 4002 error, 4003 reconnection failed, or the room's own code) and reason.
    @discardableResult
    public func onLeave(_ handler: @escaping (_ code: Int, _ reason: String) -> Void) -> Listener {
        leaveListeners.add(handler)
    }

    /// The listeners of `type`, created and stored when there are none yet.
    private static func list<Handler>(for type: MessageType, in lists: inout [MessageType: ListenerList<Handler>]) -> ListenerList<Handler> {
        if let list = lists[type] { return list }
        let list = ListenerList<Handler>()
        lists[type] = list
        return list
    }

    /// Removes the state change, message, bytes, error, drop, reconnect and leave listeners (not the
    /// ``callbacks``, nor the ``events`` sequences).
    public func removeAllListeners() {
        stateChangeListeners.removeAll()
        messageListeners.removeAll()
        anyMessageListeners.removeAll()
        bytesListeners.removeAll()
        errorListeners.removeAll()
        dropListeners.removeAll()
        reconnectListeners.removeAll()
        leaveListeners.removeAll()
    }

    // MARK: receiving

    /// Handles the room's connections until the session ends: every message in order, drops followed by
    /// reconnection attempts. Runs on the room's actor.
    nonisolated(nonsending) func run() async {
        while true {
            var ending: (code: Int, reason: String) = (1006, "")
            for await event in connection.events {
                switch event {
                case .message(let bytes):
                    receive(bytes)
                case let .closed(code, reason):
                    ending = (Int(code ?? 1005), reason)
                case .dropped:
                    break
                }
            }
            guard connectionEnded(code: ending.code, reason: ending.reason) else { return }
            guard await reconnect() else { return }
        }
    }

    /// Decides what a closed connection means; returns whether to try reconnecting.
    private func connectionEnded(code: Int, reason: String) -> Bool {
        switch phase {
        case .left, .reconnecting:
            return false
        case .leaving:
            finish(code: code, reason: reason)
            return false
        case .joined:
            guard ReconnectionPolicy.isDrop(code), reconnection.maxRetries > 0 else {
                finish(code: code, reason: reason)
                return false
            }
            guard ContinuousClock.now - joinedAt >= reconnection.minUptime else {
                finish(code: code, reason: "Room uptime too short for reconnection.")
                return false
            }
            phase = .reconnecting
            dropListeners.forEach { $0(code, reason) }
            publish(.dropped(code: code, reason: reason))
            return true
        }
    }

    /// Attempts to rejoin with the reconnection token; returns whether the room is joined again.
    nonisolated(nonsending) private func reconnect() async -> Bool {
        let token = String(reconnectionToken.split(separator: ":", maxSplits: 1).last ?? "")
        var attempt = 0
        var lastRefusal = "no answer"
        while attempt < reconnection.maxRetries {
            attempt += 1
            try? await Task.sleep(for: reconnection.delay(beforeAttempt: attempt))
            guard phase == .reconnecting else { return false }
            guard let url = try? address.reconnectionURL(token: token),
                  let connection = try? await address.connect(url) else { continue }
            switch await JoinOutcome.awaitJoin(on: connection, timeout: address.configuration.timeout) {
            case let .joined(newToken, _):
                guard phase == .reconnecting else {
                    connection.drop()
                    return false
                }
                self.connection = connection
                reconnectionToken = "\(roomId):\(newToken)"
                phase = .joined
                joinedAt = .now
                rebuildsOnNextState = true
                connection.send([ProtocolCode.joinRoom.rawValue])
                for message in bufferedMessages { connection.send(message) }
                bufferedMessages.removeAll()
                reconnectListeners.forEach { $0() }
                publish(.reconnected)
                return true
            case let .refused(code, message):
                // The server may not have noticed the drop yet (its onDrop opens the seat): retry, as
                // the reference SDK does, until the attempts run out.
                lastRefusal = "\(code) \(message)"
            }
        }
        if phase == .reconnecting {
            finish(code: Int(CloseCode.failedToReconnect.rawValue), reason: "failed to reconnect after \(attempt) attempts (last: \(lastRefusal))")
        }
        return false
    }

    private func receive(_ bytes: [UInt8]) {
        let frame: ServerFrame
        do {
            frame = try ServerFrame(parsing: bytes)
        } catch {
            reportError(code: Int(ErrorCode.invalidPayload.rawValue), message: "\(error)")
            return
        }
        switch frame {
        case .roomState(let payload):
            applyState(bytes, payload, isFullState: true)
        case .roomStatePatch(let payload):
            applyState(bytes, payload, isFullState: false)
        case let .roomData(type, payload):
            let value: MessagePackValue
            do {
                value = payload.isEmpty ? .nil : try MessagePackValue(decoding: bytes[payload])
            } catch {
                reportError(code: Int(ErrorCode.invalidPayload.rawValue), message: "the \"\(type)\" message's payload is not MessagePack: \(error)")
                return
            }
            messageListeners[type]?.forEach { $0(value) }
            anyMessageListeners.forEach { $0(type, value) }
            publish(.message(type: type, payload: value))
        case let .roomDataBytes(type, payload):
            let data = Array(bytes[payload])
            bytesListeners[type]?.forEach { $0(data) }
            publish(.bytes(type: type, bytes: data))
        case let .error(code, message):
            reportError(code: code, message: message)
        case .ping:
            if !pingWaiters.isEmpty {
                let waiter = pingWaiters.removeFirst()
                waiter.continuation.resume(returning: .now - waiter.start)
            }
        case .joinRoom, .ignored:
            break
        }
    }

    private func applyState(_ frame: [UInt8], _ payload: Range<Int>, isFullState: Bool) {
        func decode(with decoder: StateDecoder<State>) throws(SchemaDecodingError) -> [DataChange] {
            let result = frame.withUnsafeBytes { bytes in
                Result { () throws(SchemaDecodingError) in try decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[payload])) }
            }
            return try result.get()
        }
        do {
            let isFirstState: Bool
            if isFullState, rebuildsOnNextState {
                // A reconnection: rebuild from the full state instead of applying it on top (§12 #8).
                let fresh = StateDecoder<State>()
                let changes = try decode(with: fresh)
                decoder = fresh
                state = fresh.state
                rebuildsOnNextState = false
                isFirstState = true
                callbacks.rebuild(with: fresh, changes: changes)
            } else {
                decoder.collectsChanges = callbacks.isObserving
                let changes = try decode(with: decoder)
                isFirstState = !hasState
                callbacks.dispatch(changes)
            }
            hasState = true
            stateChangeListeners.forEach { $0(state, isFirstState) }
            publish(.stateChanged(isFirstState: isFirstState))
        } catch {
            // The state can no longer be trusted: report it and end the session.
            reportError(code: Int(ErrorCode.invalidPayload.rawValue), message: "the server's state could not be decoded: \(error)")
            phase = .leaving
            connection.close(code: CloseCode.withError.rawValue, reason: "state decoding failed")
        }
    }

    private func reportError(code: Int, message: String) {
        errorListeners.forEach { $0(code, message) }
        publish(.error(code: code, message: message))
    }

    private func publish(_ event: @autoclosure () -> RoomEvent) {
        if eventStreams.hasSubscribers { eventStreams.publish(event()) }
    }

    /// Ends the session: leave listeners, event streams, waiters.
    private func finish(code: Int, reason: String) {
        guard phase != .left else { return }
        phase = .left
        connection.drop()
        leaveListeners.forEach { $0(code, reason) }
        publish(.left(code: code, reason: reason))
        eventStreams.finish()
        for waiter in leaveWaiters { waiter.resume() }
        leaveWaiters.removeAll()
        for waiter in pingWaiters { waiter.continuation.resume(returning: nil) }
        pingWaiters.removeAll()
    }
}
