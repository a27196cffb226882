import ColyseusServer
import Foundation
import Logging
import Synchronization

/// ``Presence`` on Redis (the reference's `@colyseus/redis-presence`): keys, sets, hashes and lists in
/// Redis, and pub/sub through Redis channels, so that rooms of every process share them. Messages are
/// JSON text on the wire.
///
/// Presence calls do not throw: while Redis is unreachable a call logs the failure and returns the
/// empty answer (nil, 0, false, []), and `publish` reaches no one (0). Subscriptions survive an outage
/// and receive messages again once the subscriber connection is back.
public final class RedisPresence: Presence {
    private let redis: RedisClient
    private let subscriber: RedisSubscriber
    private let logger: Logger
    private let subscriptions = Mutex<[Int: RedisSubscriber.Subscription]>([:])
    private let nextId = Atomic<Int>(0)

    /// A presence on its own connections to `configuration`'s server.
    public convenience init(_ configuration: RedisConfiguration, logger: Logger = Logger(label: "colyseus.presence")) {
        self.init(redis: RedisClient(configuration, logger: logger), subscriber: RedisSubscriber(configuration, logger: logger), logger: logger)
    }

    init(redis: RedisClient, subscriber: RedisSubscriber, logger: Logger) {
        self.redis = redis
        self.subscriber = subscriber
        self.logger = logger
    }

    // MARK: pub/sub

