import ArgumentParser
import ColyseusHummingbird
import ColyseusTesting
import Foundation
import Logging

/// E1 of ../shared/BENCHMARKS.md: the room server under load, over loopback WebSockets.
@main
struct ServerBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server-benchmarks",
        abstract: "E1: rooms x clients sending \"move\" 10 times a second; server CPU, memory and move-to-patch latency.",
        subcommands: [Load.self, Serve.self],
        defaultSubcommand: Load.self
    )
}

/// Runs the bench server (what `load` starts as a child process, so its CPU is measured alone).
struct Serve: AsyncParsableCommand {
    @Option(help: "Port; 0 picks a free one.") var port = 0

    func run() async throws {
        var logger = Logger(label: "bench-server")
        logger.logLevel = .warning
        let server = GameServer(configuration: .init(host: "127.0.0.1", port: port), logger: logger)
        server.define("bench", BenchRoom.self)
        try await server.run { port in
            FileHandle.standardOutput.write(Data("listening on port \(port)\n".utf8))
        }
    }
}

/// Starts the bench server as a child process and loads it.
struct Load: AsyncParsableCommand {
    @Option(help: "Comma-separated client counts to run, 25 clients per room.") var clients = "500"
    @Option(help: "Clients per room.") var perRoom = 25
    @Option(help: "Seconds measured at each load (after a 3 s warm-up).") var seconds = 10

    func run() async throws {
        let (server, port) = try startServer()
        defer { server.terminate() }
        print("E1 room server under load (bench room, ChurnState, 20 Hz patches, 10 moves/s per client)")
        print("clients  rooms  server-cpu-s/s  rss-MB  move->patch-p50-ms  p99-ms  patches/client/s  moves/client/s  load-gen-cpu")
        for count in clients.split(separator: ",").compactMap({ Int($0) }) {
            let result = try await measure(clients: count, port: port, pid: server.processIdentifier)
            print(result)
        }
    }

    private func startServer() throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["serve"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw ValidationError("the bench server did not start") }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let port = Int(text.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else {
            throw ValidationError("unexpected server output: \(text)")
        }
        return (process, port)
    }

    private func measure(clients count: Int, port: Int, pid: Int32) async throws -> String {
        let roomCount = max(1, count / perRoom)
        var players: [LoadClient] = []
        for room in 0..<roomCount {
            let first = try await reserve(port: port, "create", "bench")
            players.append(try await LoadClient.join(first, port: port))
            for _ in 1..<(count / roomCount) + (room < count % roomCount ? 1 : 0) {
                players.append(try await LoadClient.join(try await reserve(port: port, "joinById", first.roomId), port: port))
            }
        }
        for player in players { await player.startReceiving() }
        // One sender per room sends its clients' moves in turn, evenly spread over each 100 ms
        // (per-client timers drift into bursts, which would leave patch ticks without changes).
        let rooms = Dictionary(grouping: players, by: \.seat.roomId).values.map { $0 }
        let senders = rooms.map { roomPlayers in
            Task {
                let clock = ContinuousClock()
                let spacing = Duration.milliseconds(100) / roomPlayers.count
                var deadline = clock.now
                var sequence = 0
                while !Task.isCancelled {
                    sequence += 1
                    for player in roomPlayers {
                        try? await player.move(sequence)
                        deadline += spacing
                        try? await clock.sleep(until: deadline)
                    }
                }
            }
        }
        try await Task.sleep(for: .seconds(3))
        for player in players { _ = player.takeMeasurements() }
        let before = ProcessStats.read(pid: pid)
        let loadBefore = ProcessStats.read(pid: getpid())
        let start = ContinuousClock.now
        try await Task.sleep(for: .seconds(seconds))
        let elapsed = (ContinuousClock.now - start) / .seconds(1)
        let after = ProcessStats.read(pid: pid)
        let loadAfter = ProcessStats.read(pid: getpid())
        var latencies: [Double] = []
        var patches = 0
        var decodeFailures = 0
        var moves = 0
        for player in players {
            let measured = player.takeMeasurements()
            latencies += measured.latencies
            patches += measured.patches
            decodeFailures += measured.decodeFailures
            moves += measured.moves
        }
        guard decodeFailures == 0 else { throw ValidationError("\(decodeFailures) patches failed to decode") }
        for sender in senders { sender.cancel() }
        for player in players { await player.leave() }
        try await Task.sleep(for: .seconds(1))

        latencies.sort()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        let cpu = ((after?.cpuSeconds ?? 0) - (before?.cpuSeconds ?? 0)) / elapsed
        let loadCPU = ((loadAfter?.cpuSeconds ?? 0) - (loadBefore?.cpuSeconds ?? 0)) / elapsed
        let rss = Double(after?.residentBytes ?? 0) / 1_048_576
        return String(
            format: "%7d  %5d  %14.3f  %6.1f  %18.1f  %6.1f  %16.1f  %13.1f  %12.2f",
            count, roomCount, cpu, rss, percentile(0.5), percentile(0.99), Double(patches) / Double(players.count) / elapsed,
            Double(moves) / Double(players.count) / elapsed, loadCPU
        )
    }

    private func reserve(port: Int, _ method: String, _ target: String) async throws -> SeatReservation {
        let response = try await HTTPTestClient.send(
            port: port, method: "POST", path: "/matchmake/\(method)/\(target)",
            headers: [("Content-Type", "application/json")], body: Array("{}".utf8)
        )
        guard response.status == 200 else { throw ValidationError("matchmaking answered \(response.status)") }
        return try JSONDecoder().decode(SeatReservation.self, from: Data(response.body))
    }
}
