import Synchronization

/// Runs async critical sections one at a time per key (so that two `joinOrCreate` calls for the same
/// room name do not both create a room).
final class KeyedSerialLock: Sendable {
    private struct State {
        var held: Set<String> = []
        var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    }

    private let state = Mutex(State())

    func withLock<T: Sendable>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state in
                if state.held.insert(key).inserted { return true }
                state.waiters[key, default: []].append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    private func release(_ key: String) {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if var waiting = state.waiters[key], !waiting.isEmpty {
                let next = waiting.removeFirst()
                state.waiters[key] = waiting.isEmpty ? nil : waiting
                return next  // ownership passes to the next waiter; the key stays held
            }
            state.held.remove(key)
            return nil
        }
        next?.resume()
    }
}
