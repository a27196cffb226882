/// Shared pub/sub and key-value storage for rooms (the reference's Presence). The embedded default is
/// ``LocalPresence`` (one process); `RedisPresence` (module ColyseusRedis) shares it between processes.
///
/// Keys and values are strings, as in Redis; published messages are JSON values.
public protocol Presence: Sendable {
    // MARK: pub/sub

    /// Calls `handler` for every message published on `topic`; returns the subscription to cancel.
    func subscribe(_ topic: String, _ handler: @escaping @Sendable (JSONValue) async -> Void) async -> PresenceSubscription
    /// Stops one subscription.
    func unsubscribe(_ subscription: PresenceSubscription) async
    /// Stops every subscription to `topic`.
    func unsubscribeAll(_ topic: String) async
    /// Delivers `message` to the subscribers of `topic`; returns how many subscriptions received it (as
    /// Redis's PUBLISH: subscribed connections for a shared presence, 0 when it could not publish).
    @discardableResult
    func publish(_ topic: String, _ message: JSONValue) async -> Int
    /// Topics with subscribers, optionally matching a glob pattern (`*`, `?`).
    func channels(matching pattern: String?) async -> [String]

    // MARK: keys

    /// Sets `key` to `value`, dropping any time to live (as Redis's SET).
    func set(_ key: String, _ value: String) async
    /// Sets `key` to `value` for `seconds`.
    func setex(_ key: String, _ value: String, seconds: Double) async
    /// Deletes `key` after `seconds` unless it is set or deleted before; nothing when `key` does not exist.
    func expire(_ key: String, seconds: Double) async
    func get(_ key: String) async -> String?
    /// Deletes `key` from every store (values, sets, hashes, lists).
    func del(_ key: String) async
    func exists(_ key: String) async -> Bool
    /// Adds 1 to the integer at `key` (0 when missing) and returns the result.
    func incr(_ key: String) async -> Int
    /// Subtracts 1 from the integer at `key` (0 when missing) and returns the result.
    func decr(_ key: String) async -> Int

    // MARK: sets

    func sadd(_ key: String, _ member: String) async
    func srem(_ key: String, _ member: String) async
    func smembers(_ key: String) async -> [String]
    func sismember(_ key: String, _ member: String) async -> Bool
    func scard(_ key: String) async -> Int
    /// Members present in every one of the sets `keys`.
    func sinter(_ keys: [String]) async -> [String]

    // MARK: hashes

    func hset(_ key: String, _ field: String, _ value: String) async
    /// Adds `amount` to the integer in `field` (0 when missing) and returns the result.
    func hincrby(_ key: String, _ field: String, _ amount: Int) async -> Int
    func hget(_ key: String, _ field: String) async -> String?
    func hgetall(_ key: String) async -> [String: String]
    /// Deletes `field`; returns whether it existed.
    func hdel(_ key: String, _ field: String) async -> Bool
    func hlen(_ key: String) async -> Int

    // MARK: lists

    /// Appends `values`; returns the new length.
    func rpush(_ key: String, _ values: [String]) async -> Int
    /// Prepends `values` one by one (the last ends up first); returns the new length.
    func lpush(_ key: String, _ values: [String]) async -> Int
    func lpop(_ key: String) async -> String?
    func rpop(_ key: String) async -> String?
    func llen(_ key: String) async -> Int

    /// Releases resources (connections) when the server stops.
    func shutdown() async
}

/// A handle returned by ``Presence/subscribe(_:_:)``.
public struct PresenceSubscription: Hashable, Sendable {
    public let topic: String
    public let id: Int

    public init(topic: String, id: Int) {
        self.topic = topic
        self.id = id
    }
}
