import Synchronization

/// The rooms of this process by id, readable from any task.
final class RoomRegistry: Sendable {
    private let rooms = Mutex<[String: RegisteredRoom]>([:])

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
