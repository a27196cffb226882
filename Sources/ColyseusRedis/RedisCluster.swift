import ColyseusServer
import Logging

/// Everything several server processes need to share matchmaking on one Redis: a ``RedisPresence``
/// and the ``ClusterServices`` (room listings, process registry, `joinOrCreate` lock).
///
/// ```swift
/// let redis = try RedisCluster(url: "redis://127.0.0.1:6379/0")
/// let server = GameServer(configuration: .init(port: 2567, publicAddress: "10.0.0.5:2567"),
///                         presence: redis.presence, cluster: redis.services)
/// ```
public struct RedisCluster: Sendable {
    public let presence: RedisPresence
    public let services: ClusterServices

    /// Connections to the server of `url` (`redis://[[user]:password@]host[:port][/db]`).
    public init(url: String, logger: Logger = Logger(label: "colyseus.redis")) throws(RedisURLError) {
        self.init(try RedisConfiguration(url: url), logger: logger)
    }

    /// Two connections to `configuration`'s server: one for commands (presence, listings, registry,
    /// lock; pipelined) and one for subscriptions.
    public init(_ configuration: RedisConfiguration, keyPrefix: String = "colyseus:", logger: Logger = Logger(label: "colyseus.redis")) {
        var configuration = configuration
        configuration.clientName = configuration.clientName ?? "colyseus"
        let redis = RedisClient(configuration, logger: logger)
        let keys = RedisKeys(prefix: keyPrefix)
        presence = RedisPresence(redis: redis, subscriber: RedisSubscriber(configuration, logger: logger), logger: logger)
        services = ClusterServices(
            driver: RedisRoomDriver(redis: redis, keys: keys, logger: logger),
            registry: RedisProcessRegistry(redis: redis, keys: keys),
            lock: RedisMatchmakingLock(redis: redis, keys: keys)
        )
    }
}
