import ColyseusProtocol
import Foundation
import Logging
import Synchronization

/// Finds or creates rooms and reserves seats in them (PROTOCOL.md §2.5). Transport-independent: the
/// HTTP server and tests call it directly.
///
/// Alone, it knows the rooms of this process. Given ``ClusterServices`` (and a shared ``Presence``), it
/// matchmakes across every process of the cluster: listings of all rooms, seats reserved by the hosting
/// process through a request over presence, new rooms placed on the process with the fewest rooms.
public final class MatchMaker: Sendable {
    /// This process's id, the first path segment of WebSocket URLs.
    public let processId: String
    /// The presence shared by all rooms.
    public let presence: any Presence
    /// Public address put in seat reservations, if clients must connect elsewhere.
    public let publicAddress: String?

    private let definitions = Mutex<[String: RoomDefinition]>([:])
    let registry = RoomRegistry()
    private let creationLock = KeyedSerialLock()
    private let shuttingDown = Atomic<Bool>(false)
    let logger: Logger
    let cluster: Cluster?

    /// The parts of a matchmaker that exist when it shares matchmaking with other processes.
    struct Cluster: Sendable {
        let services: ClusterServices
        let ipc: ProcessIPC
        let publisher: ListingPublisher
        let membership: ClusterMembership
    }

    /// A matchmaker for this process; with `cluster`, for every process sharing its storage (then
    /// `presence` must be shared as well, e.g. `RedisPresence`).
    public init(presence: any Presence = LocalPresence(), publicAddress: String? = nil, cluster: ClusterServices? = nil, logger: Logger = Logger(label: "colyseus.matchmaker")) {
        let processId = IdGenerator.make()
        self.processId = processId
        self.presence = presence
        self.publicAddress = publicAddress
        self.logger = logger
        guard let services = cluster else {
            self.cluster = nil
            return
        }
        let publisher = ListingPublisher(driver: services.driver, registry: registry, processId: processId, logger: logger)
        let registry = self.registry
        let membership = ClusterMembership(
            services: services, processId: processId, publicAddress: publicAddress, publisher: publisher,
            roomCount: { registry.load }, logger: logger
        )
        let ipc = ProcessIPC(presence: presence, processId: processId, timeout: services.requestTimeout, logger: logger)
        self.cluster = Cluster(services: services, ipc: ipc, publisher: publisher, membership: membership)
        if publicAddress == nil {
            logger.warning("no public address: clients matchmade by another process cannot reach this process's rooms")
        }
        joinCluster()
    }

    /// Starts answering the other processes' requests, then the heartbeat.
    private func joinCluster() {
        guard let cluster else { return }
        cluster.membership.start {
            await cluster.ipc.listen { [weak self] method, arguments in
                guard let self else { throw ServerError(code: 503, message: "server is shutting down") }
                return try await self.answer(method, arguments)
            }
        }
    }

    // MARK: definitions

    /// Registers a room type under `name`. `defaultOptions` are merged over the client's options for
    /// `onCreate`; `filterBy` names options that must match for `join`/`joinOrCreate`.
    public func define(_ name: String, _ roomType: AnyRoom.Type, defaultOptions: JSONValue = .object([:]), filterBy: [String] = []) {
        definitions.withLock { $0[name] = RoomDefinition(name: name, roomType: roomType, defaultOptions: defaultOptions, filterBy: filterBy) }
    }

