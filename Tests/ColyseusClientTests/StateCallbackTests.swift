import ColyseusClient
import Testing

/// Schema callbacks on a joined room: fields, maps, arrays, sets and child refs; immediate semantics,
/// no double firing, removal.
@Suite @MainActor
struct StateCallbackTests {
    @Test func fieldsAndMapsReportEachChangeOnce() async throws {
        try await withGameServer { _, client in
            let room = try await client.joinOrCreate("game", options: ["name": "alice"], state: GameState.self)
            let callbacks = room.callbacks
            var log: [String] = []
            callbacks.listen(\.phase) { phase, previous in log.append("phase \(previous ?? "-") -> \(phase)") }
            callbacks.onAdd(\.players) { player, key in
                log.append("add \(player.name)")
                callbacks.listen(\.x, on: player) { x, _ in log.append("\(player.name).x = \(x)") }
                callbacks.onAdd(\.items, on: player) { item, index in log.append("\(player.name) item \(index) \(item.label)") }
            }
            callbacks.onRemove(\.players) { player, _ in log.append("remove \(player.name)") }
            var leaders: [String] = []
            callbacks.listen(\.leader) { leader, _ in leaders.append(leader?.name ?? "nobody") }

            // The first patch repeats the join (PROTOCOL.md §6.1): nothing fires twice.
            try await eventually("the first patches") { log.contains("add alice") }
            try await Task.sleep(for: .milliseconds(100))
            #expect(log == ["phase - -> waiting", "add alice", "alice.x = 0.0"])

            log.removeAll()
            try room.send("phase", "playing")
            try room.send("move", Move(x: 5, y: 1))
            try room.send("item", "sword")
            try room.send("lead")
            try await eventually("the changes") { log.count == 3 && leaders.count == 2 }
            #expect(Set(log) == ["phase waiting -> playing", "alice.x = 5.0", "alice item 0 sword"])
            #expect(leaders == ["nobody", "alice"])

            log.removeAll()
            let bob = try await client.joinOrCreate("game", options: ["name": "bob"], state: GameState.self)
            try await eventually("bob") { log.contains("add bob") }
            // Registered later, with immediate: reports what is there without reporting it again afterwards.
            var present: [String] = []
            let listener = callbacks.onAdd(\.players) { player, _ in present.append(player.name) }
            #expect(present.sorted() == ["alice", "bob"])
            await bob.leave()
            try await eventually("bob's removal") { log.contains("remove bob") }
            #expect(present.sorted() == ["alice", "bob"])
            listener.remove()

            try room.send("unlead")
            try await eventually("no leader") { leaders.count == 3 }
            #expect(leaders.last == "nobody")
            await room.leave()
        }
    }

    @Test func arraysAndSetsReportAddsChangesAndRemovals() async throws {
        try await withGameServer { _, client in
            let room = try await client.joinOrCreate("game", state: GameState.self)
            let callbacks = room.callbacks
            var log: [String] = []
            callbacks.onAdd(\.scores) { score, index in log.append("add \(index)=\(score)") }
            callbacks.onChange(\.scores) { index, score in log.append("change \(index)=\(score.map { "\($0)" } ?? "nil")") }
            callbacks.onRemove(\.scores) { score, index in log.append("remove \(index)=\(score)") }
            callbacks.onAdd(\.tags) { tag, _ in log.append("tag \(tag)") }
            callbacks.onRemove(\.tags) { tag, _ in log.append("untag \(tag)") }

            for score in [1.0, 2, 3] { try room.send("score", score) }
            try await eventually("three scores") { room.state.scores.count == 3 }
            #expect(log == ["add 0=1.0", "change 0=1.0", "add 1=2.0", "change 1=2.0", "add 2=3.0", "change 2=3.0"])

            log.removeAll()
            try room.send("setScore", ["index": 1, "value": 20])
            try await eventually("the replaced score") { log.count == 1 }
            #expect(log == ["change 1=20.0"])

            log.removeAll()
            try room.send("popScore")
            try await eventually("the popped score") { log.count == 2 }
            #expect(Set(log) == ["remove 2=3.0", "change 2=nil"])

            log.removeAll()
            try room.send("clearScores")
            try await eventually("the cleared scores") { log.count == 4 }
            #expect(Set(log) == ["remove 0=1.0", "change 0=nil", "remove 1=20.0", "change 1=nil"])

            log.removeAll()
            try room.send("tag", "red")
            try await eventually("the tag") { log == ["tag red"] }
            try room.send("untag", "red")
            try await eventually("the untag") { log == ["tag red", "untag red"] }
            await room.leave()
        }
    }

    @Test func removedCallbacksStopAndInstanceChangesFireOncePerPatch() async throws {
        try await withGameServer { _, client in
            let room = try await client.joinOrCreate("game", state: GameState.self)
            try await eventually("the first state") { room.state.players[room.sessionId] != nil }
            let player = try #require(room.state.players[room.sessionId])
            var xs: [Double] = []
            var changes = 0
            let listener = room.callbacks.listen(\.x, on: player, immediate: false) { x, _ in xs.append(x) }
            room.callbacks.onChange(player) { changes += 1 }
            try room.send("move", Move(x: 1, y: 1))
            try await eventually("the move") { xs == [1] }
            #expect(changes == 1)  // x and y in one patch: one instance change
            listener.remove()
            try room.send("move", Move(x: 2, y: 2))
            try await eventually("the second move") { changes == 2 }
            #expect(xs == [1])
            await room.leave()
        }
    }
}
