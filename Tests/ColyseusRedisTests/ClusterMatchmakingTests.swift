import ColyseusRedis
import ColyseusServer
import ColyseusTesting
import Foundation
import RedisTestSupport
import Testing

/// Matchmaking across several servers on one real redis-server (MatchMaker+Rooms.swift, ProcessIPC,
/// the Redis driver and registry). The servers run in this test process, each on its own port and its
/// own Redis connections, exactly as separate processes would talk to each other; MultiProcessTests
/// runs separate processes.
@Suite(.timeLimit(.minutes(2))) struct ClusterMatchmakingTests {
    @Test func everyProcessSeatsClientsInEveryProcesssRooms() async throws {
        let redis = try await RedisServer.start()
        defer { redis.kill() }
        let cluster = try await TestCluster.start(3, on: redis)
        let (a, b, c) = (cluster.servers[0], cluster.servers[1], cluster.servers[2])
        let created = try await a.reserveSeat("create", "lobby")
        // The room may be on any process; whoever matchmakes, the seat is in it, with its host's address.
        let host = cluster.servers.first { $0.server.matchMaker.processId == created.processId }
        let hostPort = try #require(host?.port)
        #expect(created.publicAddress == "127.0.0.1:\(hostPort)")
        for server in [a, b, c] {
            let seat = try await server.reserveSeat("joinOrCreate", "lobby")
            #expect(seat.roomId == created.roomId)
            #expect(seat.processId == created.processId)
            #expect(seat.publicAddress == created.publicAddress)
            #expect(try await server.reserveSeat("joinById", created.roomId).roomId == created.roomId)
            #expect(try await server.reserveSeat("join", "lobby").roomId == created.roomId)
        }
        // The client connects straight to the host and is admitted with the seat another process reserved.
        let seat = try await c.reserveSeat("joinById", created.roomId)
        let wire = try await host!.connect(seat)
        let joinRoom = try await wire.nextBinary()
        #expect(joinRoom.first == 0x0A)
        wire.drop()
        // Every process lists the same rooms.
        _ = try await b.reserveSeat("create", "lobby")
        let listings = try await [a, b, c].asyncMap { try await TestCluster.listedRoomIds($0) }
        #expect(listings[0].count == 2)
        #expect(listings.allSatisfy { $0 == listings[0] })
        try await cluster.stop()
    }

    @Test func filtersPrivateAndLockedRoomsAsInOneProcess() async throws {
        let redis = try await RedisServer.start()
        defer { redis.kill() }
        let cluster = try await TestCluster.start(2, on: redis)
        let (a, b) = (cluster.servers[0], cluster.servers[1])
        let duel = try await a.reserveSeat("create", "modes", options: #"{"mode":"duel"}"#)
        let hidden = try await a.reserveSeat("create", "lobby", options: #"{"private":true}"#)
        let full = try await a.reserveSeat("create", "lobby", options: #"{"maxClients":1}"#)
        for server in [a, b] {
            #expect(try await server.reserveSeat("join", "modes", options: #"{"mode":"duel"}"#).roomId == duel.roomId)
            #expect(try await server.matchmake("join", "modes", options: #"{"mode":"race"}"#).status == 521)
            #expect(try await server.matchmake("join", "lobby").status == 521)
            #expect(try await server.reserveSeat("joinById", hidden.roomId).roomId == hidden.roomId)
            let locked = try await server.matchmake("joinById", full.roomId)
            #expect(locked.status == 522)
            #expect(locked.json?["error"] == .string("room \"\(full.roomId)\" is locked"))
            #expect(try await TestCluster.listedRoomIds(server, name: "lobby").isEmpty)
            #expect(try await TestCluster.listedRoomIds(server, name: "modes") == [duel.roomId])
        }
        // An error thrown by onCreate on another process reaches the client with its code.
        var statuses: Set<Int> = []
        for _ in 0..<4 { statuses.insert(try await b.matchmake("create", "lobby", options: #"{"failCreate":418}"#).status) }
        #expect(statuses == [418])
        try await cluster.stop()
    }

    /// Eight creations at the same moment spread over the processes (the reference puts all eight on one).
    @Test func concurrentCreatesSpreadAcrossProcesses() async throws {
        let redis = try await RedisServer.start()
        defer { redis.kill() }
        let cluster = try await TestCluster.start(2, on: redis)
        let seats = try await withThrowingTaskGroup(of: SeatReservation.self) { group in
            for index in 0..<8 {
                group.addTask { try await cluster.servers[index % 2].reserveSeat("create", "lobby") }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let perProcess = Dictionary(grouping: seats, by: \.processId).mapValues(\.count)
        #expect(perProcess.count == 2, "\(perProcess)")
        #expect(perProcess.values.allSatisfy { $0 >= 3 }, "\(perProcess)")
        try await cluster.stop()
    }

    /// joinOrCreate through several processes at once makes one room: the Redis lock serializes creation.
    @Test func concurrentJoinOrCreateMakesOneRoom() async throws {
        let redis = try await RedisServer.start()
        defer { redis.kill() }
        let cluster = try await TestCluster.start(3, on: redis)
        let roomIds = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<12 {
                group.addTask { try await cluster.servers[index % 3].reserveSeat("joinOrCreate", "modes", options: #"{"mode":"x"}"#).roomId }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(roomIds.count == 1)
        try await cluster.stop()
    }

    @Test func gracefulShutdownRemovesListingsAtOnce() async throws {
        let redis = try await RedisServer.start()
        defer { redis.kill() }
        let cluster = try await TestCluster.start(2, on: redis)
        let (a, b) = (cluster.servers[0], cluster.servers[1])
        for _ in 0..<4 { _ = try await a.reserveSeat("create", "lobby") }
        let bProcess = b.server.matchMaker.processId
        let bRooms = try await a.server.matchMaker.availableRooms().filter { $0.processId == bProcess }
        #expect(!bRooms.isEmpty)
        try await b.stop()
        // Right after the stop: not one of b's rooms is left, without waiting for a heartbeat.
        #expect(try await a.server.matchMaker.availableRooms().allSatisfy { $0.processId != bProcess })
        #expect(try await a.reserveSeat("create", "lobby").processId == a.server.matchMaker.processId)
        try await a.stop()
    }

    /// A process that stopped without a word (registered, listed, but not beating nor listening) loses
    /// its rooms within seconds, without any matchmaking traffic.
    @Test func deadProcessRoomsVanishWithoutTraffic() async throws {
        let redis = try await RedisServer.start()
        defer { redis.kill() }
        let cluster = try await TestCluster.start(1, on: redis)
        let a = cluster.servers[0]
        let ghost = RedisCluster(try RedisConfiguration(url: redis.url()))
        let listing = try RoomListing(
            storedJSON: Data(#"{"listing":{"name":"lobby","roomId":"ghostRoom","processId":"ghost","clients":0,"locked":false,"private":false,"unlisted":false,"metadata":{},"createdAt":0},"filterOptions":{}}"#.utf8)
        )
        _ = try await ghost.services.registry.heartbeat(ProcessRecord(processId: "ghost", publicAddress: nil, roomCount: 1), ttl: .seconds(60))
        try await ghost.services.driver.persist([listing])
        // Listed at first (nobody checked yet, or within the same beat), then gone: nobody listens on its channel.
        let start = ContinuousClock.now
        #expect(try await eventually(within: .seconds(10)) { try await !TestCluster.listedRoomIds(a).contains("ghostRoom") })
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try await ghost.services.driver.listing(roomId: "ghostRoom") == nil)
        // joinOrCreate then creates a fresh room instead of sending clients to the ghost.
        #expect(try await a.reserveSeat("joinOrCreate", "lobby").processId == a.server.matchMaker.processId)
        await ghost.presence.shutdown()
        try await cluster.stop()
    }

    /// Redis down: matchmaking answers 503 at once; Redis back, empty: every process stores its live
    /// rooms again, so joinOrCreate joins them instead of creating duplicates, and joinById finds them.
    @Test func redisOutageAndEmptyRestart() async throws {
        let redis = try await RedisServer.start()
        defer { redis.kill() }
        let cluster = try await TestCluster.start(2, on: redis)
        let (a, b) = (cluster.servers[0], cluster.servers[1])
        let room = try await a.reserveSeat("create", "lobby")
        let host = cluster.servers.first { $0.server.matchMaker.processId == room.processId }!
        // A client in the room keeps it alive; a second seat, reserved before the outage, is used during it.
        let wire = try await host.connect(room)
        #expect(try await wire.nextBinary().first == 0x0A)
        try await wire.send([0x0A])
        let laterSeat = try await b.reserveSeat("joinById", room.roomId)

        await redis.stop()
        let start = ContinuousClock.now
        for server in [a, b] {
            let reply = try await server.matchmake("joinOrCreate", "lobby")
            #expect(reply.status == 503, "\(reply.body)")
            #expect(reply.json?["error"]?.stringValue?.hasPrefix("matchmaking is unavailable") == true)
            #expect(try await server.request("GET", "/matchmake").status == 503)
        }
        // Within the 2 s command timeout, even on a loaded machine (refused connections fail at once).
        #expect(ContinuousClock.now - start < .seconds(6))
        // The running room goes on serving: the host admits the client without Redis.
        let late = try await host.connect(laterSeat)
        #expect(try await late.nextBinary().first == 0x0A)

        try await redis.restart()
        #expect(try await eventually { try await TestCluster.listedRoomIds(b) == [room.roomId] })
        #expect(try await b.reserveSeat("joinOrCreate", "lobby").roomId == room.roomId)
        #expect(try await b.reserveSeat("joinById", room.roomId).roomId == room.roomId)
        try await wire.sendClose(code: 4000)
        try await late.sendClose(code: 4000)
        try await cluster.stop()
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
