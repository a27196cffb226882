import ArgumentParser
import ColyseusNIO
import ColyseusRedis
import ColyseusServer
import Foundation
import Logging
import NIOCore

/// The demo game server: the seed's example room, a reconnection room, the load-test room of
/// BENCHMARKS.md's E1, a room with per-client views and a room that answers every kind of message for
/// client SDK checks, on an embedded in-memory presence, or with `--redis` as one of several processes
/// sharing matchmaking on one Redis.
@main
struct DemoServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-server",
        abstract: "Runs the demo Colyseus game server (rooms \"my_room\", \"arena\", \"bench\", \"cards\" and \"echo\")."
    )

    @Option(help: "Address to listen on (environment: HOST).")
    var host = ProcessInfo.processInfo.environment["HOST"] ?? "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one (environment: PORT).")
    var port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 2567

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (environment: LOG_LEVEL).")
    var logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"

    @Option(help: "Event loop threads for rooms and connections; default: one per core (environment: THREADS).")
    var threads: Int?

    @Option(help: "Share matchmaking with other processes on this Redis: redis://[:password@]host[:port][/db] (environment: REDIS_URL).")
    var redis = ProcessInfo.processInfo.environment["REDIS_URL"] ?? ""

    @Option(help: "host:port where clients reach this process, put in seat reservations; needed with --redis so that clients matchmade by another process find this one's rooms (environment: PUBLIC_ADDRESS).")
    var publicAddress = ProcessInfo.processInfo.environment["PUBLIC_ADDRESS"] ?? ""

    func validate() throws {
        if !redis.isEmpty {
            do { _ = try RedisConfiguration(url: redis) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() async throws {
        if let threads = threads ?? Int(ProcessInfo.processInfo.environment["THREADS"] ?? "") {
            NIOSingletons.groupLoopCountSuggestion = threads
        }
        var logger = Logger(label: "demo-server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let configuration = GameServer.Configuration(host: host, port: port, publicAddress: publicAddress.isEmpty ? nil : publicAddress)
        let server: GameServer
        if !redis.isEmpty {
            let cluster = try RedisCluster(url: redis, logger: logger)
            server = GameServer(configuration: configuration, presence: cluster.presence, cluster: cluster.services, logger: logger)
        } else {
            server = GameServer(configuration: configuration, logger: logger)
        }
        server.define("my_room", MyRoom.self)
        server.define("arena", ArenaRoom.self, filterBy: ["mode"])
        server.define("bench", BenchRoom.self)
        server.define("cards", CardsRoom.self)
        server.define("echo", EchoRoom.self)
        try await server.run { port in
            // Unbuffered, so that scripts reading the output see it at once.
            let scaling = redis.isEmpty ? "" : ", process \(server.matchMaker.processId) on Redis"
            FileHandle.standardOutput.write(Data("demo-server listening on http://\(host):\(port) (rooms: my_room, arena, bench, cards, echo\(scaling)); Ctrl-C stops it\n".utf8))
        }
    }
}
