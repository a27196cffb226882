import ColyseusClient
import ColyseusServer
import ColyseusTesting

/// The test server of the client tests: the "game" room type, and a variant that filters by mode.
func startGameServer() async throws -> TestServer {
    try await TestServer.start { server in
        server.define("game", GameRoom.self)
        server.define("modes", GameRoom.self, filterBy: ["mode"])
    }
}

/// Runs `body` with a game server and a client for it, then stops the server.
@MainActor
func withGameServer(
    configuration: ColyseusClient.Client.Configuration = .init(),
    _ body: @MainActor (TestServer, ColyseusClient.Client) async throws -> Void
) async throws {
    let server = try await startGameServer()
    do {
        try await body(server, try ColyseusClient.Client("ws://127.0.0.1:\(server.port)", configuration: configuration))
    } catch {
        try? await server.stop()
        throw error
    }
    try await server.stop()
}

/// The message payloads of the tests, as the client sends and reads them.
struct Move: Codable, Sendable, Equatable {
    var x: Double
    var y: Double
}

struct Powerup: Codable, Sendable, Equatable {
    var kind: String
    var level: Int
}

struct Failure: Codable, Sendable {
    var code: Int
    var message: String
}

struct Kick: Codable, Sendable {
    var code: Int?
    var reason: String?
}
