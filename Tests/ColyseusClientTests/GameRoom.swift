import ColyseusServer
import Foundation

/// The server side of the client tests: each message drives one kind of state change or reply.
final class GameRoom: Room<GameState> {
    override class func onAuth(token: String?, options: JSONValue, context: AuthContext) async throws -> (any Sendable)? {
        if options["refuse"] == true { throw ServerError(code: 4242, message: "refused by static onAuth") }
        return token
    }

    override func onCreate(options: JSONValue) async throws {
        setState(GameState())
        setPatchRate(.milliseconds(20))
        if let mode = options["mode"]?.stringValue { setMetadata(["mode": .string(mode), "level": 3]) }
        if options["private"] == true { setPrivate() }
        if options["noReconnection"] == true { holdsSeats = false }

        onMessage("move") { [unowned self] (client, move: Move) in
            state.players[client.sessionId]?.x = move.x
            state.players[client.sessionId]?.y = move.y
        }
        onMessage("phase") { [unowned self] _, value in
            state.phase = value.stringValue ?? ""
        }
        onMessage("score") { [unowned self] _, value in
            state.scores.append(value.doubleValue ?? 0)
        }
        onMessage("setScore") { [unowned self] _, value in
            if let index = value["index"]?.intValue, let score = value["value"]?.doubleValue { state.scores.replace(at: index, with: score) }
        }
        onMessage("popScore") { [unowned self] _ in _ = state.scores.popLast() }
        onMessage("clearScores") { [unowned self] _ in state.scores.removeAll() }
        onMessage("tag") { [unowned self] _, value in _ = state.tags.insert(value.stringValue ?? "") }
        onMessage("untag") { [unowned self] _, value in _ = state.tags.remove(value.stringValue ?? "") }
        onMessage("item") { [unowned self] client, value in
            let item = GameItem()
            item.label = value.stringValue ?? ""
            state.players[client.sessionId]?.items.append(item)
        }
        onMessage("lead") { [unowned self] client in state.leader = state.players[client.sessionId] }
        onMessage("unlead") { [unowned self] _ in state.leader = nil }
        onMessage("echo") { client, value in client.send("echo", value: value) }
        onMessage(7) { client, value in client.send(7, value: value) }
        onMessage("powerup") { client in try client.send("powerup", Powerup(kind: "speed", level: 2)) }
        onMessage("empty") { client in client.send("empty") }
        onMessage("err") { (client, failure: Failure) in client.error(code: failure.code, message: failure.message) }
        onMessage("kick") { (client, kick: Kick) in
            client.leave(code: kick.code.map { CloseCode(UInt16($0)) }, reason: kick.reason ?? "")
        }
        onBytes("raw") { client, bytes in client.sendBytes("raw", bytes.reversed()) }
        onMessage("*") { client, type, value in client.send("unknown", value: .string("\(type)")) }
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        if options["failJoin"] == true { throw ServerError(code: 4321, message: "no entry") }
        let player = GamePlayer()
        player.name = options["name"]?.stringValue ?? "anonymous"
        state.players[client.sessionId] = player
    }

    override func onDrop(_ client: Client, code: CloseCode) async throws {
        guard holdsSeats else { return try await onLeave(client, consented: false) }
        _ = allowReconnection(client, seconds: 10)
    }

    override func onLeave(_ client: Client, consented: Bool) async throws {
        state.players[client.sessionId] = nil
    }

    /// Whether a dropped client's seat is held for a reconnection (the `noReconnection` option turns it off).
    private var holdsSeats = true
}