    public func subscribe(_ topic: String, _ handler: @escaping @Sendable (JSONValue) async -> Void) async -> PresenceSubscription {
        let logger = self.logger
        let id = nextId.add(1, ordering: .relaxed).newValue
        let deliver: RedisSubscriber.Handler = { message in
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(message.payload)) else {
                logger.warning("ignoring a presence message that is not JSON", metadata: ["topic": "\(message.channel)"])
                return
            }
            await handler(value)
        }
        let subscription = await subscriber.subscribe(.channel(topic), deliver)
        if !subscription.isConfirmed {
            logger.warning("Redis did not confirm a presence subscription; it starts once Redis is reachable", metadata: ["topic": "\(topic)"])
        }
        subscriptions.withLock { $0[id] = subscription }
        return PresenceSubscription(topic: topic, id: id)
    }

    public func unsubscribe(_ subscription: PresenceSubscription) async {
        guard let handle = subscriptions.withLock({ $0.removeValue(forKey: subscription.id) }) else { return }
        await subscriber.unsubscribe(handle)
    }

    public func unsubscribeAll(_ topic: String) async {
        subscriptions.withLock { $0 = $0.filter { $0.value.topic != .channel(topic) } }
        await subscriber.unsubscribeAll(.channel(topic))
    }

    @discardableResult
    public func publish(_ topic: String, _ message: JSONValue) async -> Int {
        guard let payload = try? JSONEncoder().encode(message) else { return 0 }
        return await run(RESPCommand(bytes: [Array("PUBLISH".utf8), Array(topic.utf8), Array(payload)]), or: 0) { $0.integer }
    }

    public func channels(matching pattern: String?) async -> [String] {
        await run(["PUBSUB", "CHANNELS", pattern ?? "*"], or: []) { $0.elements?.compactMap(\.string).sorted() }
    }

    // MARK: keys

    public func set(_ key: String, _ value: String) async {
        await run(["SET", key, value])
    }

    public func setex(_ key: String, _ value: String, seconds: Double) async {
        await run(["SET", key, value, "PX", String(max(1, Int64(seconds * 1000)))])
    }

    public func expire(_ key: String, seconds: Double) async {
        await run(["PEXPIRE", key, String(max(1, Int64(seconds * 1000)))])
    }

    public func get(_ key: String) async -> String? {
        await run(["GET", key], or: nil) { $0.string }
    }

    public func del(_ key: String) async {
        await run(["DEL", key])
    }

    public func exists(_ key: String) async -> Bool {
        await run(["EXISTS", key], or: false) { $0.integer.map { $0 > 0 } }
    }

    public func incr(_ key: String) async -> Int {
        await run(["INCR", key], or: 0) { $0.integer }
    }

    public func decr(_ key: String) async -> Int {
        await run(["DECR", key], or: 0) { $0.integer }
    }

    // MARK: sets

    public func sadd(_ key: String, _ member: String) async {
        await run(["SADD", key, member])
    }

    public func srem(_ key: String, _ member: String) async {
        await run(["SREM", key, member])
    }

    public func smembers(_ key: String) async -> [String] {
        await run(["SMEMBERS", key], or: []) { $0.elements?.compactMap(\.string) }
    }

    public func sismember(_ key: String, _ member: String) async -> Bool {
        await run(["SISMEMBER", key, member], or: false) { $0.integer.map { $0 == 1 } }
    }

    public func scard(_ key: String) async -> Int {
        await run(["SCARD", key], or: 0) { $0.integer }
    }

    public func sinter(_ keys: [String]) async -> [String] {
        guard !keys.isEmpty else { return [] }
        return await run(RESPCommand(["SINTER"] + keys), or: []) { $0.elements?.compactMap(\.string) }
    }

    // MARK: hashes

    public func hset(_ key: String, _ field: String, _ value: String) async {
        await run(["HSET", key, field, value])
    }

    public func hincrby(_ key: String, _ field: String, _ amount: Int) async -> Int {
        await run(["HINCRBY", key, field, String(amount)], or: 0) { $0.integer }
    }

    public func hget(_ key: String, _ field: String) async -> String? {
        await run(["HGET", key, field], or: nil) { $0.string }
    }

    public func hgetall(_ key: String) async -> [String: String] {
        await run(["HGETALL", key], or: [:]) { reply in
            let flat = reply.elements ?? []
            var fields: [String: String] = [:]
            for index in stride(from: 0, to: flat.count - 1, by: 2) {
                if let field = flat[index].string, let value = flat[index + 1].string { fields[field] = value }
            }
            return fields
        }
    }

    public func hdel(_ key: String, _ field: String) async -> Bool {
        await run(["HDEL", key, field], or: false) { $0.integer.map { $0 > 0 } }
    }

    public func hlen(_ key: String) async -> Int {
        await run(["HLEN", key], or: 0) { $0.integer }
    }

    // MARK: lists

    public func rpush(_ key: String, _ values: [String]) async -> Int {
        guard !values.isEmpty else { return await llen(key) }
        return await run(RESPCommand(["RPUSH", key] + values), or: 0) { $0.integer }
    }

    public func lpush(_ key: String, _ values: [String]) async -> Int {
        guard !values.isEmpty else { return await llen(key) }
        return await run(RESPCommand(["LPUSH", key] + values), or: 0) { $0.integer }
    }

    public func lpop(_ key: String) async -> String? {
        await run(["LPOP", key], or: nil) { $0.string }
    }

    public func rpop(_ key: String) async -> String? {
        await run(["RPOP", key], or: nil) { $0.string }
    }

    public func llen(_ key: String) async -> Int {
        await run(["LLEN", key], or: 0) { $0.integer }
    }

    /// Closes both connections.
    public func shutdown() async {
        await subscriber.shutdown()
        await redis.shutdown()
    }

    // MARK: commands

    private func run(_ command: RESPCommand) async {
        await run(command, or: ()) { _ in () }
    }

    /// The command's reply through `read`, or `fallback` (logged) when Redis failed or answered otherwise.
    private func run<T: Sendable>(_ command: RESPCommand, or fallback: T, _ read: (RESPValue) -> T?) async -> T {
        do {
            let reply = try await redis.send(command)
            if let value = read(reply) { return value }
            if reply == .null { return fallback }
            throw RedisError.unexpectedReply(command: command.name, reply: "\(reply)")
        } catch {
            logger.warning("presence command failed", metadata: ["command": "\(command.name)", "error": "\(error)"])
            return fallback
        }
    }
}
