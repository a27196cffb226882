import ColyseusProtocol
import Foundation
import Logging
import Synchronization

/// Finds or creates rooms and reserves seats in them (PROTOCOL.md §2.5); knows every room of this
/// process. Transport-independent: the HTTP server and tests call it directly.
public final class MatchMaker: Sendable {
    /// This process's id, the first path segment of WebSocket URLs.
    public let processId: String
    /// The presence shared by all rooms.
    public let presence: any Presence
    /// Public address put in seat reservations, if clients must connect elsewhere.
    public let publicAddress: String?

    private let definitions = Mutex<[String: RoomDefinition]>([:])
    private let registry = RoomRegistry()
    private let creationLock = KeyedSerialLock()
    private let shuttingDown = Atomic<Bool>(false)
    private let logger: Logger

    public init(presence: any Presence = LocalPresence(), publicAddress: String? = nil, logger: Logger = Logger(label: "colyseus.matchmaker")) {
        self.processId = IdGenerator.make()
        self.presence = presence
        self.publicAddress = publicAddress
        self.logger = logger
    }

    // MARK: definitions

    /// Registers a room type under `name`. `defaultOptions` are merged over the client's options for
    /// `onCreate`; `filterBy` names options that must match for `join`/`joinOrCreate`.
    public func define(_ name: String, _ roomType: AnyRoom.Type, defaultOptions: JSONValue = .object([:]), filterBy: [String] = []) {
        definitions.withLock { $0[name] = RoomDefinition(name: name, roomType: roomType, defaultOptions: defaultOptions, filterBy: filterBy) }
    }

    private func definition(_ name: String) throws(ServerError) -> RoomDefinition {
        guard let definition = definitions.withLock({ $0[name] }) else {
            throw ServerError(.matchmakeNoHandler, "provided room name \"\(name)\" not defined")
        }
        return definition
    }

    /// Whether the server is shutting down (matchmaking then answers 503).
    public var isShuttingDown: Bool { shuttingDown.load(ordering: .relaxed) }

    // MARK: matchmaking

    /// Runs a matchmaking request: `target` is a room name, or a room id for `joinById`/`reconnect`.
    public func perform(_ method: MatchmakingMethod, _ target: String, options: JSONValue, context: AuthContext) async throws(ServerError) -> SeatReservation {
        do {
            switch method {
            case .joinOrCreate: return try await joinOrCreate(target, options: options, context: context)
            case .create: return try await create(target, options: options, context: context)
            case .join: return try await join(target, options: options, context: context)
            case .joinById: return try await joinById(target, options: options, context: context)
            case .reconnect: return try await reconnect(target, token: options["reconnectionToken"]?.stringValue)
            }
        } catch let error as ServerError {
            throw error
        } catch {
            throw ServerError(.matchmakeUnhandled, "\(error)")
        }
    }

    /// Joins an unlocked public room of `name` matching the `filterBy` options, or creates one.
    public func joinOrCreate(_ name: String, options: JSONValue, context: AuthContext) async throws -> SeatReservation {
        let definition = try definition(name)
        let auth = try await authenticate(definition, options: options, context: context)
        return try await creationLock.withLock(name) {
            for _ in 0..<5 {
                let room: AnyRoom
                if let existing = findRoom(definition, options: options) {
                    room = existing
                } else {
                    room = try await createRoom(definition, options: options)
                }
                if let reservation = await reserveSeat(in: room, options: options, auth: auth) { return reservation }
            }
            throw ServerError(.matchmakeUnhandled, "failed to reserve a seat in room \"\(name)\"")
        }
    }

    /// Creates a new room of `name` and reserves a seat in it.
    public func create(_ name: String, options: JSONValue, context: AuthContext) async throws -> SeatReservation {
        let definition = try definition(name)
        let auth = try await authenticate(definition, options: options, context: context)
        let room = try await createRoom(definition, options: options)
        // The creator gets its seat even when onCreate locked the room.
        guard let reservation = await reserveSeat(in: room, options: options, auth: auth, ignoringLock: true) else {
            throw ServerError(.matchmakeUnhandled, "failed to reserve a seat in room \"\(room.roomId)\"")
        }
        return reservation
    }

    /// Joins an unlocked public room of `name` matching the `filterBy` options.
    public func join(_ name: String, options: JSONValue, context: AuthContext) async throws -> SeatReservation {
        let definition = try definition(name)
        let auth = try await authenticate(definition, options: options, context: context)
        for _ in 0..<5 {
            guard let room = findRoom(definition, options: options) else { break }
            if let reservation = await reserveSeat(in: room, options: options, auth: auth) { return reservation }
        }
        throw ServerError(.matchmakeInvalidCriteria, "no rooms found with provided criteria")
    }

    /// Joins the room `roomId` (private rooms included, locked ones refused).
    public func joinById(_ roomId: String, options: JSONValue, context: AuthContext) async throws -> SeatReservation {
        guard let entry = registry[roomId] else { throw ServerError(.matchmakeInvalidRoomId, "room \"\(roomId)\" not found") }
        guard !entry.listing.locked else { throw ServerError(.matchmakeInvalidRoomId, "room \"\(roomId)\" is locked") }
        let definition = try definition(entry.listing.name)
        let auth = try await authenticate(definition, options: options, context: context)
        guard let reservation = await reserveSeat(in: entry.room, options: options, auth: auth) else {
            throw ServerError(.matchmakeInvalidRoomId, "room \"\(roomId)\" is locked")
        }
        return reservation
    }

