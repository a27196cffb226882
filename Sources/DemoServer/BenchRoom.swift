import ColyseusServer
import DemoState

/// E1's room "bench": a join adds a player keyed by session id; "move" {x, y} sets its position;
/// patches at 20 Hz, no simulation interval.
final class BenchRoom: Room<ChurnState> {
    struct Move: Decodable {
        var x: Double
        var y: Double
    }

    override func onCreate(options: JSONValue) async throws {
        setState(ChurnState())
        onMessage("move") { [unowned self] (client, move: Move) in
            guard let player = state.players[client.sessionId] else { return }
            player.x = move.x
            player.y = move.y
        }
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        let player = ChurnPlayer()
        player.name = client.sessionId
        state.players[client.sessionId] = player
    }

    override func onLeave(_ client: Client, consented: Bool) async throws {
        state.players[client.sessionId] = nil
    }
}
