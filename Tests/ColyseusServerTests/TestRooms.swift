import ColyseusNIO
import ColyseusServer
import ColyseusTesting
import Foundation
import Synchronization
import VectorStates

/// Hook calls of every test room, by room id, in order: what lifecycle tests assert on.
enum HookLog {
    private static let entries = Mutex<[String: [String]]>([:])

    static func record(_ roomId: String, _ entry: String) {
        entries.withLock { $0[roomId, default: []].append(entry) }
    }

    static func entries(_ roomId: String) -> [String] {
        entries.withLock { $0[roomId] ?? [] }
    }

    /// Waits until `roomId`'s log contains `entry` (or `timeout` passes); returns the log.
    static func wait(for entry: String, in roomId: String, timeout: Duration = .seconds(5)) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if entries(roomId).contains(entry) { break }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return entries(roomId)
    }
}

/// A plain failure, as a JavaScript `throw new Error(...)`.
struct PlainError: Error, CustomStringConvertible {
    let description: String
}

/// The reference captures' "wire" room: options drive its configuration; messages exercise every send path.
class WireRoom: Room<WireState> {
    struct Move: Decodable {
        var x: Double
        var y: Double
    }

    struct Welcome: Encodable {
        var you: String
    }

    struct Failure: Decodable {
        var code: Int
        var msg: String
    }

    struct News: Encodable {
        var n: Int
    }

    struct Stream: Decodable {
        var count: Int
        var size: Int
    }

    override func onCreate(options: JSONValue) async throws {
        if let code = options["failCreate"]?.intValue { throw ServerError(code: code, message: "custom failure \(code)") }
        if options["failCreate"] == "plain" { throw PlainError(description: "plain failure in onCreate") }
        HookLog.record(roomId, "onCreate")
        setState(WireState())
        state.round = 1
        if options["lock"]?.boolValue == true { lock() }
        if options["private"]?.boolValue == true { setPrivate() }
        if let max = options["max"]?.intValue { maxClients = max }
        if let seconds = options["seat"]?.doubleValue { setSeatReservationTime(.milliseconds(Int64(seconds * 1000))) }
        if let rate = options["patchRate"]?.intValue { setPatchRate(rate == 0 ? nil : .milliseconds(rate)) }
        if let limit = options["rateLimit"]?.intValue { maxMessagesPerSecond = limit }
        if let seconds = options["reconnect"]?.doubleValue { reconnectionSeconds = seconds }

        onMessage("move") { [unowned self] (client, move: Move) in
            state.players[client.sessionId]?.x = move.x
            state.players[client.sessionId]?.y = move.y
        }
        onMessage(5) { client, message in
            client.send(5, value: message)
        }
        onMessage("echo") { client, message in
            if case .undefined = message { client.send("echo") } else { client.send("echo", value: message) }
        }
        onBytes("raw") { client, bytes in
            client.sendBytes("rawback", bytes)
        }
        onBytes(9) { client, bytes in
            client.sendBytes(9, bytes)
        }
        onMessage("err") { (client, failure: Failure) in
            client.error(code: failure.code, message: failure.msg)
        }
        onMessage("kick") { client, kick in
            // {code, reason}, or {} for a close without status (as the captures' room).
            let code = kick["code"]?.intValue.map { CloseCode(UInt16($0)) }
            client.leave(code: code, reason: kick["reason"]?.stringValue ?? "")
        }
        onMessage("leaveNoCode") { client in
            client.leave()
        }
        onMessage("bcast") { [unowned self] client in
            state.round += 1
            try broadcast("news", News(n: Int(state.round)), afterNextPatch: true)
            try broadcast("now", "immediate")
        }
        onMessage("others") { [unowned self] client in
            try broadcast("hello", Welcome(you: client.sessionId), except: [client])
        }
        onMessage("patchNow") { [unowned self] client in
            state.round += 1
            let sent = broadcastPatch()
            client.send("patched", value: .bool(sent))
        }
        onMessage("lock") { [unowned self] _ in lock() }
        onMessage("unlock") { [unowned self] _ in unlock() }
        onMessage("disconnectall") { [unowned self] _ in
            await disconnect()
        }
        onMessage("throw") { _ in
            throw PlainError(description: "handler failure")
        }
        onMessage("stream") { [unowned self] (_, stream: Stream) in
            // `count` blobs of `size` bytes to everyone, one every 5 ms.
            let blob = [UInt8](repeating: 0xAB, count: stream.size)
            var sent = 0
            var timer: RoomClock.Timer?
            timer = clock.setInterval(.milliseconds(5)) { [unowned self] in
                broadcastBytes("blob", blob)
                sent += 1
                if sent == stream.count { timer?.clear() }
            }
        }
    }

    override func onAuth(_ client: Client, options: JSONValue, context: AuthContext) async throws -> Any? {
        HookLog.record(roomId, "onAuth")
        return client.auth
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        HookLog.record(roomId, "onJoin")
        if options["throwInJoin"] == true { throw PlainError(description: "boom in onJoin") }
        if let code = options["throwCodeInJoin"]?.intValue { throw ServerError(code: code, message: "coded boom in onJoin") }
        let player = WirePlayer()
        player.name = options["name"]?.stringValue ?? "anon"
        state.players[client.sessionId] = player
        try client.send("welcome", Welcome(you: client.sessionId))
    }

