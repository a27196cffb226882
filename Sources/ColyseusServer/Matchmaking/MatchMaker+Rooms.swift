import Foundation

/// Finding, creating and seating rooms, in this process or in another one of the cluster.
extension MatchMaker {
    /// Runs a call to the cluster's storage; any failure becomes 503, so that matchmaking answers a
    /// clear error while the storage is unreachable.
    static func shared<T>(_ call: () async throws -> T) async throws(ServerError) -> T {
        do {
            return try await call()
        } catch let error as ServerError {
            throw error
        } catch {
            throw ServerError(code: 503, message: "matchmaking is unavailable: \(error)")
        }
    }

    /// Listings of this process (current) and of the others (from the room driver).
    func listings(name: String?) async throws(ServerError) -> [RoomListing] {
        var listings = registry.all.map(\.listing).filter { name == nil || $0.name == name }
        if let cluster {
            let processId = self.processId
            listings += try await Self.shared { try await cluster.services.driver.listings(name: name) }.filter { $0.processId != processId }
        }
        return listings
    }

    /// The listing of `roomId`, of this process or another one.
    func listing(roomId: String) async throws(ServerError) -> RoomListing? {
        if let local = registry[roomId] { return local.listing }
        guard let cluster else { return nil }
        return try await Self.shared { try await cluster.services.driver.listing(roomId: roomId) }
    }

    /// The oldest room `join`/`joinOrCreate` may pick.
    func findRoom(_ definition: RoomDefinition, options: JSONValue) async throws(ServerError) -> RoomListing? {
        try await listings(name: definition.name)
            .filter { $0.isJoinable(by: definition, options: options) }
            .min { $0.createdAt < $1.createdAt }
    }

    /// Creates a room on the process with the fewest rooms (this one when alone, or when the chosen
    /// one does not answer) and returns its listing, stored before this returns.
    func placeRoom(_ definition: RoomDefinition, options: JSONValue) async throws -> RoomListing {
        guard let cluster, let target = try await Self.shared({ try await cluster.services.registry.reserveRoom() }),
            target.processId != processId
        else {
            return try await createRoom(definition, options: options)
        }
        do {
            let reply = try await cluster.ipc.request(target.processId, "createRoom", ["name": .string(definition.name), "options": options])
            return try RoomListing(storedJSON: JSONEncoder().encode(reply))
        } catch let failure as ProcessIPC.Failure {
            logger.warning("creating the room here instead", metadata: ["reason": "\(failure)"])
            try? await cluster.membership.removeDeadProcesses()
            return try await createRoom(definition, options: options)
        }
    }

    /// Creates a room in this process, registers it, and stores its listing in the cluster.
    func createRoom(_ definition: RoomDefinition, options: JSONValue) async throws -> RoomListing {
        guard !isShuttingDown else { throw ServerError(code: 503, message: "server is shutting down") }
        return try await registry.creating { try await createRegisteredRoom(definition, options: options) }
    }