    func definition(_ name: String) throws(ServerError) -> RoomDefinition {
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

    /// Joins an unlocked public room of `name` matching the `filterBy` options, or creates one (never
    /// two at once for the same options, across processes too).
    public func joinOrCreate(_ name: String, options: JSONValue, context: AuthContext) async throws -> SeatReservation {
        let definition = try definition(name)
        let auth = try await authenticate(definition, options: options, context: context)
        for _ in 0..<5 {
            if let listing = try await findRoom(definition, options: options) {
                if let reservation = try await reserveSeat(in: listing, options: options, auth: auth) { return reservation }
                continue
            }
            let reservation = try await withCreationLock(definition, options: options) { () async throws -> SeatReservation? in
                var listing = try await self.findRoom(definition, options: options)
                if listing == nil { listing = try await self.placeRoom(definition, options: options) }
                guard let listing else { return nil }
                return try await self.reserveSeat(in: listing, options: options, auth: auth)
            }
            if let reservation { return reservation }
        }
        throw ServerError(.matchmakeUnhandled, "failed to reserve a seat in room \"\(name)\"")
    }

    /// Creates a new room of `name` and reserves a seat in it.
    public func create(_ name: String, options: JSONValue, context: AuthContext) async throws -> SeatReservation {
        let definition = try definition(name)
        let auth = try await authenticate(definition, options: options, context: context)
        let listing = try await placeRoom(definition, options: options)
        // The creator gets its seat even when onCreate locked the room.
        guard let reservation = try await reserveSeat(in: listing, options: options, auth: auth, ignoringLock: true) else {
            throw ServerError(.matchmakeUnhandled, "failed to reserve a seat in room \"\(listing.roomId)\"")
        }
        return reservation
    }

    /// Joins an unlocked public room of `name` matching the `filterBy` options.
    public func join(_ name: String, options: JSONValue, context: AuthContext) async throws -> SeatReservation {
        let definition = try definition(name)
        let auth = try await authenticate(definition, options: options, context: context)
        for _ in 0..<5 {
            guard let listing = try await findRoom(definition, options: options) else { break }
            if let reservation = try await reserveSeat(in: listing, options: options, auth: auth) { return reservation }
        }
        throw ServerError(.matchmakeInvalidCriteria, "no rooms found with provided criteria")
    }

    /// Joins the room `roomId` (private rooms included, locked ones refused).
    public func joinById(_ roomId: String, options: JSONValue, context: AuthContext) async throws -> SeatReservation {
        guard let listing = try await listing(roomId: roomId) else { throw ServerError(.matchmakeInvalidRoomId, "room \"\(roomId)\" not found") }
        guard !listing.locked else { throw ServerError(.matchmakeInvalidRoomId, "room \"\(roomId)\" is locked") }
        let definition = try definition(listing.name)
        let auth = try await authenticate(definition, options: options, context: context)
        guard let reservation = try await reserveSeat(in: listing, options: options, auth: auth) else {
            throw ServerError(.matchmakeInvalidRoomId, "room \"\(roomId)\" is locked")
        }
        return reservation
    }

    /// A seat for the session whose reconnection token is `token` (held by `allowReconnection`, or of a
    /// still-connected client whose stale connection is then closed).
    public func reconnect(_ roomId: String, token: String?) async throws -> SeatReservation {
        guard let listing = try await listing(roomId: roomId) else { throw ServerError(.matchmakeInvalidRoomId, "room \"\(roomId)\" has been disposed.") }
        guard let token, !token.isEmpty else {
            throw ServerError(.matchmakeUnhandled, "'reconnectionToken' must be provided for reconnection.")
        }
        guard let sessionId = try await reconnectionSession(in: listing, token: token) else {
            throw ServerError(.matchmakeExpired, "reconnection token invalid or expired.")
        }
        return reservation(in: listing, sessionId: sessionId)
    }

    // MARK: queries

    /// Listings of the rooms clients may join, of every process: not locked, private or unlisted; of
    /// `name` when given.
    public func availableRooms(name: String? = nil) async throws(ServerError) -> [RoomListing] {
        try await listings(name: name)
            .filter { !$0.locked && !$0.isPrivate && !$0.unlisted }
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

    /// Stops matchmaking and removes this process's listings from the cluster at once, then disconnects
    /// every room with 4001 and waits for each to be disposed.
    public func shutdown() async {
        guard !shuttingDown.exchange(true, ordering: .relaxed) else { return }
        if let cluster {
            await cluster.membership.leave()
        }
        await withTaskGroup(of: Void.self) { group in
            for entry in registry.all {
                let room = entry.room
                group.addTask {
                    await room.perform { await room.disconnect(code: .serverShutdown) }
                }
            }
        }
        await cluster?.ipc.stop()
    }

    // MARK: internals

    private func authenticate(_ definition: RoomDefinition, options: JSONValue, context: AuthContext) async throws -> (any Sendable)? {
        try await definition.roomType.onAuth(token: context.token, options: options, context: context)
    }

    /// Runs `body` alone for `definition`'s name and filter options: in this process, and across
    /// processes under the cluster's lock.
    private func withCreationLock<T: Sendable>(_ definition: RoomDefinition, options: JSONValue, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let key = definition.name + ":" + definition.filterBy.map { "\($0)=\(options[$0].map { "\($0)" } ?? "")" }.joined(separator: "-")
        return try await creationLock.withLock(key) {
            guard let cluster else { return try await body() }
            return try await ClusterLockHolder(lock: cluster.services.lock, key: key, owner: processId + ":" + IdGenerator.make()).run(body)
        }
    }
}
