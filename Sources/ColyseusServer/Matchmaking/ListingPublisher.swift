import Logging
import Synchronization

/// Keeps the room driver's copy of this process's listings current: changes of a room coalesce, one
/// write runs at a time and always writes the room's latest listing; writes that failed (storage
/// unreachable) are retried by ``retryFailed()``.
final class ListingPublisher: Sendable {
    private struct State {
        var changed: Set<String> = []
        var removed: Set<String> = []
        var isFlushing = false
        var isStopped = false
    }

    private let driver: any RoomDriver
    private let registry: RoomRegistry
    private let processId: String
    private let logger: Logger
    private let state = Mutex(State())
    private let writes = KeyedSerialLock()

    init(driver: any RoomDriver, registry: RoomRegistry, processId: String, logger: Logger) {
        self.driver = driver
        self.registry = registry
        self.processId = processId
        self.logger = logger
    }

    /// The listing of `roomId` changed.
    func changed(_ roomId: String) {
        enqueue { $0.changed.insert(roomId) }
    }

    /// The room `roomId` is gone.
    func removed(_ roomId: String) {
        enqueue {
            $0.changed.remove(roomId)
            $0.removed.insert(roomId)
        }
    }

    /// Writes every room of this process again (the storage lost them).
    func republishAll() {
        let ids = registry.all.map(\.roomId)
        enqueue { $0.changed.formUnion(ids) }
    }

    /// Writes what earlier failed.
    func retryFailed() {
        enqueue { _ in }
    }

    /// Writes the listing of `roomId` now and returns once it is stored.
    func persistNow(_ roomId: String) async throws {
        try await writes.withLock("") {
            state.withLock { _ = $0.changed.remove(roomId) }
            guard let listing = registry[roomId]?.listing else { return }
            try await driver.persist([listing])
        }
    }

    /// Ignores every later change (the process is leaving and has removed its listings).
    func stop() {
        state.withLock { $0.isStopped = true }
    }

    private func enqueue(_ change: (inout State) -> Void) {
        let start = state.withLock { state -> Bool in
            guard !state.isStopped else { return false }
            change(&state)
            guard !state.isFlushing, !state.changed.isEmpty || !state.removed.isEmpty else { return false }
            state.isFlushing = true
            return true
        }
        if start { Task { await flush() } }
    }

    private func flush() async {
        while true {
            let (changed, removed) = state.withLock { state -> (Set<String>, Set<String>) in
                defer {
                    state.changed.removeAll()
                    state.removed.removeAll()
                }
                if state.isStopped || (state.changed.isEmpty && state.removed.isEmpty) { state.isFlushing = false }
                return state.isFlushing ? (state.changed, state.removed) : ([], [])
            }
            guard !changed.isEmpty || !removed.isEmpty else { return }
            do {
                try await writes.withLock("") {
                    let listings = changed.compactMap { registry[$0]?.listing }
                    if !listings.isEmpty { try await driver.persist(listings) }
                    for roomId in removed { try await driver.remove(roomId: roomId, processId: processId) }
                }
            } catch {
                logger.warning("room listings not stored; retrying on the next heartbeat", metadata: ["error": "\(error)"])
                state.withLock { state in
                    state.changed.formUnion(changed.subtracting(state.removed))
                    state.removed.formUnion(removed.subtracting(state.changed))
                    state.isFlushing = false
                }
                return
            }
        }
    }
}
