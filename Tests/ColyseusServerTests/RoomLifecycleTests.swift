import ColyseusServer
import ColyseusTesting
import Testing
import enum SchemaTestSupport.Hex

/// The room API end to end: hooks and their order, reconnection, broadcast, patches, locking,
/// disconnect, disposal, faults.
@Suite struct RoomLifecycleTests {
    @Test func hooksRunInOrderAndTheEmptyRoomDisposes() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        let roomId = alice.seat.roomId
        #expect(alice.joinFrame.count > 117)  // token, "schema" and the handshake
        try await alice.wire.send([0x0C])
        #expect(try await alice.wire.nextClose() == .close(code: 4000, reason: ""))
        let log = await HookLog.wait(for: "onDispose", in: roomId)
        #expect(log == ["onCreate", "onAuth", "onJoin", "onLeave(true)", "onDispose"])
        let gone = try await server.matchmake("joinById", roomId)
        #expect(gone.status == 522)
        try await server.stop()
    }

    @Test func instanceAuthAcceptsAndRejects() async throws {
        let server = try await TestServer.withTestRooms()
        let refused = try await server.connect(try await server.reserveSeat("joinOrCreate", "iauth_room"))
        #expect(Hex.encode(try await refused.nextBinary()) == "0bcd0d02ad" + Hex.encode(Array("onAuth failed".utf8)))
        #expect(try await refused.next() == .close(code: 4002, reason: ""))
        let accepted = try await JoinedClient.join(server, "joinOrCreate", "iauth_room", query: "&_authToken=good")
        #expect(accepted.stateFrame != nil)
        try await server.stop()
    }

    @Test func joinFailuresReachTheClient() async throws {
        let server = try await TestServer.withTestRooms()
        let plain = try await server.connect(try await server.reserveSeat("create", "wire", options: #"{"throwInJoin":true}"#))
        #expect(Hex.encode(try await plain.nextBinary()) == "0bcd0e02ae" + Hex.encode(Array("boom in onJoin".utf8)))
        #expect(try await plain.next() == .close(code: 4002, reason: ""))
        let coded = try await server.connect(try await server.reserveSeat("create", "wire", options: #"{"throwCodeInJoin":4444}"#))
        #expect(Hex.encode(try await coded.nextBinary()) == "0bcd5c11b4" + Hex.encode(Array("coded boom in onJoin".utf8)))
        try await server.stop()
    }

    @Test func reconnectionWithinTheWindow() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", options: #"{"reconnect":5}"#)
        _ = try await alice.nextMessage()  // welcome
        alice.wire.drop()
        let roomId = alice.seat.roomId
        _ = await HookLog.wait(for: "onDrop(1006)", in: roomId)
        let back = try await JoinedClient.connect(server, alice.seat, query: "&reconnectionToken=\(alice.token)&skipHandshake=true")
        let withoutHandshake = 18  // 0a, token, "schema"
        #expect(back.joinFrame.count == withoutHandshake)
        #expect(back.token != alice.token)
        #expect(try await back.nextMessage().type == "welcomeback")
        let log = HookLog.entries(roomId)
        #expect(log.contains("onReconnect"))
        #expect(!log.contains { $0.hasPrefix("onLeave") })
        try await server.stop()
    }

    @Test func aNewSocketWhileTheOldOneIsStillOpenReconnects() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", options: #"{"reconnect":5}"#)
        _ = try await alice.nextMessage()  // welcome
        // A network switch the server has not noticed: the old socket is still open.
        let back = try await JoinedClient.connect(server, alice.seat, query: "&reconnectionToken=\(alice.token)&skipHandshake=true")
        #expect(try await back.nextMessage().type == "welcomeback", "onReconnect's message follows the full state")
        #expect(try await alice.wire.nextClose() == .close(code: 4002, reason: ""))
        let log = HookLog.entries(alice.seat.roomId)
        #expect(Array(log.suffix(2)) == ["onDrop(4002)", "onReconnect"])
        try await server.stop()
    }

    @Test func reconnectionAfterTheWindowFails() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", options: #"{"reconnect":0.3}"#)
        alice.wire.drop()
        let log = await HookLog.wait(for: "onLeave(false)", in: alice.seat.roomId)
        let drop = try #require(log.firstIndex(of: "onDrop(1006)"))
        #expect(log[drop...].prefix(2) == ["onDrop(1006)", "onLeave(false)"])
        let late = try await server.connect(alice.seat, query: "&reconnectionToken=\(alice.token)")
        let refusal = try await late.nextBinary()
        #expect(refusal.first == 0x0B)
        #expect(try await late.next() == .close(code: 4003, reason: ""))
        _ = await HookLog.wait(for: "onDispose", in: alice.seat.roomId)
        try await server.stop()
    }

    @Test func httpReconnectReplacesAStaleConnection() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create")
        _ = try await alice.nextMessage()
        let seat = try await server.reserveSeat("reconnect", alice.seat.roomId, options: #"{"reconnectionToken":"\#(alice.token)"}"#)
        #expect(seat.sessionId == alice.seat.sessionId)
        #expect(try await alice.wire.nextClose() == .close(code: 4002, reason: ""))
        let back = try await JoinedClient.connect(server, seat, query: "&reconnectionToken=\(alice.token)")
        #expect(back.joinFrame.count > 117)  // the handshake, as for a manual reconnection
        #expect(try await back.nextMessage().type == "welcomeback")
        try await server.stop()
    }

    @Test func theRoomLearnsThePeersCloseCode() async throws {
        let server = try await TestServer.withTestRooms()
        // A close frame without status (the SDK's leave(false)): onDrop(1005); the reply is empty too.
        let quiet = try await JoinedClient.join(server, "create", options: #"{"reconnect":0.1}"#)
        try await quiet.wire.sendClose(code: nil)
        #expect(try await quiet.wire.nextClose() == .close(code: nil, reason: ""))
        #expect(await HookLog.wait(for: "onDrop(1005)", in: quiet.seat.roomId).contains("onDrop(1005)"))
        // A client closing with 4000 itself is a consented leave; its code is echoed.
        let polite = try await JoinedClient.join(server, "create")
        try await polite.wire.sendClose(code: 4000)
        #expect(try await polite.wire.nextClose() == .close(code: 4000, reason: ""))
        #expect(await HookLog.wait(for: "onLeave(true)", in: polite.seat.roomId).contains("onLeave(true)"))
        // Going away (a browser tab closing).
        let away = try await JoinedClient.join(server, "create", options: #"{"reconnect":0.1}"#)
        try await away.wire.sendClose(code: 1001)
        #expect(await HookLog.wait(for: "onDrop(1001)", in: away.seat.roomId).contains("onDrop(1001)"))
        try await server.stop()
    }

    @Test func broadcastSkipsExcludedClients() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        let bob = try await JoinedClient.join(server)
        _ = try await alice.nextMessage()
        _ = try await bob.nextMessage()
        try await alice.wire.send(ClientMessage.data("others"))
        let hello = try await bob.nextMessage()
        #expect(hello.type == "hello")
        let expected: [UInt8] = [0xDE, 0x00, 0x01, 0xA3] + Array("you".utf8) + [0xA9] + Array(alice.seat.sessionId.utf8)
        #expect(hello.payload == expected)
        // Alice gets the patch of Bob's arrival at most, never "hello".
        while let frame = try? await alice.wire.nextBinary(timeout: .milliseconds(300)) {
            #expect(frame.first == 0x0F)
        }
        try await server.stop()
    }

    @Test func patchesFollowThePatchRateAndBroadcastPatch() async throws {
        let server = try await TestServer.withTestRooms()
        // Idle: nothing is sent when nothing changed.
        let idle = try await JoinedClient.join(server, "create")
        _ = try await idle.nextMessage()
        _ = try? await idle.wire.nextBinary(timeout: .milliseconds(200))  // the patch that repeats the join, if any
        #expect(try await idle.wire.staysQuiet(for: .milliseconds(300)))

        // Automatic patches off: a change waits for broadcastPatch().
        let manual = try await JoinedClient.join(server, "create", options: #"{"patchRate":0}"#)
        _ = try await manual.nextMessage()
        try await manual.wire.send(ClientMessage.data("move", [0x82, 0xA1, 0x78, 0x05, 0xA1, 0x79, 0x06]))
        #expect(try await manual.wire.staysQuiet(for: .milliseconds(300)))
        try await manual.wire.send(ClientMessage.data("patchNow"))
        let patch = try await manual.wire.nextBinary()
        #expect(patch.first == 0x0F)
        #expect(Hex.encode(patch).contains("80058106"))  // x = 5, y = 6 arrive with the patch
        let answer = try await manual.nextMessage()
        #expect(answer.type == "patched" && answer.payload == [0xC3])
        try await server.stop()
    }

    @Test func maxClientsLocksAndLeavingUnlocks() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", options: #"{"max":2}"#)
        let roomId = alice.seat.roomId
        let bob = try await JoinedClient.connect(server, try await server.reserveSeat("joinById", roomId))
        #expect(try await server.matchmake("joinById", roomId).json?["error"] == .string("room \"\(roomId)\" is locked"))
        #expect(try await server.reserveSeat("joinOrCreate", "wire").roomId != roomId)
        try await bob.wire.send([0x0C])
        _ = await HookLog.wait(for: "onLeave(true)", in: roomId)
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await server.matchmake("joinById", roomId).status == 200)

        // lock() holds even when seats free up; unlock() opens again.
        try await alice.wire.send(ClientMessage.data("lock"))
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await server.matchmake("joinById", roomId).status == 522)
        try await alice.wire.send(ClientMessage.data("unlock"))
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await server.matchmake("joinById", roomId).status == 522)  // full again: alice + the seat above
        try await server.stop()
    }

    @Test func disconnectClosesEveryClientThenDisposes() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        let bob = try await JoinedClient.join(server)
        try await alice.wire.send(ClientMessage.data("disconnectall"))
        for client in [alice, bob] {
            #expect(try await client.wire.nextClose() == .close(code: 4000, reason: ""))
        }
        let log = await HookLog.wait(for: "onDispose", in: alice.seat.roomId)
        #expect(log.filter { $0 == "onLeave(true)" }.count == 2)
        #expect(log.last == "onDispose")
        try await server.stop()
    }

    @Test func gracefulShutdownAwaitsOnDispose() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        try await server.stop()
        #expect(try await alice.wire.nextClose() == .close(code: 4001, reason: ""))
        #expect(HookLog.entries(alice.seat.roomId).last == "onDispose")
        #expect(HookLog.entries(alice.seat.roomId).contains("onDrop(4001)"))
    }

    @Test func aThrowingHandlerDoesNotStopTheRoom() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        _ = try await alice.nextMessage()
        try await alice.wire.send(ClientMessage.data("throw"))
        try await alice.wire.send(ClientMessage.data("echo", [0x01]))
        let echo = try await alice.nextMessage()
        #expect(echo.type == "echo" && echo.payload == [0x01])
        #expect(HookLog.entries(alice.seat.roomId).contains("error(onMessage(throw)): handler failure"))
        try await server.stop()
    }

    @Test func rateLimitDisconnectsFloodingClients() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", options: #"{"rateLimit":5}"#)
        // The server may close the connection before the last ones are written.
        for _ in 0..<10 {
            do { try await alice.wire.send(ClientMessage.data("echo")) } catch { break }
        }
        #expect(try await alice.wire.nextClose() == .close(code: 4002, reason: ""))
        try await server.stop()
    }

    @Test func oversizedMessagesCloseWith1009() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        try await alice.wire.send(ClientMessage.data("echo") + [UInt8](repeating: 0, count: 5000))
        #expect(try await alice.wire.nextClose() == .close(code: 1009, reason: ""))
        try await server.stop()
    }
}

