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
    /// Where clients connect to the hosting process, when it is not the matchmaking host (PROTOCOL.md §2.3).
    public var publicAddress: String? = nil
    /// Whether listings hide the room (matchmaking still finds it).
    public var unlisted = false
    /// The creating client's values of the room type's `filterBy` options (kept by room drivers, never
    /// shown in listings).
    public var filterOptions: [String: JSONValue] = [:]

    enum CodingKeys: String, CodingKey {
        case name, roomId, processId, clients, maxClients, locked, isPrivate = "private", unlisted, metadata, createdAt, publicAddress
    }

    /// Whether `join` and `joinOrCreate` of `definition` with `options` may pick this room.
    func isJoinable(by definition: RoomDefinition, options: JSONValue) -> Bool {
        name == definition.name && !locked && !isPrivate && matches(options, filterBy: definition.filterBy)
    }

    /// Whether every `filterBy` option the client sent equals this room's (the option, else the metadata
    /// key). A `filterBy` key the client's options do not have does not filter, as the reference's
    /// `getFilterOptions` (which keeps the keys the options own) does.
    func matches(_ options: JSONValue, filterBy: [String]) -> Bool {
        filterBy.allSatisfy { key in
            guard let wanted = options[key] else { return true }
            return wanted == filterOptions[key] ?? metadata[key]
        }
    }
}

/// A room's entry in the registry: its listing, updated by the room on its executor and read by
/// matchmaking from any task (and copied to the room driver when processes share one).
final class RegisteredRoom: Sendable {
    nonisolated(unsafe) let room: AnyRoom
    let roomId: String
    private let registry: RoomRegistry
    private let state: Mutex<RoomListing>
    private let publisher: ListingPublisher?

    init(room: AnyRoom, listing: RoomListing, registry: RoomRegistry, publisher: ListingPublisher?) {
        self.room = room
        self.roomId = listing.roomId
        self.registry = registry
        self.state = Mutex(listing)
        self.publisher = publisher
    }

    var listing: RoomListing { state.withLock { $0 } }

    /// Copies the room's current matchmaking properties (called on the room's executor).
    func update(from room: AnyRoom) {
        let clients = room.occupiedSeats
        let maxClients = room.maxClients == .max ? nil : room.maxClients
        let locked = room.locked, isPrivate = room.isPrivate, unlisted = room.isUnlisted, metadata = room.metadata
        let changed = state.withLock { listing in
            let before = listing
            listing.clients = clients
            listing.maxClients = maxClients
            listing.locked = locked
            listing.isPrivate = isPrivate
            listing.unlisted = unlisted
            listing.metadata = metadata
            return listing != before
        }
        if changed { publisher?.changed(roomId) }
    }

    /// Takes the room out of matchmaking (it is being disposed).
    func remove() {
        registry.remove(self)
        publisher?.removed(roomId)
    }
}

extension RoomListing {
    /// The listing with its filter options, as JSON: the form in which room drivers keep listings and
    /// processes hand them to each other.
    public func storedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return try encoder.encode(Stored(listing: self, filterOptions: filterOptions))
    }

    /// A listing read back from ``storedJSON()``.
    public init(storedJSON: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        let stored = try decoder.decode(Stored.self, from: storedJSON)
        self = stored.listing
        self.filterOptions = stored.filterOptions
    }

    private struct Stored: Codable {
        var listing: RoomListing
        var filterOptions: [String: JSONValue]
    }
}
