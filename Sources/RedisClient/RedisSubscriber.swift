import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Pub/sub on a connection of its own (a subscribed connection can send nothing else): channels and
/// glob patterns, each with any number of handlers. When the connection drops, the subscriber
/// reconnects with backoff and subscribes again to everything; messages published meanwhile are lost,
/// as Redis pub/sub loses them.
///
/// Handlers run one at a time, in the order messages arrive.
public final class RedisSubscriber: Sendable {
    /// A delivered message: the channel it was published on, and its payload.
    public struct Message: Sendable {
        public var channel: String
        public var payload: [UInt8]
        /// The payload as UTF-8 text.
        public var text: String { String(decoding: payload, as: UTF8.self) }
    }

    /// A channel name or a glob pattern (`PSUBSCRIBE`).
    public enum Topic: Hashable, Sendable {
        case channel(String)
        case pattern(String)

        var subscribeCommand: String { if case .channel = self { "SUBSCRIBE" } else { "PSUBSCRIBE" } }
        var unsubscribeCommand: String { if case .channel = self { "UNSUBSCRIBE" } else { "PUNSUBSCRIBE" } }
        var name: String {
            switch self {
            case .channel(let name), .pattern(let name): name
            }
        }
    }

    /// A handle to cancel one handler with ``unsubscribe(_:)``.
    public struct Subscription: Hashable, Sendable {
        public let topic: Topic
        let id: Int
        /// Whether Redis confirmed the topic's subscription before ``subscribe(_:_:)`` returned; when
        /// false (Redis unreachable), the handler receives messages once the connection is back.
        public internal(set) var isConfirmed: Bool
    }

    public typealias Handler = @Sendable (Message) async -> Void

    private let registry: TopicRegistry
    private let deliveries: AsyncStream<RESPValue>.Continuation
    private let delivering: Task<Void, Never>
    private let client: RedisClient

    /// A subscriber for `configuration`; it connects on the first subscription.
    public init(_ configuration: RedisConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger = Logger(label: "redis.subscriber")) {
        let (stream, continuation) = AsyncStream.makeStream(of: RESPValue.self)
        let registry = TopicRegistry()
        self.registry = registry
        deliveries = continuation
        client = RedisClient(
            configuration, group: group, logger: logger,
            onPush: { push in
                // Confirmations resume their waiters at once; messages queue for the handlers.
                if !registry.confirm(push) { continuation.yield(push) }
            },
            onConnect: { connection in
                try await connection.becomeSubscriber()
                connection.sendWithoutReply(registry.topics.map { RESPCommand([$0.subscribeCommand, $0.name]) })
            }
        )
        delivering = Task {
            for await push in stream { await registry.dispatch(push) }
        }
    }

    deinit {
        deliveries.finish()
        delivering.cancel()
    }

    /// Calls `handler` for each message on `topic`; returns once Redis confirmed the subscription, or
    /// after the command timeout when it did not (``Subscription/isConfirmed`` false: the handler stays
    /// and receives messages once Redis is reachable again).
    @discardableResult
    public func subscribe(_ topic: Topic, _ handler: @escaping Handler) async -> Subscription {
        var (subscription, isFirst) = registry.add(topic, handler)
        if isFirst {
            subscription.isConfirmed = await confirm(topic)
        } else {
            subscription.isConfirmed = true
        }
        return subscription
    }

    /// Removes one handler; the last handler of a topic unsubscribes it in Redis.
    public func unsubscribe(_ subscription: Subscription) async {
        if registry.remove(subscription) { await sendUnsubscribe(subscription.topic) }
    }

    /// Removes every handler of `topic` and unsubscribes it in Redis.
    public func unsubscribeAll(_ topic: Topic) async {
        if registry.removeAll(topic) { await sendUnsubscribe(topic) }
    }

    /// Closes the connection.
    public func shutdown() async {
        await client.shutdown()
        deliveries.finish()
    }

    /// Unsubscribes `topic` in Redis and waits for the confirmation (at most the command timeout).
    private func sendUnsubscribe(_ topic: Topic) async {
        // Without a connection there is nothing to unsubscribe: the next one subscribes only to live topics.
        guard let connection = try? await client.connection() else { return }
        _ = await exchange(.unsubscribe(topic), [RESPCommand([topic.unsubscribeCommand, topic.name])], on: connection)
    }

    /// Subscribes `topic` in Redis; true once confirmed, false when Redis is unreachable or slow.
    private func confirm(_ topic: Topic) async -> Bool {
        guard let connection = try? await client.connection() else { return false }
        return await exchange(.subscribe(topic), [RESPCommand([topic.subscribeCommand, topic.name])], on: connection)
    }

