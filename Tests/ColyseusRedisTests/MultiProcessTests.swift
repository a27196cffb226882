@testable import ColyseusClient
import ColyseusTesting
import enum ColyseusServer.JSONValue
import DemoState
import Foundation
import RedisTestSupport
import Testing

/// Three separate demo-server processes on one real redis-server, used through the Swift client SDK as
/// a game would (issue 11's checks): shared rooms and state across processes, the same listing on
/// every process, a reconnection through another process, SIGKILL of a host, and a Redis restart.
@Suite(.timeLimit(.minutes(3))) @MainActor
struct MultiProcessTests {
    @Test func threeProcessesOnOneRedis() async throws {
        let redis = try await RedisServer.start()
        defer { redis.kill() }
        _ = try DemoServerProcess.binary
        var servers: [DemoServerProcess] = []
        for _ in 0..<3 { servers.append(try await DemoServerProcess.start(redis: redis.url())) }
        defer { for server in servers { server.kill() } }
        let clients = try servers.map { try Client($0.endpoint) }

        // Matchmaking through two different processes: one room, and each client sees the other.
        let first = try await clients[0].joinOrCreate("my_room", state: MyRoomState.self)
        let second = try await clients[1].joinOrCreate("my_room", state: MyRoomState.self)
        #expect(second.roomId == first.roomId)
        try await eventually("both players in both states") {
            first.state.players.count == 2 && second.state.players.count == 2
        }
        try first.send("move", ["x": 5, "y": 0])
        try await eventually("the move seen by the other client") { second.state.players[first.sessionId]?.x == 5 }

        // The listing is the same on every process.
        _ = try await clients[2].create("my_room", state: MyRoomState.self)
        var listings: [[String]] = []
        for client in clients { listings.append(try await client.getAvailableRooms("my_room").map(\.roomId).sorted()) }
        #expect(listings[0].count == 2)
        #expect(listings.allSatisfy { $0 == listings[0] }, "\(listings)")

        // A reconnection through a process that does not host the room.
        let arena = try await clients[0].joinOrCreate("arena", options: ["name": "ann"], state: ArenaState.self)
        arena.reconnection = .disabled
        let arenaHost = try #require(try await hostOf(arena.roomId, servers))
        let other = servers.firstIndex { $0.processId != arenaHost.processId }!
        let token = arena.reconnectionToken
        arena.connection.drop()
        try await eventually("the drop") { arena.phase != .joined }
        let back = try await clients[other].reconnect(token, state: ArenaState.self)
        #expect(back.sessionId == arena.sessionId)
        try await eventually("the returning player's state") { back.state.players[back.sessionId]?.name == "ann" }

        // SIGKILL the host of my_room: its rooms leave every listing within 10 s, without traffic.
        let host = try #require(try await hostOf(first.roomId, servers))
        let survivors = servers.filter { $0.processId != host.processId }
        let killed = ContinuousClock.now
        host.kill()
        for survivor in survivors {
            try await eventually("the dead host's rooms gone from \(survivor.processId)", within: .seconds(10)) {
                try await listing(survivor.port).allSatisfy { $0["processId"]?.stringValue != host.processId }
            }
        }
        let cleanup = ContinuousClock.now - killed
        #expect(cleanup < .seconds(10))
        print("rooms of the SIGKILLed process left every listing after \(cleanup)")
        // The next joinOrCreate creates a fresh room on a survivor, without a stall.
        let started = ContinuousClock.now
        let fresh = try await Client(survivors[0].endpoint).joinOrCreate("my_room", state: MyRoomState.self)
        #expect(ContinuousClock.now - started < .seconds(3), "no stall behind the dead process")
        #expect(fresh.roomId != first.roomId)
        #expect(try await hostOf(fresh.roomId, survivors) != nil)

        // Redis stopped: a clear 503 at once; Redis back (empty): full service without restarts.
        await redis.stop()
        for survivor in survivors {
            let reply = try await HTTPTestClient.send(port: survivor.port, method: "POST", path: "/matchmake/joinOrCreate/my_room", headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
            #expect(reply.status == 503)
        }
        try await redis.restart()
        try await eventually("matchmaking back on every survivor", within: .seconds(10)) {
            for survivor in survivors {
                let joined = try await Client(survivor.endpoint).joinOrCreate("my_room", state: MyRoomState.self)
                guard joined.roomId == fresh.roomId else { return false }
            }
            return true
        }
        await second.leave()
        await fresh.leave()
        await back.leave()
    }

    /// The process hosting `roomId`, from the listing.
    func hostOf(_ roomId: String, _ servers: [DemoServerProcess]) async throws -> DemoServerProcess? {
        let room = try await listing(servers[0].port).first { $0["roomId"]?.stringValue == roomId }
        return servers.first { $0.processId == room?["processId"]?.stringValue }
    }

    /// `GET /matchmake` of the process on `port`.
    func listing(_ port: Int) async throws -> [JSONValue] {
        let reply = try await HTTPTestClient.send(port: port, method: "GET", path: "/matchmake", headers: [], body: nil)
        guard reply.status == 200, case .array(let rooms) = try JSONDecoder().decode(JSONValue.self, from: Data(reply.body)) else {
            throw DemoServerError("the listing answered \(reply.status)")
        }
        return rooms
    }

    func eventually(_ what: String, within timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("\(what): not within \(timeout)")
    }
}
