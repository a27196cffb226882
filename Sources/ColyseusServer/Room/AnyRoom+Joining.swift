import ColyseusProtocol
import ColyseusSchema
import NIOCore

/// A seat held for a client between matchmaking and its WebSocket.
struct ReservedSeat {
    var options: JSONValue
    var auth: (any Sendable)?
    var expiry: RoomClock.Timer?
}

extension AnyRoom {
    // MARK: seat reservations

    /// Holds a seat for `sessionId` for ``seatReservationTime``. False when the room is disposing or
    /// full, or locked (unless `ignoringLock`, as `reconnect` does).
    func reserveSeat(sessionId: String, options: JSONValue, auth: (any Sendable)?, ignoringLock: Bool = false) -> Bool {
        guard disposal == .active, ignoringLock || !locked, occupiedSeats < maxClients else { return false }
        autoDisposeTimer?.clear()
        let expiry = clock.setTimeout(seatReservationTime) { [unowned self] in
            guard reservedSeats.removeValue(forKey: sessionId) != nil else { return }
            logger.debug("seat reservation expired", metadata: ["sessionId": "\(sessionId)"])
            seatsChanged()
        }
        reservedSeats[sessionId]?.expiry?.clear()
        reservedSeats[sessionId] = ReservedSeat(options: options, auth: auth, expiry: expiry)
        seatsChanged()
        return true
    }

    /// After seats were taken or freed: auto-lock, listing, and disposal of an empty room.
    func seatsChanged() {
        updateAutoLock()
        updateListing()
        disposeIfEmpty()
    }

    // MARK: connecting

    /// Admits a WebSocket that presents a seat (PROTOCOL.md §3.3, §6.1): runs `onAuth` and `onJoin` and
    /// sends JOIN_ROOM. Returns the client, or nil after sending the refusal (ERROR frame + close).
    func connect(_ transport: ClientTransport, request: ConnectionRequest) async -> Client? {
        let reconnecting = request.reconnectionToken != nil
        func refuse(_ error: ServerError) -> Client? {
            ConnectionRefusal.send(error, to: transport, reconnecting: reconnecting)
            return nil
        }
        guard disposal == .active else { return refuse(ConnectionRefusal.seatExpired) }

        if let reconnection = reconnections[request.sessionId] {
            guard request.reconnectionToken == reconnection.token else {
                return refuse(ServerError(.matchmakeExpired, "bad reconnection token"))
            }
            return await reconnect(reconnection, transport: transport, request: request)
        }
        if let seat = reservedSeats.removeValue(forKey: request.sessionId) {
            seat.expiry?.clear()
            return await join(transport, request: request, seat: seat)
        }
        if let token = request.reconnectionToken,
            clients.contains(where: { $0.sessionId == request.sessionId && $0.reconnectionToken == token })
        {
            // The same client on a new socket while its old one is half-open (a network switch): as in the
            // reference, the old socket goes first and its onDrop may hold the seat; then this socket is a
            // reconnection like any other (onReconnect, the full state, the queued messages).
            guard await reconnectionSession(token: token) == request.sessionId,
                let reconnection = reconnections[request.sessionId]
            else {
                return refuse(ServerError(.matchmakeExpired, "failed to reconnect"))
            }
            return await reconnect(reconnection, transport: transport, request: request)
        }
        return refuse(ConnectionRefusal.seatExpired)
    }

    private func join(_ transport: ClientTransport, request: ConnectionRequest, seat: ReservedSeat) async -> Client? {
        let client = Client(sessionId: request.sessionId, transport: transport, room: self)
        client.auth = seat.auth
        do {
            client.auth = try await onAuth(client, options: seat.options, context: request.context)
            guard disposal == .active else { throw ConnectionRefusal.seatExpired }
            clients.append(client)
            clientsChanged()
            updateListing()
            try await onJoin(client, options: seat.options, auth: client.auth)
        } catch {
            clients.removeAll { $0 === client }
            clientsChanged()
            client.state = .leaving
            let serverError = error as? ServerError ?? ServerError(.applicationError, "\(error)")
            logger.debug("join refused", metadata: ["sessionId": "\(client.sessionId)", "error": "\(serverError)"])
            ConnectionRefusal.send(serverError, to: transport, reconnecting: request.reconnectionToken != nil)
            seatsChanged()
            return nil
        }
        // The client may have closed its socket while onJoin ran: its leave has been handled.
        guard client.state == .joining else { return nil }
        sendJoinRoom(to: client, skipHandshake: request.skipHandshake)
        return client
    }

    /// JOIN_ROOM with a fresh reconnection token; the handshake unless the client has its own classes.
    func sendJoinRoom(to client: Client, skipHandshake: Bool) {
        client.reconnectionToken = IdGenerator.make()
        client.state = .joining
        var writer = ByteWriter(initialCapacity: 64 + (handshake?.count ?? 0))
        writer.joinRoomFrame(
            reconnectionToken: client.reconnectionToken,
            serializer: encoder == nil ? "none" : "schema",
            handshake: skipHandshake ? nil : handshake
        )
        client.transport.send(Frames.buffer(writer))
    }

    /// The acknowledgement: the client is joined, gets the full state, then what was queued for it.
    func acknowledgeJoin(_ client: Client) {
        guard client.state == .joining else { return }
        client.state = .joined
        client.wasJoined = true
        if let stateFrames {
            client.transport.send(stateFrames.fullState(for: client.view))
        }
        let queued = client.queuedFrames
        client.queuedFrames.removeAll()
        for frame in queued { client.transport.send(frame) }
    }
}
