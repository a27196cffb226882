import ArgumentParser
import ColyseusClient
import DemoState
import Foundation

/// A load generator built on the Swift client SDK, like Colyseus's loadtest: many clients join rooms,
/// send messages at a steady rate, and the tool reports join times, move-to-patch latency, the server's
/// CPU per delivered frame and errors. With the defaults it is scenario E1 of BENCHMARKS.md against the
/// demo server's "bench" room.
@main
struct LoadTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "colyseus-loadtest",
        abstract: "Joins many clients to a Colyseus room and measures join time, message-to-patch latency, server cost and errors.",
        discussion: """
            E1 of BENCHMARKS.md (25 clients per room, 10 moves/s each) against a running demo server, at several
            sizes in one go (a table at the end):
              colyseus-loadtest --room bench --clients 250,500,1000,1500 --server-pid <pid>
            The cost of rooms nobody joined (created, waiting for their seats):
              colyseus-loadtest --idle-rooms 1000 --server-pid <pid>
            """
    )

    @Option(help: "The server's endpoint; repeat it for the processes of one cluster (clients matchmake through them in turn).") var endpoint: [String] = ["ws://127.0.0.1:2567"]
    @Option(help: "The room type to join.") var room = "bench"
    @Option(help: "The room's state class: ChurnState or MyRoomState (default: by room name, bench or my_room).") var state: String?
    @Option(help: "Number of clients; a comma-separated list runs one measurement per size and prints a table (e.g. 250,500,1000).")
    var clients = "500"
    @Option(help: "Number of rooms: each is created by one client and joined by id by the others. Default: clients / --clients-per-room.")
    var rooms: Int?
    @Option(help: "Clients per room when --rooms is not given.") var clientsPerRoom = 25
    @Flag(help: "Every client calls joinOrCreate instead of joining a room of its group.") var joinOrCreate = false
    @Option(help: "Messages per second per client.") var rate = 10.0
    @Option(help: "The message type sent.") var message = "move"
    @Option(help: "The payload: JSON where \"$seq\" is the message number (timed until the patch whose player x reaches it), \"$rand\" a random number, \"$client\" the client's index.") var payload = #"{"x": "$seq", "y": "$rand"}"#
    @Option(help: "Seconds measured, after the warm-up.") var duration = 10.0
    @Option(help: "Seconds of sending before the measurement starts.") var warmup = 3.0
    @Option(help: "Seconds to wait between the runs of a series (the server disposes the rooms of the last one).") var pause = 3.0
    @Option(help: "Instead of players: create this many rooms nobody joins, and measure what they cost the server.") var idleRooms: Int?
    @Option(help: "The server's process id: its CPU and memory are reported (Linux /proc); repeat it for several processes.") var serverPid: [Int32] = []
    @Option(help: "The process id of the Redis the servers share: its CPU per join and per second is reported (Linux /proc).") var redisPid: Int32?

    func validate() throws {
        let sizes = try clientCounts()
        if rooms != nil, sizes.count > 1 { throw ValidationError("--rooms applies to one size; a series uses --clients-per-room") }
    }

    func run() async throws {
        if let idleRooms {
            try await IdleRoomsMeasurement(endpoint: endpoint[0], room: room, rooms: idleRooms, duration: duration, serverPid: serverPid.first).run()
            return
        }
        let template = try PayloadTemplate(json: payload)
        switch state ?? Self.defaultStates[room] {
        case "ChurnState": try await runSeries(ChurnState.self, template: template)
        case "MyRoomState": try await runSeries(MyRoomState.self, template: template)
        case let other:
            throw ValidationError("unknown state class \(other ?? "for room \(room)"): pass --state ChurnState or --state MyRoomState")
        }
    }

    private static let defaultStates = ["bench": "ChurnState", "my_room": "MyRoomState"]

    private func clientCounts() throws -> [Int] {
        let sizes = clients.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("--clients takes a positive number or a comma-separated list of them: \(clients)")
        }
        return sizes.compactMap { $0 }
    }

    private func runSeries<State: PlayerPositions>(_: State.Type, template: PayloadTemplate) async throws {
        let sizes = try clientCounts()
        var results: [LoadTestResult] = []
        for (index, size) in sizes.enumerated() {
            if index > 0 { try await Task.sleep(for: .seconds(pause)) }
            let run = LoadTestRun<State>(
                endpoints: endpoint, room: room, clients: size,
                rooms: joinOrCreate ? nil : rooms ?? max(1, (size + clientsPerRoom - 1) / clientsPerRoom),
                rate: rate, message: message, template: template, warmup: warmup, duration: duration,
                serverPids: serverPid, redisPid: redisPid
            )
            results.append(try await run.run())
        }
        if results.count > 1 {
            print("")
            print(LoadTestResult.table(results))
        }
    }
}
