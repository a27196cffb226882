@testable import ColyseusClient
import Testing

/// How a session ends: consented leave, the server's close codes, drops and reconnection.
@Suite @MainActor
struct SessionEndTests {
    /// Reconnection without the 5 s uptime rule, and quick retries, so tests need not wait.
    static let quickReconnection = Client.Configuration(reconnection: ReconnectionPolicy(minUptime: .zero, minDelay: .milliseconds(20), maxDelay: .milliseconds(200)))

    @Test func consentedLeaveEndsWith4000() async throws {
        try await withGameServer { _, client in
            let watcher = try await client.joinOrCreate("game", state: GameState.self)
            let room = try await client.joinOrCreate("game", state: GameState.self)
            try await eventually("two players") { watcher.state.players.count == 2 }
            var leaves: [String] = []
            room.onLeave { code, reason in leaves.append("\(code) \(reason)") }
            await room.leave()
            #expect(leaves == ["4000 "])
            #expect(room.phase == .left)
            try await eventually("the server removed the player") { watcher.state.players.count == 1 }
            await room.leave()  // a second leave does nothing
            #expect(leaves.count == 1)
            await watcher.leave()
        }
    }

    @Test func theServersCloseCodeAndReasonReachOnLeave() async throws {
        try await withGameServer { _, client in
            let room = try await client.joinOrCreate("game", state: GameState.self)
            var leaves: [String] = []
            room.onLeave { code, reason in leaves.append("\(code) \(reason)") }
            try room.send("kick", Kick(code: 4005, reason: "bye"))
            try await eventually("the kick") { !leaves.isEmpty }
            #expect(leaves == ["4005 bye"])
            #expect(room.phase == .left)
        }
    }

    @Test func aDroppedSocketReconnectsAndRebuildsTheState() async throws {
        try await withGameServer(configuration: Self.quickReconnection) { _, client in
            let room = try await client.joinOrCreate("game", options: ["name": "alice"], state: GameState.self)
            var log: [String] = []
            room.callbacks.onAdd(\.players) { player, key in log.append("add \(player.name)") }
            room.callbacks.onRemove(\.players) { player, key in log.append("remove \(player.name)") }
            room.onStateChange { _, isFirstState in if isFirstState { log.append("first state") } }
            room.onDrop { code, _ in log.append("drop \(code)") }
            room.onReconnect { log.append("reconnect") }
            try await eventually("the first state") { log.contains("first state") }
            let token = room.reconnectionToken

            room.connection.drop()
            try await eventually("the drop") { room.phase == .reconnecting }
            try room.send("move", Move(x: 7, y: 8))  // buffered, flushed after the rejoin
            try await eventually("the reconnection and the buffered move") { room.state.players[room.sessionId]?.x == 7 }
            #expect(room.phase == .joined)
            #expect(room.reconnectionToken != token)
            #expect(room.reconnectionToken.hasPrefix(room.roomId + ":"))
            #expect(log == ["add alice", "first state", "drop 1006", "reconnect", "remove alice", "add alice", "first state"])
            await room.leave()
        }
    }

    @Test func aCloseWithoutStatusIsADropToo() async throws {
        try await withGameServer(configuration: Self.quickReconnection) { _, client in
            let room = try await client.joinOrCreate("game", state: GameState.self)
            var drops: [Int] = []
            var reconnects = 0
            room.onDrop { code, _ in drops.append(code) }
            room.onReconnect { reconnects += 1 }
            try room.send("kick", Kick())
            try await eventually("the reconnection") { reconnects == 1 }
            #expect(drops == [1005])
            await room.leave()
        }
    }

    @Test func aRefusedReconnectionEndsTheSessionWith4003() async throws {
        try await withGameServer(configuration: Self.quickReconnection) { _, client in
            let room = try await client.joinOrCreate("game", options: ["noReconnection": true], state: GameState.self)
            var leaves: [Int] = []
            room.onLeave { code, _ in leaves.append(code) }
            try await eventually("the first state") { room.state.players.count == 1 }
            room.connection.drop()
            try await eventually("the end") { !leaves.isEmpty }
            #expect(leaves == [4003])
            #expect(room.phase == .left)
        }
    }

    @Test func aDropRightAfterJoiningLeavesInsteadOfReconnecting() async throws {
        try await withGameServer { _, client in
            let room = try await client.joinOrCreate("game", state: GameState.self)
            var leaves: [String] = []
            room.onLeave { code, reason in leaves.append("\(code) \(reason)") }
            room.connection.drop()
            try await eventually("the end") { !leaves.isEmpty }
            #expect(leaves == ["1006 Room uptime too short for reconnection."])
        }
    }

    @Test func aCachedTokenRejoinsTheSameSession() async throws {
        try await withGameServer(configuration: .init(reconnection: .disabled)) { _, client in
            let room = try await client.joinOrCreate("game", options: ["name": "alice"], state: GameState.self)
            try await eventually("the first state") { room.state.players.count == 1 }
            let token = room.reconnectionToken
            room.connection.drop()
            try await eventually("the end") { room.phase == .left }

            let again = try await client.reconnect(token, state: GameState.self)
            #expect(again.sessionId == room.sessionId)
            #expect(again.roomId == room.roomId)
            try await eventually("the state") { again.state.players[again.sessionId]?.name == "alice" }
            await again.leave()
        }
    }
}
