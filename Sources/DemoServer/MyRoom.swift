import ColyseusServer
import DemoState

/// The seed document's example room: players keyed by session id, moved by "move" messages.
final class MyRoom: Room<MyRoomState> {
    /// The payload of "move": a position delta.
    struct Move: Decodable {
        var x: Double
        var y: Double
    }

    override func onCreate(options: JSONValue) async throws {
        setState(MyRoomState())
        onMessage("move") { [unowned self] (client, move: Move) in
            guard let player = state.players[client.sessionId] else { return }
            player.x += move.x
            player.y += move.y
        }
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        state.players[client.sessionId] = Player()
    }

    override func onLeave(_ client: Client, consented: Bool) async throws {
        state.players[client.sessionId] = nil
    }
}
