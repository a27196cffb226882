import DemoState
import Testing

/// The classic Colyseus room (Schemas/MyRoomState.schema) through the generated classes: players join,
/// move and leave on the server; a client decodes every patch.
@Suite("DemoState: MyRoomState")
struct MyRoomStateTests {
    /// A room: the server state with its encoder, and one client that joined at creation.
    final class Room {
        let state = MyRoomState()
        let encoder: StateEncoder
        let client = StateDecoder<MyRoomState>()

        init() throws {
            encoder = StateEncoder(state: state)
            try client.decode(encoder.encodeFullState())
        }

        /// Sends the pending changes to the client; returns the patch.
        @discardableResult
        func tick(sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
            let patch = try #require(encoder.encodePatch(), "a patch", sourceLocation: sourceLocation)
            try client.decode(patch)
            #expect(describe(client.state) == describe(state), "client state after the patch", sourceLocation: sourceLocation)
            return patch
        }

        func join(_ sessionId: String, x: Double = 0, y: Double = 0) -> Player {
            let player = Player()
            player.x = x
            player.y = y
            state.players[sessionId] = player
            return player
        }
    }

    @Test("join, move, leave: the client's state equals the server's after every patch")
    func classicFlow() throws {
        let room = try Room()
        #expect(describe(room.client.state) == "MyRoomState{players=map[]}")

        // Join: §8.17 shapes. Root section (still pending from creation) without header, the map
        // entry (index 0, key "a", refId 2), then the player's section.
        let a = room.join("a", x: 10, y: 20)
        #expect(try room.tick() == hex("80 01 ff 01 80 00 a1 61 02 ff 02 80 0a 81 14"))

        let b = room.join("b", x: 10.5, y: -3.25)
        try room.tick()
        #expect(room.client.refCount == 4, "root, players, two players")

        a.x = 1
        a.y = 2
        #expect(try room.tick() == hex("ff 02 80 01 81 02"))

        b.x = 100_000  // ce u32
        a.y = -200  // d1 i16
        b.y = 0.5
        try room.tick()

        // Leave: only the parent-level DELETE of index 0 is sent; the client releases the player.
        _ = room.state.players.removeValue(forKey: "a")
        #expect(try room.tick() == hex("ff 01 40 00"))
        #expect(room.client.refCount == 3)
        #expect(room.client.state.players["a"] == nil)

        let c = room.join("c", x: -1, y: -1)
        c.x = 5  // changed before the patch: sent once, with the latest value
        try room.tick()

        // b leaves and a rejoins with a fresh player: a new map index and a new refId.
        _ = room.state.players.removeValue(forKey: "b")
        let a2 = room.join("a", x: 7, y: 8)
        try room.tick()
        #expect(room.client.refCount == 4)
        #expect(room.client.state.players.keys == ["c", "a"])
        #expect(room.client.state.players["a"]?.x == 7)
        #expect(room.client.state.players["a"]?.y == 8)
        #expect(room.client.state.players["c"]?.x == 5)
        #expect(a2.refId != a.refId)

        #expect(room.encoder.encodePatch() == nil, "nothing left to send")
    }

    @Test("a client joining after the flow decodes the full state to the same state")
    func lateJoin() throws {
        let room = try Room()
        let a = room.join("a", x: 1, y: 2)
        _ = room.join("b", x: 3, y: 4)
        try room.tick()
        a.x = 11.5
        _ = room.state.players.removeValue(forKey: "b")
        _ = room.join("c", x: -3.25, y: 0)
        try room.tick()

        let fullState = room.encoder.encodeFullState()
        let late = StateDecoder<MyRoomState>()
        try late.decode(fullState)
        #expect(describe(late.state) == describe(room.state))
        #expect(describe(late.state) == describe(room.client.state))
        #expect(late.state.players.keys == ["a", "c"])
        #expect(late.refCount == 4)
        // Map entries keep their original indexes (§8.8): "c" is index 2, "b"'s index 1 stays a hole.
        #expect(contains(fullState, hex("ff 01 80 00 a1 61 02 80 02 a1 63")))

        // A full state decoded by a client that is already in sync changes nothing.
        let changes = try room.client.decode(fullState)
        #expect(describe(room.client.state) == describe(room.state))
        #expect(changes.isEmpty, "\(changes.map { "\($0.refId) \($0.field ?? $0.key?.description ?? "")" })")
    }

    @Test("the handshake: players is map<#1>, Player has two numbers")
    func handshake() throws {
        let encoder = StateEncoder(state: MyRoomState())
        #expect(encoder.types.types.map { $0.schemaName } == ["MyRoomState", "Player"])
        let bytes = encoder.encodeHandshake()
        let (types, rootType) = try ReflectedType.decodeHandshake(bytes)
        #expect(rootType == 0)
        #expect(describe(types) == [
            "0 extends -: 0:players:map<#1>",
            "1 extends -: 0:x:number 1:y:number",
        ])
        // Byte for byte as §9.3 builds it: Reflection 0, types 1; MyRoomState's ReflectionType 2, its
        // fields array 3, "players" 4; Player's ReflectionType 5, fields 6, "x" 7, "y" 8.
        #expect(bytes == hex("""
            80 01 \
            ff 01 80 00 02 80 01 05 \
            ff 02 82 03 80 00 \
            ff 03 80 00 04 \
            ff 04 80 a7 \(hex(utf8: "players")) 82 01 81 a3 \(hex(utf8: "map")) \
            ff 05 82 06 80 01 \
            ff 06 80 00 07 80 01 08 \
            ff 07 80 a1 78 81 a6 \(hex(utf8: "number")) \
            ff 08 80 a1 79 81 a6 \(hex(utf8: "number"))
            """))
    }
}
