import ColyseusServer
import DemoState

/// A room that answers every kind of client message, so a client SDK can check each part of the protocol
/// against this server end to end (the C++ SDK's tests join it): messages with string and integer types,
/// raw bytes, typed payloads, ERROR frames, kicks, both authentication paths, and refused creations and joins.
final class EchoRoom: Room<MyRoomState> {
    /// The payload of "move": a position delta, as in `my_room`.
    struct Move: Decodable {
        var x: Double
        var y: Double
    }

    /// The payload of "err": the ERROR frame to send back.
    struct Failure: Decodable {
        var code: Int
        var message: String
    }

    /// The payload of "kick": the close code and reason (no code: a close frame without status).
    struct Kick: Decodable {
        var code: Int?
        var reason: String?
    }

    /// The answer to "powerup".
    struct Powerup: Encodable {
        var kind: String
        var level: Int
    }

    /// Sent on join: the token each channel carried (the matchmaking request's `Authorization: Bearer`, the
    /// WebSocket's `_authToken`).
    struct TokensSeen: Encodable {
        var http: String
        var socket: String
    }

    /// What a creation refused by the `failCreate` option throws: an error without a code (523).
    struct CreationRefused: Error, CustomStringConvertible {
        var description: String { "creation refused by the failCreate option" }
    }

    /// What a join refused by `failJoin: "plain"` throws: an error without a code (526).
    struct JoinRefused: Error, CustomStringConvertible {
        var description: String { "join refused by the failJoin option" }
    }

    /// The static `onAuth`: the token "bad" is refused (525).
    override class func onAuth(token: String?, options: JSONValue, context: AuthContext) async throws -> (any Sendable)? {
        if token == "bad" { throw ServerError.authFailed }
        return token
    }

    /// The instance `onAuth`: keeps both tokens for the "auth" message.
    override func onAuth(_ client: Client, options: JSONValue, context: AuthContext) async throws -> Any? {
        TokensSeen(http: client.auth as? String ?? "", socket: context.token ?? "")
    }

    override func onCreate(options: JSONValue) async throws {
        if options["failCreate"] == true { throw CreationRefused() }
        setState(MyRoomState())
        onMessage("move") { [unowned self] (client, move: Move) in
            state.players[client.sessionId]?.x += move.x
            state.players[client.sessionId]?.y += move.y
        }
        onMessage("echo") { client, value in client.send("echo", value: value) }
        onMessage(7) { client, value in client.send(7, value: value) }
        onMessage("powerup") { client in try client.send("powerup", Powerup(kind: "speed", level: 2)) }
        onMessage("err") { (client, failure: Failure) in client.error(code: failure.code, message: failure.message) }
        onMessage("kick") { (client, kick: Kick) in
            client.leave(code: kick.code.map { CloseCode(UInt16($0)) }, reason: kick.reason ?? "")
        }
        onMessage("*") { client, type, _ in client.send("unknown", value: .string("\(type)")) }
        onBytes("raw") { client, bytes in client.sendBytes("raw", bytes.reversed()) }
        onBytes(9) { client, bytes in client.sendBytes(9, bytes) }
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        if options["failJoin"] == "coded" { throw ServerError(code: 4321, message: "no entry") }
        if options["failJoin"] == "plain" { throw JoinRefused() }
        state.players[client.sessionId] = Player()
        if let tokens = auth as? TokensSeen { try client.send("auth", tokens) }
    }

    override func onLeave(_ client: Client, consented: Bool) async throws {
        state.players[client.sessionId] = nil
    }
}