    /// A seat for the session whose reconnection token is `token` (held by `allowReconnection`, or of a
    /// still-connected client whose stale connection is then closed).
    public func reconnect(_ roomId: String, token: String?) async throws -> SeatReservation {
        guard let entry = registry[roomId] else { throw ServerError(.matchmakeInvalidRoomId, "room \"\(roomId)\" has been disposed.") }
        guard let token, !token.isEmpty else {
            throw ServerError(.matchmakeUnhandled, "'reconnectionToken' must be provided for reconnection.")
        }
        let room = entry.room
        guard let sessionId = await room.perform({ await room.reconnectionSession(token: token) }) else {
            throw ServerError(.matchmakeExpired, "reconnection token invalid or expired.")
        }
        return reservation(room: room, name: entry.listing.name, sessionId: sessionId)
    }

    // MARK: queries

    /// Listings of the rooms clients may join: not locked, not private; of `name` when given.
    public func availableRooms(name: String? = nil) -> [RoomListing] {
        registry.all.map(\.listing)
            .filter { !$0.locked && !$0.isPrivate && (name == nil || $0.name == name) }
            .sorted { $0.createdAt < $1.createdAt }
    }

    /// Listings of every room of this process.
    public var allRooms: [RoomListing] {
        registry.all.map(\.listing).sorted { $0.createdAt < $1.createdAt }
    }

    /// The room with id `roomId`, if it lives in this process.
    public func room(id roomId: String) -> AnyRoom? {
        registry[roomId]?.room
    }

    // MARK: shutdown

    /// Stops matchmaking, then disconnects every room with 4001 and waits for each to be disposed.
    public func shutdown() async {
        guard !shuttingDown.exchange(true, ordering: .relaxed) else { return }
        await withTaskGroup(of: Void.self) { group in
            for entry in registry.all {
                let room = entry.room
                group.addTask {
                    await room.perform { await room.disconnect(code: .serverShutdown) }
                }
            }
        }
    }

    // MARK: internals

    private func authenticate(_ definition: RoomDefinition, options: JSONValue, context: AuthContext) async throws -> (any Sendable)? {
        try await definition.roomType.onAuth(token: context.token, options: options, context: context)
    }

    private func findRoom(_ definition: RoomDefinition, options: JSONValue) -> AnyRoom? {
        registry.all
            .filter {
                let listing = $0.listing
                return listing.name == definition.name && !listing.locked && !listing.isPrivate
                    && listing.matches(options, filterBy: definition.filterBy)
            }
            .min { $0.listing.createdAt < $1.listing.createdAt }?
            .room
    }

    private func createRoom(_ definition: RoomDefinition, options: JSONValue) async throws -> AnyRoom {
        guard !isShuttingDown else { throw ServerError(code: 503, message: "server is shutting down") }
        let room = definition.roomType.init()
        room.roomName = definition.name
        room.presence = presence
        room.logger[metadataKey: "room"] = "\(definition.name)"
        let createOptions = options.merging(definition.defaultOptions)
        do {
            try await room.perform {
                try await room.onCreate(options: createOptions)
                room.finishCreation()
            }
        } catch {
            await room.perform { room.clock.stop() }
            if let serverError = error as? ServerError { throw serverError }
            throw ServerError(.matchmakeUnhandled, "\(error)")
        }
        guard !registry.contains(room.roomId) else {
            await room.perform { room.clock.stop() }
            throw ServerError(.matchmakeUnhandled, "roomId \"\(room.roomId)\" is already in use")
        }
        var filterOptions: [String: JSONValue] = [:]
        for key in definition.filterBy { filterOptions[key] = options[key] }
        let listing = RoomListing(
            name: definition.name, roomId: room.roomId, processId: processId, clients: 0, maxClients: nil,
            locked: false, isPrivate: false, metadata: .object([:]), createdAt: Date(), filterOptions: filterOptions
        )
        let entry = RegisteredRoom(room: room, listing: listing, registry: registry)
        registry.add(entry)
        await room.perform {
            room.logger[metadataKey: "roomId"] = "\(room.roomId)"
            room.registration = entry
            room.updateListing()
        }
        logger.debug("room created", metadata: ["name": "\(definition.name)", "roomId": "\(room.roomId)"])
        return room
    }

    private func reserveSeat(in room: AnyRoom, options: JSONValue, auth: (any Sendable)?, ignoringLock: Bool = false) async -> SeatReservation? {
        let sessionId = IdGenerator.make()
        let reserved = await room.perform {
            room.reserveSeat(sessionId: sessionId, options: options, auth: auth, ignoringLock: ignoringLock)
        }
        guard reserved else { return nil }
        return reservation(room: room, name: room.roomName, sessionId: sessionId)
    }

    private func reservation(room: AnyRoom, name: String, sessionId: String) -> SeatReservation {
        SeatReservation(name: name, sessionId: sessionId, roomId: room.roomId, processId: processId, publicAddress: publicAddress)
    }
}