    /// Sends `commands` and waits for the push that confirms `confirmation`; false after the command timeout.
    private func exchange(_ confirmation: Confirmation, _ commands: [RESPCommand], on connection: RedisConnection) async -> Bool {
        let timeout = client.configuration.commandTimeout, registry = self.registry
        let timer = Task {
            try await Task.sleep(for: timeout)
            registry.release(confirmation)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            registry.wait(for: confirmation, continuation)
            connection.sendWithoutReply(commands)
        }
    }

    /// What Redis confirms with a push message.
    enum Confirmation: Hashable {
        case subscribe(Topic)
        case unsubscribe(Topic)
    }
}

/// The subscriber's handlers by topic, and who waits for a subscription's confirmation.
private final class TopicRegistry: Sendable {
    private struct State {
        var handlers: [RedisSubscriber.Topic: [Int: RedisSubscriber.Handler]] = [:]
        var nextId = 0
        var waiters: [RedisSubscriber.Confirmation: [CheckedContinuation<Bool, Never>]] = [:]
    }

    private let state = Mutex(State())

    var topics: [RedisSubscriber.Topic] { state.withLock { Array($0.handlers.keys) } }

    /// Adds a handler; true when it is the topic's first.
    func add(_ topic: RedisSubscriber.Topic, _ handler: @escaping RedisSubscriber.Handler) -> (RedisSubscriber.Subscription, Bool) {
        state.withLock { state in
            state.nextId += 1
            let isFirst = state.handlers[topic] == nil
            state.handlers[topic, default: [:]][state.nextId] = handler
            return (RedisSubscriber.Subscription(topic: topic, id: state.nextId, isConfirmed: false), isFirst)
        }
    }

    /// Removes a handler; true when it was the topic's last.
    func remove(_ subscription: RedisSubscriber.Subscription) -> Bool {
        state.withLock { state in
            guard state.handlers[subscription.topic]?.removeValue(forKey: subscription.id) != nil else { return false }
            guard state.handlers[subscription.topic]?.isEmpty == true else { return false }
            state.handlers[subscription.topic] = nil
            return true
        }
    }

    func removeAll(_ topic: RedisSubscriber.Topic) -> Bool {
        state.withLock { $0.handlers.removeValue(forKey: topic) != nil }
    }

    func wait(for confirmation: RedisSubscriber.Confirmation, _ continuation: CheckedContinuation<Bool, Never>) {
        state.withLock { $0.waiters[confirmation, default: []].append(continuation) }
    }

    /// Resumes the waiters of `confirmation` with false (their time ran out).
    func release(_ confirmation: RedisSubscriber.Confirmation) {
        for waiter in state.withLock({ $0.waiters.removeValue(forKey: confirmation) ?? [] }) { waiter.resume(returning: false) }
    }

    /// A (un)subscription confirmation resumes its waiters; false when `push` is not a confirmation.
    func confirm(_ push: RESPValue) -> Bool {
        guard let elements = push.elements, elements.count >= 2, let kind = elements[0].string?.lowercased(),
            let name = elements[1].string
        else { return false }
        let confirmation: RedisSubscriber.Confirmation
        switch kind {
        case "subscribe": confirmation = .subscribe(.channel(name))
        case "psubscribe": confirmation = .subscribe(.pattern(name))
        case "unsubscribe": confirmation = .unsubscribe(.channel(name))
        case "punsubscribe": confirmation = .unsubscribe(.pattern(name))
        default: return false
        }
        for waiter in state.withLock({ $0.waiters.removeValue(forKey: confirmation) ?? [] }) { waiter.resume(returning: true) }
        return true
    }

    /// Hands a message to the handlers of its channel or pattern, one after another.
    func dispatch(_ push: RESPValue) async {
        guard let elements = push.elements, let kind = elements.first?.string?.lowercased() else { return }
        let topic: RedisSubscriber.Topic, channel: String, payload: RESPValue
        switch (kind, elements.count) {
        case ("message", 3):
            guard let name = elements[1].string else { return }
            (topic, channel, payload) = (.channel(name), name, elements[2])
        case ("pmessage", 4):
            guard let pattern = elements[1].string, let name = elements[2].string else { return }
            (topic, channel, payload) = (.pattern(pattern), name, elements[3])
        default:
            return
        }
        let handlers = state.withLock { $0.handlers[topic].map { $0.sorted { $0.key < $1.key }.map(\.value) } ?? [] }
        let bytes: [UInt8]
        if case .bulkString(let raw) = payload { bytes = raw } else { bytes = Array((payload.string ?? "").utf8) }
        let message = RedisSubscriber.Message(channel: channel, payload: bytes)
        for handler in handlers { await handler(message) }
    }
}
