import ArgumentParser
import ColyseusClient
import DemoState
import Foundation

/// A load generator built on the Swift client SDK, like Colyseus's loadtest: many clients join rooms,
/// send messages at a steady rate, and the tool reports join times, move-to-patch latency and errors.
/// With the defaults it is scenario E1 of BENCHMARKS.md against the demo server's "bench" room.
@main
struct LoadTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "colyseus-loadtest",
        abstract: "Joins many clients to a Colyseus room and measures join time, message-to-patch latency and errors.",
        discussion: """
            E1 of BENCHMARKS.md (20 rooms x 25 clients, 10 moves/s each) against a running demo server:
              colyseus-loadtest --room bench --clients 500 --rooms 20 --server-pid <pid>
            """
    )

    @Option(help: "The server's endpoint.") var endpoint = "ws://127.0.0.1:2567"
    @Option(help: "The room type to join.") var room = "bench"
    @Option(help: "The room's state class: ChurnState or MyRoomState (default: by room name, bench or my_room).") var state: String?
    @Option(help: "Number of clients.") var clients = 500
    @Option(help: "Number of rooms: each is created by one client and joined by id by the others. Without it, every client calls joinOrCreate.") var rooms: Int?
    @Option(help: "Messages per second per client.") var rate = 10.0
    @Option(help: "The message type sent.") var message = "move"
    @Option(help: "The payload: JSON where \"$seq\" is the message number (timed until the patch whose player x reaches it), \"$rand\" a random number, \"$client\" the client's index.") var payload = #"{"x": "$seq", "y": "$rand"}"#
    @Option(help: "Seconds measured, after the warm-up.") var duration = 10.0
    @Option(help: "Seconds of sending before the measurement starts.") var warmup = 3.0
    @Option(help: "The server's process id: its CPU and memory are reported (Linux /proc).") var serverPid: Int32?

    func run() async throws {
        let template = try PayloadTemplate(json: payload)
        switch state ?? Self.defaultStates[room] {
        case "ChurnState": try await run(ChurnState.self, template: template)
        case "MyRoomState": try await run(MyRoomState.self, template: template)
        case let other:
            throw ValidationError("unknown state class \(other ?? "for room \(room)"): pass --state ChurnState or --state MyRoomState")
        }
    }

    private static let defaultStates = ["bench": "ChurnState", "my_room": "MyRoomState"]

    private func run<State: PlayerPositions>(_: State.Type, template: PayloadTemplate) async throws {
        let client = try Client(endpoint)
        let groupSizes = Self.split(clients, into: rooms ?? max(1, clients / 25))
        let groups = groupSizes.map { _ in PlayerGroup<State>() }
        let mode: PlayerGroup<State>.JoinMode = rooms == nil ? .joinOrCreate : .sharedRoom
        print("colyseus-loadtest: \(clients) clients, \(rooms.map { "\($0) rooms" } ?? "joinOrCreate") of \"\(room)\" at \(endpoint); \(rate) \"\(message)\"/s each; \(warmup) s warm-up, \(duration) s measured")

        let progress = Task { await Self.printProgress(of: groups, every: .seconds(1)) }
        let joinStart = ContinuousClock.now
        await withTaskGroup(of: Void.self) { joins in
            var first = 0
            for (group, size) in zip(groups, groupSizes) {
                let start = first
                joins.addTask { await group.join(size, firstIndex: start, client: client, room: room, mode: mode) }
                first += size
            }
        }
        print("joined in \(String(format: "%.1f", (ContinuousClock.now - joinStart) / .seconds(1))) s")

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
        let before = serverPid.flatMap(ProcessStats.read)
        let ownBefore = ProcessStats.read(pid: getpid())
        let windowStart = ContinuousClock.now
        await senders.value
        let elapsed = (ContinuousClock.now - windowStart) / .seconds(1)
        let after = serverPid.flatMap(ProcessStats.read)
        let ownAfter = ProcessStats.read(pid: getpid())
        progress.cancel()

        var total = Measurements()
        for group in groups { total.merge(await group.takeMeasurements()) }
        var connected = 0
        for group in groups { connected += await group.connected }
        for group in groups { await group.leaveAll() }

        print("")
        print("clients connected at the end: \(connected) of \(clients)")
        print("join time:            \(Percentiles(total.joinTimes))")
        if !template.carriesSequence {
            print("message -> patch:     not measured (the payload has no \"$seq\")")
        } else if total.latencies.isEmpty {
            print("message -> patch:     not measured: no patch set a player's x to a sent \"$seq\" (the room must set x to the message's x, as \"bench\" does)")
        } else {
            print("message -> patch:     \(Percentiles(total.latencies))")
        }
        print(String(format: "messages sent:        %.1f per client per second", Double(total.messagesSent) / Double(max(connected, 1)) / elapsed))
        print(String(format: "patches received:     %.1f per client per second", Double(total.patchesReceived) / Double(max(connected, 1)) / elapsed))
        if let before, let after {
            print(String(format: "server CPU:           %.3f CPU seconds per second", (after.cpuSeconds - before.cpuSeconds) / elapsed))
            print(String(format: "server memory:        %.1f MB resident", Double(after.residentBytes) / 1_048_576))
        }
        if let ownBefore, let ownAfter {
            // On the same machine the generator competes with the server for the cores.
            print(String(format: "load generator:       %.3f CPU seconds per second, %.1f MB resident", (ownAfter.cpuSeconds - ownBefore.cpuSeconds) / elapsed, Double(ownAfter.residentBytes) / 1_048_576))
        }
        print("errors:               \(total.errors.isEmpty ? "none" : "")")
        for (kind, count) in total.errors.sorted(by: { $0.value > $1.value }) { print("  \(count) x \(kind)") }
    }

    /// `total` split into `parts` sizes that differ by at most one.
    private static func split(_ total: Int, into parts: Int) -> [Int] {
        (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }.filter { $0 > 0 }
    }

    /// One line a second: connected and failed clients, messages and patches per second.
    private static func printProgress<State: PlayerPositions>(of groups: [PlayerGroup<State>], every interval: Duration) async {
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
