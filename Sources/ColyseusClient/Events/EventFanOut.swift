import Synchronization

/// The async sequences of a room's events: each ``Room/events`` call subscribes one stream, which ends
/// when its consumer stops iterating or the room is left.
final class EventFanOut: Sendable {
    private struct Subscribers {
        var continuations: [Int: AsyncStream<RoomEvent>.Continuation] = [:]
        var nextId = 0
        var isFinished = false
    }

    private let subscribers = Mutex(Subscribers())

    /// Whether any stream would receive an event (so a room skips building events nobody reads).
    var hasSubscribers: Bool { subscribers.withLock { !$0.continuations.isEmpty } }

    func subscribe() -> AsyncStream<RoomEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: RoomEvent.self, bufferingPolicy: .unbounded)
        let id: Int? = subscribers.withLock { state in
            guard !state.isFinished else { return nil }
            state.nextId += 1
            state.continuations[state.nextId] = continuation
            return state.nextId
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    func publish(_ event: RoomEvent) {
        let continuations = subscribers.withLock { Array($0.continuations.values) }
        for continuation in continuations { continuation.yield(event) }
    }

    /// Ends every stream; later subscriptions end at once.
    func finish() {
        let continuations = subscribers.withLock { state in
            state.isFinished = true
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
