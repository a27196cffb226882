import ColyseusProtocol

extension AnyRoom {
    // MARK: leaving

    /// Closes `client`'s connection (no status code when `code` is nil) and runs the leave hooks.
    func disconnect(_ client: Client, code: CloseCode?, reason: String) {
        switch client.state {
        case .leaving: return
        case .reconnecting:
            reconnections[client.sessionId]?.reject()
        case .joining, .joined:
            client.transport.close(code: code, reason: reason)
            client.state = .leaving
            executor.spawn { await self.clientLeft(client, code: code ?? .noStatusReceived) }
        }
    }

    /// The transport's report that its connection closed (by the peer, or dropped: 1006).
    func connectionClosed(_ client: Client, transport: ClientTransport, code: CloseCode) async {
        guard client.transport === transport, client.state == .joining || client.state == .joined else { return }
        client.state = .leaving
        await clientLeft(client, code: code)
    }

    /// Removes a client and runs `onLeave` (code 4000) or `onDrop` (any other code), as the reference.
    private func clientLeft(_ client: Client, code: CloseCode) async {
        guard let index = clients.firstIndex(where: { $0 === client }) else { return }
        clients.remove(at: index)
        clientsChanged()
        client.leaveHookRan = code == .consented
        client.reconnection = nil
        if code == .consented {
            do { try await onLeave(client, consented: true) } catch { onUncaughtError(error, in: .onLeave, client: client) }
        } else {
            do { try await onDrop(client, code: code) } catch { onUncaughtError(error, in: .onDrop, client: client) }
        }
        guard let reconnection = client.reconnection else {
            seatsChanged()
            return
        }
        switch reconnection.outcome {
        case .reconnected: return
        case .failed: await endSession(of: client)
        case .pending:
            reconnection.onFailure = { [unowned self] in await endSession(of: client) }
        }
    }

    /// A client that will not come back: `onLeave` if only `onDrop` ran so far, then seats are freed.
    private func endSession(of client: Client) async {
        client.state = .leaving
        if !client.leaveHookRan {
            client.leaveHookRan = true
            do { try await onLeave(client, consented: false) } catch { onUncaughtError(error, in: .onLeave, client: client) }
        }
        seatsChanged()
    }

    /// Closes `client`'s stale connection (4002) and returns once its leave hooks decided about its seat: they
    /// held it (``allowReconnection(_:seconds:)``) or finished without holding it, or ``seatReservationTime``
    /// passed. Used before a new socket takes over the session. It does not wait for the hooks to end: a hook
    /// that awaits the reconnection itself (`try await reconnection.reconnectedClient`) would wait for us.
    private func dropStaleConnection(_ client: Client) async {
        guard client.state == .joining || client.state == .joined else { return }
        client.transport.close(code: .withError, reason: "")
        client.state = .leaving
        let sessionId = client.sessionId
        await withCheckedContinuation { continuation in
            let timeout = clock.setTimeout(seatReservationTime) { [unowned self] in seatDecided(for: sessionId) }
            staleConnectionDrops[sessionId] = StaleConnectionDrop(waiter: continuation, timeout: timeout)
            executor.start {
                await self.clientLeft(client, code: .withError)
                self.seatDecided(for: sessionId)
            }
        }
    }

    /// Resumes the new socket that waits for `sessionId`'s leave hooks to decide about its seat, if any.
    func seatDecided(for sessionId: String) {
        guard let drop = staleConnectionDrops.removeValue(forKey: sessionId) else { return }
        drop.timeout.clear()
        drop.waiter.resume()
    }

    /// The session that `token` may reconnect (HTTP `reconnect`): a held seat, or a still-connected
    /// client (its stale connection is closed with 4002 and its `onDrop` may hold the seat).
    func reconnectionSession(token: String) async -> String? {
        if let held = reconnections.values.first(where: { $0.token == token }) { return held.sessionId }
        guard let client = clients.first(where: { $0.reconnectionToken == token }) else { return nil }
        await dropStaleConnection(client)
        guard let held = reconnections[client.sessionId], held.token == token else { return nil }
        return held.sessionId
    }