    override func onDrop(_ client: Client, code: CloseCode) async throws {
        HookLog.record(roomId, "onDrop(\(code))")
        allowReconnection(client, seconds: reconnectionSeconds)
    }

    override func onReconnect(_ client: Client) async throws {
        HookLog.record(roomId, "onReconnect")
        try client.send("welcomeback", Welcome(you: client.sessionId))
    }

    override func onLeave(_ client: Client, consented: Bool) async throws {
        HookLog.record(roomId, "onLeave(\(consented))")
        state.players[client.sessionId] = nil
    }

    override func onDispose() async throws {
        try await Task.sleep(for: .milliseconds(20))  // an async onDispose is awaited
        HookLog.record(roomId, "onDispose")
    }

    override func onUncaughtError(_ error: any Error, in source: RoomErrorSource, client: Client?) {
        HookLog.record(roomId, "error(\(source)): \(error)")
    }

    /// How long a dropped client's seat is held: 8 s as in the captures, or the `reconnect` option.
    private var reconnectionSeconds = 8.0
}

/// The wire room with a static onAuth: token "good" accepted, "throw" refused with 418.
final class AuthRoom: WireRoom {
    override class func onAuth(token: String?, options: JSONValue, context: AuthContext) async throws -> (any Sendable)? {
        switch token {
        case "good": return "user-1"
        case "throw": throw ServerError(code: 418, message: "teapot auth")
        default: throw ServerError.authFailed
        }
    }
}

/// The wire room with an instance onAuth (WebSocket phase): token "good" accepted.
final class InstanceAuthRoom: WireRoom {
    override func onAuth(_ client: Client, options: JSONValue, context: AuthContext) async throws -> Any? {
        guard context.token == "good" else { throw ServerError.authFailed }
        return "instance-user"
    }
}

/// A room without state that echoes every message type through the "*" handlers.
final class NoStateRoom: Room<WireState> {
    override func onCreate(options: JSONValue) async throws {
        onMessage("*") { client, type, message in
            client.send(type, value: message)
        }
        onBytes("*") { client, type, bytes in
            client.sendBytes(type, bytes)
        }
    }
}

extension TestServer {
    /// A server with the captures' room types.
    static func withTestRooms(configuration: GameServer.Configuration = .init()) async throws -> TestServer {
        try await TestServer.start(configuration: configuration) { server in
            server.define("wire", WireRoom.self)
            server.define("auth_room", AuthRoom.self)
            server.define("iauth_room", InstanceAuthRoom.self)
            server.define("filtered", WireRoom.self, filterBy: ["mode"])
            server.define("nostate", NoStateRoom.self)
            server.define("seed_reconnection", SeedReconnectionRoom.self)
            server.define("clocked", ClockedRoom.self)
            server.define("loop_check", LoopCheckRoom.self)
        }
    }
}

/// The seed document's reconnection example: no onDrop; onLeave awaits allowReconnection (the room
/// keeps processing other events meanwhile), or, in "manual" mode, waits until another client sends
/// "reject".
final class SeedReconnectionRoom: Room<WireState> {
    private var manual = false
    private var pending: [Reconnection] = []

    override func onCreate(options: JSONValue) async throws {
        setState(WireState())
        manual = options["manual"] == true
        onMessage("reject") { [unowned self] _ in
            for reconnection in pending { reconnection.reject() }
        }
        onMessage("ping") { client in
            client.send("pong")
        }
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        state.players[client.sessionId] = WirePlayer()
    }

    override func onLeave(_ client: Client, consented: Bool) async throws {
        HookLog.record(roomId, "onLeave(\(consented))")
        do {
            guard !consented else { throw PlainError(description: "consented leave") }
            let reconnection = manual ? allowReconnection(client) : allowReconnection(client, seconds: 2)
            pending.append(reconnection)
            let back = try await reconnection.reconnectedClient
            HookLog.record(roomId, "back(\(back.sessionId == client.sessionId))")
        } catch {
            HookLog.record(roomId, "gone(\(error))")
            state.players[client.sessionId] = nil
        }
    }
}

/// A room that counts its simulation steps, patch ticks and clock timers, and reports them on "stats".
final class ClockedRoom: Room<WireState> {
    struct Stats: Encodable {
        var simulationSteps = 0
        var patchTicks = 0
        var intervalRuns = 0
        var timeoutFired = false
        var shortestStepMilliseconds = Double.infinity
        var longestStepMilliseconds = 0.0
    }

    private var stats = Stats()

    override func onCreate(options: JSONValue) async throws {
        setState(WireState())
        setMetadata(["mode": "timed", "level": 3])
        setMetadata(["level": 4])
        setSimulationInterval(.milliseconds(20)) { [unowned self] delta in
            stats.simulationSteps += 1
            let milliseconds = delta / .milliseconds(1)
            stats.shortestStepMilliseconds = min(stats.shortestStepMilliseconds, milliseconds)
            stats.longestStepMilliseconds = max(stats.longestStepMilliseconds, milliseconds)
        }
        clock.setInterval(.milliseconds(30)) { [unowned self] in stats.intervalRuns += 1 }
        clock.setTimeout(.milliseconds(100)) { [unowned self] in stats.timeoutFired = true }
        onMessage("stats") { [unowned self] client in
            try client.send("stats", stats)
        }
    }

    override func onBeforePatch() async throws {
        stats.patchTicks += 1
    }
}
