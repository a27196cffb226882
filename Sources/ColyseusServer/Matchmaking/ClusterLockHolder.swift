/// Holds a ``MatchmakingLock`` key around a critical section: waits for it (polling every 20 ms, at
/// most the lock's time to live plus a second), runs the section, and releases it.
struct ClusterLockHolder: Sendable {
    let lock: any MatchmakingLock
    let key: String
    let owner: String
    /// How long the lock lasts if its holder dies before releasing it.
    var ttl: Duration = .seconds(5)

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + ttl + .seconds(1)
        while try await !MatchMaker.shared({ try await lock.tryLock(key, owner: owner, ttl: ttl) }) {
            guard ContinuousClock.now < deadline else {
                throw ServerError(code: 503, message: "timed out waiting for the matchmaking lock \"\(key)\"")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        do {
            let result = try await body()
            try? await lock.unlock(key, owner: owner)
            return result
        } catch {
            try? await lock.unlock(key, owner: owner)
            throw error
        }
    }
}
