import ColyseusClient
import Testing

/// The client checks the server's reflection handshake against its generated classes (PROTOCOL.md §9).
@Suite @MainActor
struct HandshakeCheckTests {
    @Test func theSameClassesPass() throws {
        let handshake = StateEncoder(state: GameState()).encodeHandshake()
        try StateDecoder<GameState>().verifyHandshake(handshake)
    }

    @Test func otherClassesNameTheFirstDifference() throws {
        let handshake = StateEncoder(state: GamePlayer()).encodeHandshake()
        #expect(throws: SchemaDecodingError.self) { try StateDecoder<GameState>().verifyHandshake(handshake) }
        do {
            try StateDecoder<GameState>().verifyHandshake(handshake)
        } catch {
            #expect("\(error)".contains("GameState"))
        }
    }

    @Test func joiningWithTheWrongStateClassFails() async throws {
        try await withGameServer { _, client in
            await #expect(throws: ClientError.self) {
                _ = try await client.joinOrCreate("game", state: GamePlayer.self)
            }
            // The refused session left the room: a correct client still gets a clean room.
            let room = try await client.joinOrCreate("game", state: GameState.self)
            try await eventually("one player") { room.state.players.count == 1 }
            await room.leave()
        }
    }
}
