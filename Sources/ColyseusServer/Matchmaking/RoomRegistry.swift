import Synchronization

/// The rooms of this process by id, readable from any task.
final class RoomRegistry: Sendable {
    private let rooms = Mutex<[String: RegisteredRoom]>([:])
    private let creating = Atomic<Int>(0)

    /// Rooms registered plus rooms being created: what the process registry counts for placement.
    var load: Int {
        rooms.withLock { $0.count } + creating.load(ordering: .relaxed)
    }

    /// Counts a room under creation while `body` runs.
    func creating<T>(_ body: () async throws -> T) async rethrows -> T {
        creating.add(1, ordering: .relaxed)
        defer { creating.subtract(1, ordering: .relaxed) }
        return try await body()
    }

    func add(_ entry: RegisteredRoom) {
        rooms.withLock { $0[entry.roomId] = entry }
    }

    func remove(_ entry: RegisteredRoom) {
        rooms.withLock { rooms in
            if rooms[entry.roomId] === entry { rooms[entry.roomId] = nil }
        }
    }

    /// Whether `id` is taken.
    func contains(_ id: String) -> Bool {
        rooms.withLock { $0[id] != nil }
    }

    subscript(id: String) -> RegisteredRoom? {
        rooms.withLock { $0[id] }
    }

    var all: [RegisteredRoom] {
        rooms.withLock { Array($0.values) }
    }
}
