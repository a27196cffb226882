import ArgumentParser
import ColyseusHummingbird
import ColyseusServer
import Foundation
import Logging

/// The demo game server: the seed's example room, a reconnection room, the load-test room of
/// BENCHMARKS.md's E1 and a room that answers every kind of message for client SDK checks, on an
/// embedded in-memory presence.
@main
struct DemoServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-server",
        abstract: "Runs the demo Colyseus game server (rooms \"my_room\", \"arena\", \"bench\" and \"echo\")."
    )

    @Option(help: "Address to listen on (environment: HOST).")
    var host = ProcessInfo.processInfo.environment["HOST"] ?? "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one (environment: PORT).")
    var port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 2567

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (environment: LOG_LEVEL).")
    var logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"

    func run() async throws {
        var logger = Logger(label: "demo-server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let server = GameServer(configuration: .init(host: host, port: port), logger: logger)
        server.define("my_room", MyRoom.self)
        server.define("arena", ArenaRoom.self, filterBy: ["mode"])
        server.define("bench", BenchRoom.self)
        server.define("echo", EchoRoom.self)
        try await server.run { port in
            // Unbuffered, so that scripts reading the output see it at once.
            FileHandle.standardOutput.write(Data("demo-server listening on http://\(host):\(port) (rooms: my_room, arena, bench, echo); Ctrl-C stops it\n".utf8))
        }
    }
}
