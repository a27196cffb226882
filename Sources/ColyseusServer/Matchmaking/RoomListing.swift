import Foundation
import Synchronization

/// What matchmaking and room listings know about a room.
public struct RoomListing: Sendable, Codable, Equatable {
    /// The room type's name.
    public var name: String
    public var roomId: String
    public var processId: String
    /// Clients plus open seat reservations.
    public var clients: Int
    /// nil when unlimited.
    public var maxClients: Int?
    public var locked: Bool
    public var isPrivate: Bool
    public var metadata: JSONValue
    public var createdAt: Date
    /// The creating client's values of the room type's `filterBy` options.
    var filterOptions: [String: JSONValue] = [:]

    enum CodingKeys: String, CodingKey {
        case name, roomId, processId, clients, maxClients, locked, isPrivate = "private", metadata, createdAt
    }

    /// Whether every `filterBy` option in `options` equals this room's (the option, else the metadata key).
    func matches(_ options: JSONValue, filterBy: [String]) -> Bool {
        filterBy.allSatisfy { key in
            let wanted = options[key]
            let have = filterOptions[key] ?? metadata[key]
            return wanted == have
        }
    }
}

/// A room's entry in the registry: its listing, updated by the room on its executor and read by
/// matchmaking from any task.
final class RegisteredRoom: Sendable {
    nonisolated(unsafe) let room: AnyRoom
    let roomId: String
    private let registry: RoomRegistry
    private let state: Mutex<RoomListing>

    init(room: AnyRoom, listing: RoomListing, registry: RoomRegistry) {
        self.room = room
        self.roomId = listing.roomId
        self.registry = registry
        self.state = Mutex(listing)
    }

    var listing: RoomListing { state.withLock { $0 } }

    /// Copies the room's current matchmaking properties (called on the room's executor).
    func update(from room: AnyRoom) {
        let clients = room.occupiedSeats
        let maxClients = room.maxClients == .max ? nil : room.maxClients
        let locked = room.locked, isPrivate = room.isPrivate, metadata = room.metadata
        state.withLock {
            $0.clients = clients
            $0.maxClients = maxClients
            $0.locked = locked
            $0.isPrivate = isPrivate
            $0.metadata = metadata
        }
    }

    /// Takes the room out of matchmaking (it is being disposed).
    func remove() {
        registry.remove(self)
    }
}
