import ColyseusRedis
import ColyseusServer
import ColyseusTesting
import DemoState
import Foundation
import RedisTestSupport
import Testing

/// A room for the cluster tests: options `maxClients`, `private`, `failCreate` (an HTTP status).
final class LobbyRoom: Room<MyRoomState> {
    override func onCreate(options: JSONValue) async throws {
        if let status = options["failCreate"]?.intValue { throw ServerError(code: status, message: "refused \(status)") }
        setState(MyRoomState())
        if let maxClients = options["maxClients"]?.intValue { self.maxClients = maxClients }
        if options["private"]?.boolValue == true { setPrivate() }
        setMetadata(["host": .string(presence is RedisPresence ? "redis" : "local")])
    }
}

/// Servers of one cluster, each in this test process on its own port, sharing one Redis.
struct TestCluster {
    let redis: RedisServer
    let servers: [TestServer]

    /// `count` servers on `redis`, each with its public address; returns once all are registered.
    static func start(_ count: Int, on redis: RedisServer) async throws -> TestCluster {
        var servers: [TestServer] = []
        for _ in 0..<count { servers.append(try await startServer(on: redis)) }
        let client = RedisClient(try RedisConfiguration(url: redis.url()))
        let registered = try await eventually { try await client.send(["HLEN", "colyseus:processes"]).integer == count }
        await client.shutdown()
        guard registered else { throw ClusterTestError(description: "the servers did not register in Redis") }
        return TestCluster(redis: redis, servers: servers)
    }

    static func startServer(on redis: RedisServer) async throws -> TestServer {
        let port = try RedisServer.freePort()
        let cluster = RedisCluster(try RedisConfiguration(url: redis.url()))
        return try await TestServer.start(
            configuration: .init(host: "127.0.0.1", publicAddress: "127.0.0.1:\(port)"), port: port,
            presence: cluster.presence, cluster: cluster.services
        ) { server in
            server.define("lobby", LobbyRoom.self)
            server.define("modes", LobbyRoom.self, filterBy: ["mode"])
        }
    }

    func stop() async throws {
        for server in servers { try await server.stop() }
    }

    /// The room ids of a server's listing (GET /matchmake), sorted.
    static func listedRoomIds(_ server: TestServer, name: String = "") async throws -> [String] {
        let reply = try await server.request("GET", name.isEmpty ? "/matchmake" : "/matchmake/\(name)")
        guard reply.status == 200, case .array(let rooms)? = reply.json else {
            throw ClusterTestError(description: "listing answered \(reply.status): \(reply.body)")
        }
        return rooms.compactMap { $0["roomId"]?.stringValue }.sorted()
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passed; returns whether it held.
func eventually(within timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

struct ClusterTestError: Error, CustomStringConvertible {
    let description: String
}
