import ColyseusClient
import Foundation
import NIOPosix

/// One measurement: `clients` players join, send for the warm-up and the measured window, and leave;
/// prints the details as it goes and returns the figures.
struct LoadTestRun<State: PlayerPositions> {
    /// The processes' endpoints; client `i` matchmakes through `endpoints[i % count]`.
    let endpoints: [String]
    let room: String
    let clients: Int
    /// Rooms shared by groups of clients; nil: every client calls joinOrCreate.
    let rooms: Int?
    let rate: Double
    let message: String
    let template: PayloadTemplate
    let warmup: Double
    let duration: Double
    let serverPids: [Int32]
    let redisPid: Int32?

    func run() async throws -> LoadTestResult {
        let groupSizes = Self.split(clients, into: rooms ?? max(1, clients / 25))
        let eventLoops = MultiThreadedEventLoopGroup.singleton
        let groups = try groupSizes.map { _ in try PlayerGroup<State>(endpoints: endpoints, eventLoop: eventLoops.next()) }
        let mode: PlayerGroup<State>.JoinMode = rooms == nil ? .joinOrCreate : .sharedRoom
        print("colyseus-loadtest: \(clients) clients, \(rooms.map { "\($0) rooms" } ?? "joinOrCreate") of \"\(room)\" at \(endpoints.joined(separator: ", ")); \(rate) \"\(message)\"/s each; \(warmup) s warm-up, \(duration) s measured")

        let progress = Task { await Self.printProgress(of: groups, every: .seconds(1)) }
        let redisBeforeJoins = redisPid.flatMap(ProcessStats.read)
        let joinStart = ContinuousClock.now
        await withTaskGroup(of: Void.self) { joins in
            var first = 0
            for (group, size) in zip(groups, groupSizes) {
                let start = first
                joins.addTask { await group.join(size, firstIndex: start, room: room, mode: mode) }
                first += size
            }
        }
        print("joined in \(String(format: "%.1f", (ContinuousClock.now - joinStart) / .seconds(1))) s")
        let redisAfterJoins = redisPid.flatMap(ProcessStats.read)

        let messageType: MessageType = Int(message).map { .integer($0) } ?? .string(message)
        let deadline = ContinuousClock.now + .seconds(warmup + duration)
        let senders = Task {
            await withTaskGroup(of: Void.self) { senders in
                for group in groups {
                    senders.addTask { await group.send(messageType, template: template, rate: rate, until: deadline) }
                }
            }
        }
        try await Task.sleep(for: .seconds(warmup))
        for group in groups { await group.startWindow() }
        let serversBefore = serverPids.map(ProcessStats.read)
        let redisBefore = redisPid.flatMap(ProcessStats.read)
        let ownBefore = ProcessStats.read(pid: getpid())
        let windowStart = ContinuousClock.now
        await senders.value
        let elapsed = (ContinuousClock.now - windowStart) / .seconds(1)
        let serversAfter = serverPids.map(ProcessStats.read)
        let redisAfter = redisPid.flatMap(ProcessStats.read)
        let ownAfter = ProcessStats.read(pid: getpid())
        progress.cancel()

        var total = Measurements()
        for group in groups { total.merge(await group.takeMeasurements()) }
        var connected = 0
        for group in groups { connected += await group.connected }
        for group in groups { await group.leaveAll() }

        let servers = zip(serverPids, zip(serversBefore, serversAfter)).compactMap { pid, stats in
            both(stats.0, stats.1).map { (pid: pid, usage: LoadTestResult.Usage(before: $0, after: $1, seconds: elapsed)) }
        }
        let redis = both(both(redisBeforeJoins, redisAfterJoins), both(redisBefore, redisAfter)).map { joins, window in
            LoadTestResult.RedisUsage(
                cpuMillisecondsPerJoin: (joins.1.cpuSeconds - joins.0.cpuSeconds) * 1000 / Double(max(total.joinTimes.count, 1)),
                cpu: (window.1.cpuSeconds - window.0.cpuSeconds) / elapsed
            )
        }
        let result = LoadTestResult(
            clients: clients,
            connected: connected,
            seconds: elapsed,
            measurements: total,
            servers: servers,
            redis: redis,
            loadGenerator: both(ownBefore, ownAfter).map { LoadTestResult.Usage(before: $0, after: $1, seconds: elapsed) }
        )
        result.printDetails(latencyNote: template.carriesSequence ? nil : "the payload has no \"$seq\"")
        return result
    }

    /// `total` split into `parts` sizes that differ by at most one.
    private static func split(_ total: Int, into parts: Int) -> [Int] {
        (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }.filter { $0 > 0 }
    }

    /// One line a second: connected and failed clients, messages and patches per second.
    private static func printProgress(of groups: [PlayerGroup<State>], every interval: Duration) async {
        let start = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard !Task.isCancelled else { return }
            var connected = 0
            var failed = 0
            var messages = 0
            var patches = 0
            for group in groups {
                connected += await group.connected
                failed += await group.failedJoins
                let recent = await group.takeRecentCounts()
                messages += recent.messages
                patches += recent.patches
            }
            let seconds = interval / .seconds(1)
            print("[\(String(format: "%3d", Int(((ContinuousClock.now - start) / .seconds(1)).rounded()))) s] connected \(connected)  failed \(failed)  messages/s \(Int(Double(messages) / seconds))  patches/s \(Int(Double(patches) / seconds))")
        }
    }
}

/// Both values when both are there.
private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
