import ColyseusClient
import ColyseusTesting
import DemoState
import Foundation
import Testing

/// The demo server's "cards" room (its contract for outside checks), run as the real `demo-server`
/// process: two Swift clients each see every player's name and card count and only their own hand,
/// and no frame a third (raw) client receives carries another player's cards.
@Suite @MainActor
struct CardsRoomTests {
    @Test func eachClientSeesOnlyItsOwnHand() async throws {
        let server = try await DemoServerProcess.start()
        let endpoint = "ws://127.0.0.1:\(server.port)"
        let ann = try await ColyseusClient.Client(endpoint).joinOrCreate("cards", options: ["name": "ann"], state: CardsState.self)
        let bob = try await ColyseusClient.Client(endpoint).joinOrCreate("cards", state: CardsState.self)
        #expect(ann.roomId == bob.roomId)
        let eve = try await RawCardsClient.join(port: server.port, roomId: ann.roomId)
        let annId = ann.sessionId, bobId = bob.sessionId

        try await eventually("both players in both states") {
            ann.state.players.count == 3 && bob.state.players.count == 3
        }
        try ann.send("draw")
        try await eventually("ann's draw reached both") {
            ann.state.players[annId]?.handCount == 4 && bob.state.players[annId]?.handCount == 4
        }

        // Ann: her own four cards, nobody else's; every name and count.
        #expect(ann.state.players[annId]?.hand.elements == (1...4).map { "\(annId)-\($0)" })
        #expect(ann.state.players[annId]?.name == "ann")
        #expect(ann.state.players[bobId]?.hand.elements == [])
        #expect(ann.state.players[bobId]?.handCount == 3)
        #expect(ann.state.players[bobId]?.name == bobId, "no name option: the session id")
        // Bob: his own three, none of Ann's.
        #expect(bob.state.players[bobId]?.hand.elements == (1...3).map { "\(bobId)-\($0)" })
        #expect(bob.state.players[annId]?.hand.elements == [])
        #expect(bob.state.players[annId]?.name == "ann")

        // Eve's frames (full state and every patch up to the draw): her own cards, never the others'.
        let frames = try await eve.stateFramesUntilQuiet()
        let seen = frames.joined()
        #expect(seen.contains("\(eve.sessionId)-1"), "Eve's own cards reach her")
        #expect(!seen.contains("\(annId)-"), "none of Ann's cards reach Eve")
        #expect(!seen.contains("\(bobId)-"), "none of Bob's cards reach Eve")

        await ann.leave()
        await bob.leave()
        await server.stop()
    }
}

/// The `demo-server` executable built beside the tests, started on a free port and stopped (SIGTERM)
/// at the end of the test. Starting and stopping wait without blocking a thread: these tests run on the
/// main actor, which other suites' clients need meanwhile.
struct DemoServerProcess {
    let process: ChildProcess
    let port: Int

    static func start() async throws -> DemoServerProcess {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("demo-server")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            print("skipped: \(executable.path) is not built (swift build builds it; swift test --filter may not)")
            try Test.cancel("demo-server is not built")
        }
        let process = try ChildProcess(executable.path, ["--host", "127.0.0.1", "--port", "0", "--log-level", "error"])
        for _ in 0..<400 {
            let text = process.output
            if let range = text.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
                let port = Int(text[range].split(separator: ":").last ?? "")
            {
                return DemoServerProcess(process: process, port: port)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        let output = process.output
        process.forceStop()
        throw ConditionTimeout(description: "demo-server did not say where it listens: \(output)")
    }

    func stop() async {
        await process.stop()
    }
}

/// A raw WebSocket client of the cards room: joins by id, acknowledges, and collects the state frames.
struct RawCardsClient {
    let wire: WireClient
    let sessionId: String

    static func join(port: Int, roomId: String) async throws -> RawCardsClient {
        let response = try await HTTPTestClient.send(
            port: port, method: "POST", path: "/matchmake/joinById/\(roomId)",
            headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
        let seat = try JSONDecoder().decode(SeatReservation.self, from: Data(response.body))
        let wire = try await WireClient.connect(port: port, path: "/\(seat.processId)/\(seat.roomId)?sessionId=\(seat.sessionId)")
        let joinRoom = try await wire.nextBinary()
        #expect(joinRoom.first == 0x0A, "JOIN_ROOM")
        try await wire.send([0x0A])
        return RawCardsClient(wire: wire, sessionId: seat.sessionId)
    }

    /// The ROOM_STATE and ROOM_STATE_PATCH frames received until the room is quiet for half a second,
    /// as ASCII text (for substring checks); then the connection is dropped.
    func stateFramesUntilQuiet() async throws -> [String] {
        var frames: [String] = []
        while true {
            guard let frame = try? await wire.nextBinary(timeout: .milliseconds(500)) else { break }
            guard frame.first == 0x0E || frame.first == 0x0F else { continue }
            frames.append(String(decoding: frame, as: Unicode.ASCII.self))
        }
        wire.drop()
        return frames
    }
}