    private func createRegisteredRoom(_ definition: RoomDefinition, options: JSONValue) async throws -> RoomListing {
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
            locked: false, isPrivate: false, metadata: .object([:]), createdAt: Date(), publicAddress: publicAddress,
            filterOptions: filterOptions
        )
        let entry = RegisteredRoom(room: room, listing: listing, registry: registry, publisher: cluster?.publisher)
        registry.add(entry)
        await room.perform {
            room.logger[metadataKey: "roomId"] = "\(room.roomId)"
            room.registration = entry
            room.updateListing()
        }
        if let cluster {
            try await Self.shared { try await cluster.publisher.persistNow(room.roomId) }
        }
        logger.debug("room created", metadata: ["name": "\(definition.name)", "roomId": "\(room.roomId)"])
        return entry.listing
    }

    /// Reserves a seat in the room of `listing`, asking its process when it is another; nil when the
    /// room is full, locked or gone (a dead process's rooms are removed then).
    func reserveSeat(in listing: RoomListing, options: JSONValue, auth: (any Sendable)?, ignoringLock: Bool = false) async throws -> SeatReservation? {
        let sessionId = IdGenerator.make()
        guard let cluster, listing.processId != processId else {
            guard let room = registry[listing.roomId]?.room else { return nil }
            let reserved = await room.perform {
                room.reserveSeat(sessionId: sessionId, options: options, auth: auth, ignoringLock: ignoringLock)
            }
            return reserved ? reservation(in: listing, sessionId: sessionId) : nil
        }
        let arguments: JSONValue = [
            "roomId": .string(listing.roomId), "sessionId": .string(sessionId), "options": options,
            "auth": try Self.transferable(auth), "ignoringLock": .bool(ignoringLock),
        ]
        do {
            let reserved = try await cluster.ipc.request(listing.processId, "reserveSeat", arguments)
            return reserved.boolValue == true ? reservation(in: listing, sessionId: sessionId) : nil
        } catch let failure as ProcessIPC.Failure {
            logger.warning("seat not reserved", metadata: ["roomId": "\(listing.roomId)", "reason": "\(failure)"])
            try await Self.shared { try await cluster.membership.removeDeadProcesses() }
            return nil
        }
    }

    /// The session a reconnection token may resume in the room of `listing`, asking its process when it is another.
    func reconnectionSession(in listing: RoomListing, token: String) async throws -> String? {
        guard let cluster, listing.processId != processId else {
            guard let room = registry[listing.roomId]?.room else { return nil }
            return await room.perform { await room.reconnectionSession(token: token) }
        }
        do {
            return try await cluster.ipc.request(listing.processId, "reconnect", ["roomId": .string(listing.roomId), "token": .string(token)]).stringValue
        } catch let failure as ProcessIPC.Failure {
            try await Self.shared { try await cluster.membership.removeDeadProcesses() }
            throw ServerError(.matchmakeInvalidRoomId, "room \"\(listing.roomId)\" has been disposed. (\(failure))")
        }
    }

    func reservation(in listing: RoomListing, sessionId: String) -> SeatReservation {
        SeatReservation(name: listing.name, sessionId: sessionId, roomId: listing.roomId, processId: listing.processId, publicAddress: listing.publicAddress)
    }

    /// Auth data as JSON, to hand it to the process hosting the room: a ``JSONValue`` or `Encodable` value.
    static func transferable(_ auth: (any Sendable)?) throws -> JSONValue {
        switch auth {
        case nil: return .null
        case let json as JSONValue: return json
        case let encodable as any Encodable:
            return try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(encodable))
        case let other?:
            throw ServerError(
                .matchmakeUnhandled,
                "onAuth returned \(type(of: other)), which cannot be sent to the process hosting the room: return a JSONValue or an Encodable value"
            )
        }
    }

    // MARK: requests of other processes

    /// Answers a request of another process of the cluster.
    func answer(_ method: String, _ arguments: JSONValue) async throws -> JSONValue {
        switch method {
        case "createRoom":
            guard let name = arguments["name"]?.stringValue else { throw ServerError(.matchmakeUnhandled, "createRoom without a name") }
            let listing = try await createRoom(definition(name), options: arguments["options"] ?? [:])
            return try JSONDecoder().decode(JSONValue.self, from: listing.storedJSON())
        case "reserveSeat":
            guard let roomId = arguments["roomId"]?.stringValue, let sessionId = arguments["sessionId"]?.stringValue,
                let room = registry[roomId]?.room
            else { return false }
            let options = arguments["options"] ?? [:], ignoringLock = arguments["ignoringLock"]?.boolValue ?? false
            let auth: JSONValue? = arguments["auth"].flatMap { $0 == .null ? nil : $0 }
            return .bool(await room.perform { room.reserveSeat(sessionId: sessionId, options: options, auth: auth, ignoringLock: ignoringLock) })
        case "reconnect":
            guard let roomId = arguments["roomId"]?.stringValue, let token = arguments["token"]?.stringValue,
                let room = registry[roomId]?.room
            else { return .null }
            return await room.perform { await room.reconnectionSession(token: token) }.map { .string($0) } ?? .null
        default:
            throw ServerError(.matchmakeUnhandled, "unknown request \"\(method)\" between processes")
        }
    }
}
