import ColyseusServer
import DemoState

/// The room "cards": every player sees every player's name and card count, and only its own cards
/// (the `@view` field `hand`, visible through the client's own ``StateView``).
///
/// - join (option "name", else the session id): a player keyed by session id holding
///   "<sessionId>-1" ... "<sessionId>-3"; the client's view holds its own player.
/// - "draw" (no payload): appends "<sessionId>-<handCount + 1>" and increments handCount.
final class CardsRoom: Room<CardsState> {
    override func onCreate(options: JSONValue) async throws {
        setState(CardsState())
        onMessage("draw") { [unowned self] (client: Client) in
            guard let player = state.players[client.sessionId] else { return }
            player.hand.append("\(client.sessionId)-\(Int(player.handCount) + 1)")
            player.handCount += 1
        }
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        let player = CardPlayer()
        player.name = options["name"]?.stringValue ?? client.sessionId
        for card in 1...3 { player.hand.append("\(client.sessionId)-\(card)") }
        player.handCount = 3
        state.players[client.sessionId] = player
        let view = StateView()
        view.add(player)
        client.view = view
    }

    override func onLeave(_ client: Client, consented: Bool) async throws {
        state.players[client.sessionId] = nil
    }
}