/// The seed document's reconnection patterns: awaiting the reconnection inside onLeave, and manual mode.
@Suite struct SeedReconnectionTests {
    @Test func onLeaveAwaitsTheReturningClientWhileTheRoomGoesOn() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", "seed_reconnection")
        let bob = try await JoinedClient.connect(server, try await server.reserveSeat("joinById", alice.seat.roomId))
        alice.wire.drop()
        _ = await HookLog.wait(for: "onLeave(false)", in: alice.seat.roomId)
        // onLeave is suspended in its await; the room still answers Bob.
        try await bob.wire.send(ClientMessage.data("ping"))
        #expect(try await bob.nextMessage().type == "pong")
        _ = try await JoinedClient.connect(server, alice.seat, query: "&reconnectionToken=\(alice.token)&skipHandshake=1")
        let log = await HookLog.wait(for: "back(true)", in: alice.seat.roomId)
        #expect(log.contains("back(true)"))
        #expect(!log.contains { $0.hasPrefix("gone") })
        try await server.stop()
    }

    @Test func onLeaveAwaitingTheReturnDoesNotHoldUpANewSocketWhileTheOldIsOpen() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", "seed_reconnection")
        // The old socket is still open; its onLeave holds the seat and awaits the very socket that replaces it.
        let back = try await JoinedClient.connect(server, alice.seat, query: "&reconnectionToken=\(alice.token)&skipHandshake=1")
        #expect(back.token != alice.token)
        #expect(try await alice.wire.nextClose() == .close(code: 4002, reason: ""))
        let log = await HookLog.wait(for: "back(true)", in: alice.seat.roomId)
        #expect(log == ["onLeave(false)", "back(true)"])
        try await server.stop()
    }

    @Test func manualModeEndsWithReject() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", "seed_reconnection", options: #"{"manual":true}"#)
        let bob = try await JoinedClient.connect(server, try await server.reserveSeat("joinById", alice.seat.roomId))
        alice.wire.drop()
        _ = await HookLog.wait(for: "onLeave(false)", in: alice.seat.roomId)
        try await Task.sleep(for: .milliseconds(300))
        #expect(!HookLog.entries(alice.seat.roomId).contains { $0.hasPrefix("gone") })  // no timeout in manual mode
        try await bob.wire.send(ClientMessage.data("reject"))
        let log = await HookLog.wait(for: "gone(rejected)", in: alice.seat.roomId)
        #expect(log.last == "gone(rejected)")
        // The seat is gone: the token no longer works.
        let late = try await server.connect(alice.seat, query: "&reconnectionToken=\(alice.token)")
        #expect(try await late.nextBinary().first == 0x0B)
        #expect(try await late.nextClose() == .close(code: 4003, reason: ""))
        try await server.stop()
    }

    @Test func anExpiredWaitThrowsInsideOnLeave() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", "seed_reconnection")
        alice.wire.drop()
        let log = await HookLog.wait(for: "gone(expired)", in: alice.seat.roomId, timeout: .seconds(6))
        #expect(log == ["onLeave(false)", "gone(expired)"])
        try await server.stop()
    }
}

