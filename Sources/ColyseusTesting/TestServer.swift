import ColyseusNIO
import Foundation
import Logging

/// A ``GameServer`` on a free 127.0.0.1 port, for tests: matchmaking over real HTTP and clients over
/// real WebSockets. Stop it with ``stop()``.
public final class TestServer: Sendable {
    /// The running server.
    public let server: GameServer
    /// The port it listens on.
    public let port: Int
    private let running: Task<Void, any Error>

    /// Starts a server after `configure` defined its rooms; returns once it listens. It listens on `port`,
    /// a free one when 0 (the configuration's port is not used); `presence` and `cluster` make it one of
    /// several servers sharing matchmaking.
    public static func start(
        configuration: GameServer.Configuration = .init(host: "127.0.0.1", port: 0),
        port: Int = 0,
        presence: any Presence = LocalPresence(),
        cluster: ClusterServices? = nil,
        _ configure: (GameServer) -> Void
    ) async throws -> TestServer {
        var configuration = configuration
        configuration.port = port
        var logger = Logger(label: "colyseus.test")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        let server = GameServer(configuration: configuration, presence: presence, cluster: cluster, logger: logger)
        configure(server)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let running = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await running.value
            throw HTTPError(description: "the server stopped before listening")
        }
        return TestServer(server: server, port: port, running: running)
    }

    private init(server: GameServer, port: Int, running: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.running = running
    }

    /// Shuts the server down gracefully and waits until it stopped.
    public func stop() async throws {
        await server.shutdown()
        try await running.value
    }

    // MARK: HTTP

    /// An HTTP answer.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String

        /// A header by case-insensitive name.
        public func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }

        /// The body as JSON.
        public var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) }
    }

    /// Why an HTTP exchange failed.
    public struct HTTPError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Sends an HTTP request to the server.
    public func request(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) async throws -> Reply {
        let response = try await HTTPTestClient.send(
            port: port, method: method, path: path,
            headers: headers.sorted { $0.key < $1.key }, body: body.map { Array($0.utf8) }
        )
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name] = value }
        return Reply(status: response.status, headers: fields, body: String(decoding: response.body, as: UTF8.self))
    }

    /// `POST /matchmake/<method>/<target>` with a JSON body, as the SDK sends it.
    public func matchmake(_ method: String, _ target: String, options: String = "{}", headers: [String: String] = [:]) async throws -> Reply {
        var headers = headers
        headers["Content-Type"] = "application/json"
        headers["Accept"] = "application/json"
        return try await request("POST", "/matchmake/\(method)/\(target)", body: options, headers: headers)
    }

    /// Matchmakes and returns the seat reservation; throws with the server's answer when refused.
    public func reserveSeat(_ method: String, _ target: String, options: String = "{}", headers: [String: String] = [:]) async throws -> SeatReservation {
        let reply = try await matchmake(method, target, options: options, headers: headers)
        guard reply.status == 200 else { throw HTTPError(description: "matchmaking answered \(reply.status): \(reply.body)") }
        return try JSONDecoder().decode(SeatReservation.self, from: Data(reply.body.utf8))
    }

    // MARK: WebSocket

    /// Opens a raw WebSocket to `path`.
    public func connect(path: String, headers: [(String, String)] = []) async throws -> WireClient {
        try await WireClient.connect(port: port, path: path, headers: headers)
    }

    /// Opens the WebSocket of a seat reservation (`query` is appended, e.g. `&skipHandshake=1`).
    public func connect(_ seat: SeatReservation, query: String = "") async throws -> WireClient {
        try await connect(path: "/\(seat.processId)/\(seat.roomId)?sessionId=\(seat.sessionId)\(query)")
    }
}
