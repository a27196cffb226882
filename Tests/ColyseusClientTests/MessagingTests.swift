import ColyseusClient
import Testing

/// Messages both ways: string and integer types, typed payloads, the catch-all, raw bytes, server
/// errors, the async event sequences and the latency probe.
@Suite @MainActor
struct MessagingTests {
    @Test func messagesTravelBothWays() async throws {
        try await withGameServer { _, client in
            let room = try await client.joinOrCreate("game", state: GameState.self)
            var echoes: [MessagePackValue] = []
            var sevens: [MessagePackValue] = []
            var powerups: [Powerup] = []
            var empties: [MessagePackValue] = []
            var all: [String] = []
            var raw: [[UInt8]] = []
            var errors: [String] = []
            room.onMessage("echo") { echoes.append($0) }
            room.onMessage(7) { sevens.append($0) }
            room.onMessage("powerup", as: Powerup.self) { powerups.append($0) }
            room.onMessage("empty") { empties.append($0) }
            room.onAnyMessage { type, _ in all.append("\(type)") }
            room.onBytes("raw") { raw.append($0) }
            room.onError { code, message in errors.append("\(code) \(message)") }

            try room.send("echo", ["a": 1])
            try room.send(7, value: .int(42))
            try room.send("powerup")
            try room.send("empty")
            try room.sendBytes("raw", [1, 2, 3])
            try room.send("err", Failure(code: 4100, message: "bad move"))
            try room.send("whatever", "x")
            try await eventually("every answer") {
                echoes.count == 1 && sevens.count == 1 && powerups.count == 1 && empties.count == 1
                    && raw.count == 1 && errors.count == 1 && all.contains("unknown")
            }
            #expect(echoes == [["a": 1]])
            #expect(sevens == [42])
            #expect(powerups == [Powerup(kind: "speed", level: 2)])
            #expect(empties == [.nil])
            #expect(raw == [[3, 2, 1]])
            #expect(errors == ["4100 bad move"])
            #expect(all == ["echo", "7", "powerup", "empty", "unknown"])

            // A payload that does not decode as the requested type is reported, not dropped silently.
            room.onMessage("echo", as: Powerup.self) { powerups.append($0) }
            try room.send("echo", ["b": 2])
            try await eventually("the decoding error") { errors.count == 2 }
            #expect(errors.last?.hasPrefix("4217 the \"echo\" message does not decode as Powerup") == true)
            #expect(powerups.count == 1)

            #expect(throws: ClientError.unencodable("an empty message type")) { try room.send("") }
            #expect(await room.ping() != nil)
            await room.leave()
        }
    }

    @Test func eventSequencesDeliverInOrderAndEndWithTheLeave() async throws {
        try await withGameServer { _, client in
            let room = try await client.joinOrCreate("game", state: GameState.self)
            let events = room.events
            let moves = room.messages("echo", as: Move.self)
            let collected = Task {
                var seen: [RoomEvent] = []
                for await event in events {
                    if case .stateChanged(false) = event { continue }
                    seen.append(event)
                }
                return seen
            }
            let typed = Task {
                var seen: [Move] = []
                for await move in moves { seen.append(move) }
                return seen
            }
            try room.send("echo", Move(x: 1, y: 2))
            try room.sendBytes("raw", [9])
            var echoed = false
            room.onMessage("echo") { _ in echoed = true }
            try await eventually("the echo") { echoed }
            try await Task.sleep(for: .milliseconds(50))
            await room.leave()
            let seen = await collected.value
            #expect(seen == [
                .stateChanged(isFirstState: true),
                .message(type: "echo", payload: ["x": 1, "y": 2]),
                .bytes(type: "raw", bytes: [9]),
                .left(code: 4000, reason: ""),
            ])
            #expect(await typed.value == [Move(x: 1, y: 2)])
        }
    }

    @Test func removedListenersStopAndRemoveAllClearsThem() async throws {
        try await withGameServer { _, client in
            let room = try await client.joinOrCreate("game", state: GameState.self)
            var first = 0
            var second = 0
            let listener = room.onMessage("echo") { _ in first += 1 }
            room.onMessage("echo") { _ in second += 1 }
            try room.send("echo", 1)
            try await eventually("one echo") { second == 1 }
            listener.remove()
            try room.send("echo", 2)
            try await eventually("two echoes") { second == 2 }
            #expect(first == 1)
            room.removeAllListeners()
            var later = 0
            room.onMessage("echo") { _ in later += 1 }
            try room.send("echo", 3)
            try await eventually("the third echo") { later == 1 }
            #expect(second == 2)
            await room.leave()
        }
    }
}
