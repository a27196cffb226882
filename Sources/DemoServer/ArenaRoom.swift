import ColyseusServer
import DemoState

/// A room that keeps a dropped player's seat for 20 seconds, and announces each round after the
/// patch that carries it (so clients read the new state before the announcement).
final class ArenaRoom: Room<ArenaState> {
    /// The payload of "score".
    struct Score: Decodable {
        var points: Double
    }

    /// The payload of the "round" announcement.
    struct RoundAnnouncement: Encodable {
        var round: Int
        var leader: String
    }

    override func onCreate(options: JSONValue) async throws {
        setState(ArenaState())
        maxClients = options["maxClients"]?.intValue ?? 8
        setMetadata(["mode": options["mode"] ?? "casual"])
        onMessage("score") { [unowned self] (client, score: Score) in
            state.players[client.sessionId]?.score += score.points
            state.round += 1
            let leader = state.players.max { $0.value.score < $1.value.score }?.key ?? client.sessionId
            try broadcast("round", RoundAnnouncement(round: Int(state.round), leader: leader), afterNextPatch: true)
        }
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        let player = ArenaPlayer()
        player.name = options["name"]?.stringValue ?? "anonymous"
        state.players[client.sessionId] = player
    }

    override func onDrop(_ client: Client, code: CloseCode) async throws {
        state.players[client.sessionId]?.connected = false
        allowReconnection(client, seconds: 20)
    }

    override func onReconnect(_ client: Client) async throws {
        state.players[client.sessionId]?.connected = true
        client.send("welcomeBack")
    }

    override func onLeave(_ client: Client, consented: Bool) async throws {
        state.players[client.sessionId] = nil
    }
}
