import ColyseusClient
import NIOCore

/// The simulated players of one room (or one share of join-mode clients), on one actor: their rooms
/// decode state and call back here, so the group counts without locks.
///
/// The actor runs on one SwiftNIO event loop, and its players' connections run on the same loop (see
/// ``clients``): a patch reaches the group, and a move leaves it, without waking another thread. On one
/// machine the load tool competes with the server for the cores, so it must cost as little as it can.
actor PlayerGroup<State: PlayerPositions> {
    /// One simulated player.
    private final class Player {
        let room: Room<State>
        let index: Int
        var sequence = 0
        var lastSeen = 0
        var sentAt: [Int: ContinuousClock.Instant] = [:]

        init(room: Room<State>, index: Int) {
            self.room = room
            self.index = index
        }
    }

    /// How clients find their room.
    enum JoinMode: Sendable {
        /// The group's first client creates a room, the others join it by id.
        case sharedRoom
        /// Every client calls joinOrCreate.
        case joinOrCreate
    }

    /// The event loop the group and its connections run on.
    nonisolated let eventLoop: any EventLoop
    /// One client per endpoint, whose connections run on the group's event loop.
    nonisolated let clients: [Client]
    private var players: [Player] = []
    private var measurements = Measurements()
    private(set) var failedJoins = 0
    /// Messages sent in the current run of ``send(_:template:rate:until:)``, and the player next in turn.
    private var sentInRun = 0
    private var nextSender = 0

    nonisolated var unownedExecutor: UnownedSerialExecutor { eventLoop.executor.asUnownedSerialExecutor() }

    init(endpoints: [String], eventLoop: any EventLoop) throws {
        self.eventLoop = eventLoop
        self.clients = try endpoints.map { try Client($0, configuration: .init(eventLoopGroup: eventLoop)) }
    }

    var connected: Int { players.count { $0.room.phase == .joined } }

    /// Progress counters since the last call: messages sent and patches received.
    private var recentMessages = 0
    private var recentPatches = 0

    /// Joins `count` clients one after the other, timing each join; client `index` matchmakes through
    /// `clients[index % clients.count]` (one per endpoint).
    func join(_ count: Int, firstIndex: Int, room name: String, mode: JoinMode) async {
        var roomId: String?
        for index in firstIndex..<(firstIndex + count) {
            let client = clients[index % clients.count]
            let start = ContinuousClock.now
            do {
                let room: Room<State>
                switch (mode, roomId) {
                case (.sharedRoom, nil): room = try await client.create(name, state: State.self)
                case (.sharedRoom, let id?): room = try await client.joinById(id, state: State.self)
                case (.joinOrCreate, _): room = try await client.joinOrCreate(name, state: State.self)
                }
                roomId = room.roomId
                measurements.joinTimes.append((ContinuousClock.now - start) / .milliseconds(1))
                observe(Player(room: room, index: index))
            } catch let error as MatchMakeError {
                failedJoins += 1
                measurements.count("join: \(error.code) \(error.message)")
            } catch {
                failedJoins += 1
                measurements.count("join: \(error)")
            }
        }
    }

    private func observe(_ player: Player) {
        let position = players.count
        players.append(player)
        let sessionId = player.room.sessionId
        player.room.onStateChange { [unowned self] state, _ in
            patchArrived(for: position, x: state.x(ofPlayer: sessionId))
        }
        player.room.onError { [unowned self] code, message in measurements.count("error: \(code) \(message)") }
        player.room.onDrop { [unowned self] code, _ in measurements.count("drop: \(code)") }
        player.room.onLeave { [unowned self] code, reason in
            if code != 4000 { measurements.count("left: \(code) \(reason)") }
        }
    }

    /// Counts a patch and times the moves it carries: every move up to the sequence number now in x.
    private func patchArrived(for position: Int, x: Double?) {
        measurements.patchesReceived += 1
        recentPatches += 1
        let player = players[position]
        guard let x, x.isFinite, Int(x) > player.lastSeen else { return }
        let now = ContinuousClock.now
        let seen = Int(x)
        for sequence in (player.lastSeen + 1)...seen {
            if let sent = player.sentAt.removeValue(forKey: sequence) {
                measurements.latencies.append((now - sent) / .milliseconds(1))
            }
        }
        player.lastSeen = seen
    }

    /// Sends `message` from every player `rate` times a second until `deadline`, spread evenly over each
    /// period (per-client timers drift into bursts): a timer of the group's event loop sends, at each tick,
    /// the messages due since the start, from the players in turn.
    func send(_ message: MessageType, template: PayloadTemplate, rate: Double, until deadline: ContinuousClock.Instant) async {
        guard !players.isEmpty, rate > 0 else { return }
        let spacing = Duration.seconds(1 / rate) / players.count
        let start = ContinuousClock.now
        sentInRun = 0
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            eventLoop.scheduleRepeatedTask(initialDelay: TimeAmount(spacing), delay: TimeAmount(spacing)) { task in
                self.assumeIsolated { group in
                    let now = ContinuousClock.now
                    guard now < deadline, group.players.contains(where: { $0.room.phase == .joined }) else {
                        task.cancel()
                        done.resume()
                        return
                    }
                    let due = Int((now - start) / spacing)
                    while group.sentInRun < due {
                        group.sentInRun += 1
                        group.sendFromNextPlayer(message, template: template, at: now)
                    }
                }
            }
        }
    }

    private func sendFromNextPlayer(_ message: MessageType, template: PayloadTemplate, at now: ContinuousClock.Instant) {
        let player = players[nextSender]
        nextSender = (nextSender + 1) % players.count
        guard player.room.phase == .joined else { return }
        player.sequence += 1
        if template.carriesSequence { player.sentAt[player.sequence] = now }
        do {
            try player.room.send(message, value: template.payload(sequence: player.sequence, client: player.index))
            measurements.messagesSent += 1
            recentMessages += 1
        } catch {
            measurements.count("send: \(error)")
        }
    }

    /// Messages and patches since the last call.
    func takeRecentCounts() -> (messages: Int, patches: Int) {
        defer {
            recentMessages = 0
            recentPatches = 0
        }
        return (recentMessages, recentPatches)
    }

    /// Starts the measured window (after the warm-up).
    func startWindow() {
        measurements.startWindow()
    }

    func takeMeasurements() -> Measurements {
        measurements
    }

    func leaveAll() async {
        for player in players { await player.room.leave() }
    }
}
