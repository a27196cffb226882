import ColyseusClient
import SchemaTestSupport
import Testing
import VectorStates

/// The reference vectors of Tests/Fixtures/vectors/schema through the client's room path: a server plays
/// each case's JOIN_ROOM (with the reference handshake, which the client checks against its classes),
/// full state and patches over a real WebSocket; after every frame the room's state must be the
/// vector's decoded state, and the callbacks must report what changed.
@Suite @MainActor
struct VectorReplayTests {
    @Test func everyVectorReachesItsDecodedStates() async throws {
        let names = try SchemaVector.fileNames().filter { $0 != "_upstream-bugs.json" }.map { String($0.dropLast(5)) }
        #expect(names.count == 14)
        for name in names {
            let vector = try SchemaVector.load(name)
            switch name {
            case "arrayOfPrimitives": _ = try await replay(vector, as: ArrayPrimState.self)
            case "arrayOfSchemas": _ = try await replay(vector, as: ArraySchemaState.self)
            case "childSchema": _ = try await replay(vector, as: ChildState.self)
            case "inheritance": _ = try await replay(vector, as: InheritState.self)
            case "instanceSharing": _ = try await replay(vector, as: SharedState.self)
            case "joinBetweenPatches", "mapOfSchemas": _ = try await replay(vector, as: MapState.self)
            case "manyFields": _ = try await replay(vector, as: ManyState.self)
            case "numberEncodings": _ = try await replay(vector, as: NumberBox.self)
            case "primitives": _ = try await replay(vector, as: Primitives.self)
            case "roomState", "roomStateFromPatchOnly": _ = try await replay(vector, as: MyRoomState.self)
            case "setAndCollection": _ = try await replay(vector, as: SetCollState.self)
            case "strings": _ = try await replay(vector, as: StringBox.self)
            default: Issue.record("no state class for the vector \(name)")
            }
        }
    }

    /// Map callbacks rebuild both maps of mapOfSchemas exactly, frame after frame.
    @Test func mapCallbacksMirrorTheMaps() async throws {
        var players: [String: String] = [:]
        var scores: [String: Double] = [:]
        var mirrors: [String] = []
        _ = try await replay(try SchemaVector.load("mapOfSchemas"), as: MapState.self) { room in
            room.callbacks.onAdd(\.players) { player, key in players[key] = player.name ?? "" }
            room.callbacks.onRemove(\.players) { _, key in players[key] = nil }
            room.callbacks.onChange(\.scores) { key, score in scores[key] = score }
            room.onStateChange { _, _ in
                mirrors.append("\(players.sorted { $0.key < $1.key }) \(scores.sorted { $0.key < $1.key })")
            }
        } check: { room, frame in
            let expectedPlayers = room.state.players.keys.sorted()
            #expect(players.keys.sorted() == expectedPlayers, "\(frame.description)")
            #expect(scores == Dictionary(uniqueKeysWithValues: room.state.scores.map { ($0.key, $0.value) }), "\(frame.description)")
        }
        #expect(mirrors.count == 11)
    }

    /// A child field's listener fires exactly when the field points to another instance or none.
    @Test func childFieldListenersFireOnReplacement() async throws {
        var fired: [Int] = []
        var frame = 0
        _ = try await replay(try SchemaVector.load("childSchema"), as: ChildState.self) { room in
            room.callbacks.listen(\.child) { _, _ in fired.append(frame) }
            room.onStateChange { _, _ in frame += 1 }
        }
        // Frames: 0 full state, 3 replaced, 4 deleted, 5 new again, 7 moved from `other`.
        #expect(fired == [0, 3, 4, 5, 7])
    }

    /// Plays `vector` to a client joined with `State`, calling `register` right after the join and
    /// `check` after each frame's state change; compares each state with the frame's decoded state.
    private func replay<State: Schema>(
        _ vector: SchemaVector, as _: State.Type,
        register: (Room<State>) -> Void = { _ in },
        check: @escaping (Room<State>, SchemaVector.Frame) -> Void = { _, _ in }
    ) async throws -> Room<State> {
        let frames = vector.frames.map { frame in
            [frame.kind == "encodeAll" ? ProtocolCode.roomState.rawValue : ProtocolCode.roomStatePatch.rawValue] + Hex.decode(frame.hex)
        }
        var joinRoom = ByteWriter()
        joinRoom.joinRoomFrame(reconnectionToken: "tok", serializer: "schema", handshake: Hex.decode(vector.handshake))
        let server = try await ScriptedServer.start(joinRoom: joinRoom.bytes, frames: frames)
        defer { server.stop() }
        let client = try Client("ws://127.0.0.1:\(server.port)")
        let room = try await client.consumeSeatReservation(
            SeatReservation(name: vector.name, sessionId: "session", roomId: "room", processId: "process"), state: State.self
        )
        var states: [JSONValue] = []
        room.onStateChange { state, _ in
            states.append(StateJSON.value(state))
            check(room, vector.frames[states.count - 1])
        }
        register(room)
        try await eventually("\(vector.name): \(vector.frames.count) states") { states.count == vector.frames.count }
        for (position, frame) in vector.frames.enumerated() {
            #expect(states[position] == frame.decoded, "\(vector.name) frame \(position): \(frame.description)")
        }
        room.onError { code, message in Issue.record("\(vector.name): error \(code) \(message)") }
        return room
    }
}
