import ColyseusServer

/// The `joinOrCreate` lock in Redis: `SET key owner NX PX ttl`, released only by its owner.
public struct RedisMatchmakingLock: MatchmakingLock {
    private let redis: RedisClient
    private let keys: RedisKeys

    init(redis: RedisClient, keys: RedisKeys) {
        self.redis = redis
        self.keys = keys
    }

    public func tryLock(_ key: String, owner: String, ttl: Duration) async throws -> Bool {
        try await redis.send(["SET", keys.lock(key), owner, "NX", "PX", String(ttl.milliseconds)]) != .null
    }

    public func unlock(_ key: String, owner: String) async throws {
        let script = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
        _ = try await redis.eval(script, keys: [keys.lock(key)], arguments: [owner])
    }
}
