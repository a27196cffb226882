@testable import ColyseusClient
import Testing

/// Every matchmaking method of the client against this project's server, the listing, and the errors
/// the server reports (PROTOCOL.md §2).
@Suite @MainActor
struct MatchmakingTests {
    struct ModeMetadata: Decodable, Sendable, Equatable {
        var mode: String
        var level: Int
    }

    @Test func joinOrCreateJoinsWithTypedState() async throws {
        try await withGameServer { _, client in
            let room = try await client.joinOrCreate("game", options: ["name": "alice"], state: GameState.self)
            var firstStates = 0
            room.onStateChange { _, isFirstState in if isFirstState { firstStates += 1 } }
            try await eventually("the first state") { room.state.players[room.sessionId] != nil }
            #expect(room.state.players[room.sessionId]?.name == "alice")
            #expect(room.state.phase == "waiting")
            #expect(room.name == "game")
            #expect(room.roomId.count == 9)
            #expect(room.id == room.roomId)
            #expect(room.sessionId.count == 9)
            #expect(room.reconnectionToken.hasPrefix(room.roomId + ":"))
            #expect(room.reconnectionToken.count > room.roomId.count + 1)
            #expect(firstStates == 1)
            #expect(room.phase == .joined)
            await room.leave()
        }
    }

    @Test func everyMethodReachesTheSameRoom() async throws {
        try await withGameServer { server, client in
            let created = try await client.create("game", options: ["mode": "duel"], state: GameState.self)
            let byId = try await client.joinById(created.roomId, state: GameState.self)
            let joined = try await client.join("game", state: GameState.self)
            let joinedOrCreated = try await client.joinOrCreate("game", state: GameState.self)
            #expect([byId.roomId, joined.roomId, joinedOrCreated.roomId] == Array(repeating: created.roomId, count: 3))
            #expect(Set([created, byId, joined, joinedOrCreated].map(\.sessionId)).count == 4)

            let seat = try await server.reserveSeat("joinById", created.roomId)
            let consumed = try await client.consumeSeatReservation(
                SeatReservation(name: seat.name, sessionId: seat.sessionId, roomId: seat.roomId, processId: seat.processId),
                state: GameState.self
            )
            #expect(consumed.sessionId == seat.sessionId)
            try await eventually("five players") { consumed.state.players.count == 5 }

            for room in [created, byId, joined, joinedOrCreated, consumed] { await room.leave() }
        }
    }

    @Test func availableRoomsListOpenRoomsWithTheirMetadata() async throws {
        try await withGameServer { _, client in
            let open = try await client.create("game", options: ["mode": "duel"], state: GameState.self)
            let hidden = try await client.create("game", options: ["private": true], state: GameState.self)
            let other = try await client.create("modes", options: ["mode": "race"], state: GameState.self)

            let games = try await client.getAvailableRooms("game", metadata: ModeMetadata.self)
            #expect(games.map(\.roomId) == [open.roomId])
            #expect(games.first?.name == "game")
            #expect(games.first?.clients == 1)
            #expect(games.first?.maxClients == nil)
            #expect(games.first?.metadata == ModeMetadata(mode: "duel", level: 3))

            let everything = try await client.getAvailableRooms()
            #expect(Set(everything.map(\.roomId)) == [open.roomId, other.roomId])
            #expect(everything.first { $0.roomId == other.roomId }?.metadata?["mode"] == "race")
            for room in [open, hidden, other] { await room.leave() }
        }
    }

    @Test func failuresCarryTheServersCodeAndMessage() async throws {
        try await withGameServer { _, client in
            let unknownName = await matchMakeFailure { _ = try await client.joinOrCreate("nope", state: GameState.self) }
            #expect(unknownName == MatchMakeError(code: 520, message: "provided room name \"nope\" not defined"))
            let noRoom = await matchMakeFailure { _ = try await client.join("modes", options: ["mode": "x"], state: GameState.self) }
            #expect(noRoom?.code == 521)
            let unknownId = await matchMakeFailure { _ = try await client.joinById("doesNotExist", state: GameState.self) }
            #expect(unknownId == MatchMakeError(code: 522, message: "room \"doesNotExist\" not found"))
            // A code outside 200-599 cannot be an HTTP status: the server answers 500 with the message.
            let staticAuth = await matchMakeFailure { _ = try await client.joinOrCreate("game", options: ["refuse": true], state: GameState.self) }
            #expect(staticAuth == MatchMakeError(code: 500, message: "refused by static onAuth"))
            // onJoin failures arrive on the WebSocket as an ERROR frame before the close.
            let onJoin = await matchMakeFailure { _ = try await client.joinOrCreate("game", options: ["failJoin": true], state: GameState.self) }
            #expect(onJoin == MatchMakeError(code: 4321, message: "no entry"))

            let room = try await client.joinOrCreate("game", state: GameState.self)
            let badToken = await matchMakeFailure { _ = try await client.reconnect("\(room.roomId):wrongtoken", state: GameState.self) }
            #expect(badToken?.code == 524)
            await #expect(throws: ClientError.invalidReconnectionToken("no-colon")) {
                _ = try await client.reconnect("no-colon", state: GameState.self)
            }
            await room.leave()
        }
    }

    @Test func anUnreachableServerIsATransportError() async throws {
        let client = try Client("ws://127.0.0.1:1")
        await #expect(throws: TransportError.self) {
            _ = try await client.joinOrCreate("game", state: GameState.self)
        }
        #expect(throws: ClientError.self) { try Client("ftp://example.com") }
    }

    @Test func endpointsBuildTheReferenceURLs() throws {
        let endpoint = try Endpoint("wss://games.example.com/api/?region=eu")
        #expect(endpoint.isSecure && endpoint.port == 443 && endpoint.pathname == "/api" && endpoint.query == "region=eu")
        #expect(endpoint.httpURL("/matchmake/joinOrCreate/battle").pathAndQuery == "/api/matchmake/joinOrCreate/battle?region=eu")
        let url = try endpoint.webSocketURL(processId: "p", roomId: "r", publicAddress: nil, extraQuery: [("sessionId", "s")])
        #expect(url.pathAndQuery == "/api/p/r?region=eu&sessionId=s")
        #expect(url.hostHeader == "games.example.com")
        let moved = try endpoint.webSocketURL(processId: "p", roomId: "r", publicAddress: "node2.example.com:8443/x", extraQuery: [])
        #expect(moved.host == "node2.example.com" && moved.port == 8443 && moved.pathAndQuery == "/x/p/r?region=eu")
        #expect(try Endpoint("ws://localhost:2567").description == "ws://localhost:2567")
    }
}

/// The matchmaking error `body` fails with (nil when it succeeds or fails otherwise).
@MainActor
private func matchMakeFailure(_ body: @MainActor () async throws -> Void) async -> MatchMakeError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? MatchMakeError
    }
}
