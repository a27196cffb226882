/// A lock shared by every process, so that `joinOrCreate` never creates two rooms where one was meant
/// (the reference's concurrency hash). `RedisMatchmakingLock` (module ColyseusRedis) is `SET NX PX`.
public protocol MatchmakingLock: Sendable {
    /// Takes `key` for `owner` until ``unlock(_:owner:)`` or until `ttl` passed (a holder that died
    /// does not block the others for longer); false when someone else holds it.
    func tryLock(_ key: String, owner: String, ttl: Duration) async throws -> Bool
    /// Releases `key` if `owner` still holds it.
    func unlock(_ key: String, owner: String) async throws
}
