import ColyseusClient

/// The simulated players of one room (or one share of join-mode clients), on one actor: their rooms
/// decode state and call back here, so the group counts without locks.
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

    private var players: [Player] = []
    private var measurements = Measurements()
    private(set) var failedJoins = 0

    var connected: Int { players.count { $0.room.phase == .joined } }

    /// Progress counters since the last call: messages sent and patches received.
    private var recentMessages = 0
    private var recentPatches = 0

    /// Joins `count` clients one after the other, timing each join; client `index` matchmakes through
    /// `clients[index % clients.count]` (one per endpoint).
    func join(_ count: Int, firstIndex: Int, clients: [Client], room name: String, mode: JoinMode) async {
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

    /// Sends `message` from every player `rate` times a second until `deadline`, spread evenly over
    /// each period (per-client timers drift into bursts).
    func send(_ message: MessageType, template: PayloadTemplate, rate: Double, until deadline: ContinuousClock.Instant) async {
        guard !players.isEmpty, rate > 0 else { return }
        let clock = ContinuousClock()
        let spacing = Duration.seconds(1 / rate) / players.count
        var next = clock.now
        let timesSequence = template.carriesSequence
        while next < deadline {
            for player in players where player.room.phase == .joined {
                player.sequence += 1
                if timesSequence { player.sentAt[player.sequence] = clock.now }
                do {
                    try player.room.send(message, value: template.payload(sequence: player.sequence, client: player.index))
                    measurements.messagesSent += 1
                    recentMessages += 1
                } catch {
                    measurements.count("send: \(error)")
                }
                next += spacing
                try? await clock.sleep(until: next)
            }
            if players.allSatisfy({ $0.room.phase != .joined }) { return }
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