/// Simulation interval, patch ticks (onBeforePatch), clock timers and metadata.
@Suite struct RoomTimingTests {
    struct Stats: Decodable {
        var simulationSteps: Int
        var patchTicks: Int
        var intervalRuns: Int
        var timeoutFired: Bool
        var shortestStepMilliseconds: Double
        var longestStepMilliseconds: Double
    }

    @Test func timersTicksAndSimulationRunOnTheRoom() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server, "create", "clocked")
        try await Task.sleep(for: .milliseconds(400))
        try await alice.wire.send(ClientMessage.data("stats"))
        let reply = try await alice.nextMessage()
        #expect(reply.type == "stats")
        let stats = try MessagePackDecoder().decode(Stats.self, from: reply.payload)
        // Generous bounds: the machine may be busy; the point is that each one runs, repeatedly.
        #expect(stats.simulationSteps >= 5)
        #expect(stats.patchTicks >= 3)
        #expect(stats.intervalRuns >= 4)
        #expect(stats.timeoutFired)
        // Steps queued behind a busy executor run back to back, so only positivity is certain.
        #expect(stats.shortestStepMilliseconds > 0 && stats.longestStepMilliseconds < 1000)

        guard case .array(let rooms)? = try await server.request("GET", "/matchmake/clocked").json else {
            Issue.record("no listing")
            return
        }
        #expect(rooms.first?["metadata"] == ["mode": "timed", "level": 4])  // merged, later keys win
        try await server.stop()
    }
}