    // MARK: reconnection

    /// Holds `client`'s seat for `seconds` after its connection dropped; call it from `onDrop` (or from
    /// `onLeave` when not consented). The same session id may then connect again with its token.
    @discardableResult
    public func allowReconnection(_ client: Client, seconds: Double) -> Reconnection {
        let reconnection = holdSeat(for: client)
        if reconnection.isPending {
            reconnection.expiry = clock.setTimeout(.milliseconds(Int64(seconds * 1000))) {
                reconnection.fail(.expired)
            }
        }
        return reconnection
    }

    /// Holds `client`'s seat until it reconnects or ``Reconnection/reject()`` is called (manual mode).
    @discardableResult
    public func allowReconnection(_ client: Client) -> Reconnection {
        holdSeat(for: client)
    }

    private func holdSeat(for client: Client) -> Reconnection {
        executor.assertIsCurrent()
        guard client.wasJoined, disposal == .active, !isDisconnecting else {
            return Reconnection(failed: client, .notJoined)
        }
        let reconnection = Reconnection(client: client)
        client.state = .reconnecting
        client.reconnection = reconnection
        reconnections[client.sessionId] = reconnection
        updateListing()
        seatDecided(for: client.sessionId)
        return reconnection
    }

    /// The client is back: same session, new socket, new token; state follows its acknowledgement.
    func reconnect(_ reconnection: Reconnection, transport: ClientTransport, request: ConnectionRequest) async -> Client {
        reconnections[reconnection.sessionId] = nil
        let client = reconnection.client
        client.transport = transport
        clients.append(client)
        clientsChanged()
        sendJoinRoom(to: client, skipHandshake: request.skipHandshake)
        reconnection.succeed()
        do { try await onReconnect(client) } catch { onUncaughtError(error, in: .onReconnect, client: client) }
        return client
    }

    func reconnectionFailed(_ reconnection: Reconnection) {
        guard reconnections[reconnection.sessionId] === reconnection else { return }
        reconnections[reconnection.sessionId] = nil
        if let onFailure = reconnection.onFailure {
            executor.spawn { await onFailure() }
        }
    }

    // MARK: disposal

    /// Disposes the room when nobody is in it or coming (if `autoDispose`).
    func disposeIfEmpty() {
        guard isEmptyAndDisposable else { return }
        // Matchmaking may reserve a seat before the task runs: the room then stays.
        executor.spawn { if self.isEmptyAndDisposable { await self.dispose() } }
    }

    private var isEmptyAndDisposable: Bool {
        autoDispose && disposal == .active && isCreated && clients.isEmpty && reservedSeats.isEmpty && reconnections.isEmpty
    }

    /// Closes every client with `code` (default 4000), then disposes the room; returns once it is disposed.
    public func disconnect(code: CloseCode = .consented) async {
        executor.assertIsCurrent()
        isDisconnecting = true
        lockedExplicitly = true
        setLocked(true)
        autoDispose = true
        for seat in reservedSeats.values { seat.expiry?.clear() }
        reservedSeats.removeAll()
        for reconnection in Array(reconnections.values) { reconnection.reject() }
        for client in clients { disconnect(client, code: code, reason: "") }
        if disposal == .active && clients.isEmpty && reconnections.isEmpty {
            await dispose()
        }
        await waitUntilDisposed()
    }

    /// Suspends until the room is disposed.
    func waitUntilDisposed() async {
        guard disposal != .disposed else { return }
        await withCheckedContinuation { disposeWaiters.append($0) }
    }

    /// Runs `onDispose`, stops timers and unregisters the room.
    func dispose() async {
        guard disposal == .active else { return }
        disposal = .disposing
        registration?.remove()
        do { try await onDispose() } catch { onUncaughtError(error, in: .onDispose, client: nil) }
        clock.stop()
        disposal = .disposed
        logger.debug("room disposed")
        let waiters = disposeWaiters
        disposeWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }
}
