import Foundation
import NIOCore
import NIOPosix
import RedisClient
import RedisTestSupport
import Synchronization
import Testing

/// The client against a real redis-server (RedisClient.swift, RedisConnection.swift): commands in
/// RESP2 and RESP3, pipelining, AUTH and SELECT from the URL, timeouts, reconnection, malformed replies.
@Suite(.timeLimit(.minutes(2))) struct RedisClientTests {
    static func client(_ url: String, _ change: (inout RedisConfiguration) -> Void = { _ in }) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: url)
        change(&configuration)
        return RedisClient(configuration)
    }

    @Test("commands", arguments: [RedisConfiguration.ProtocolVersion.resp2, .resp3])
    func commands(_ version: RedisConfiguration.ProtocolVersion) async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let redis = try Self.client(server.url()) { $0.protocolVersion = version }
        #expect(try await redis.send(["SET", "greeting", "héllo"]) == .simpleString("OK"))
        #expect(try await redis.send(["GET", "greeting"]).string == "héllo")
        #expect(try await redis.send(["GET", "missing"]) == .null)
        #expect(try await redis.send(["INCRBY", "n", "41"]).integer == 41)
        try await redis.send(["HSET", "h", "a", "1", "b", "2"])
        let hash = try await redis.send(["HGETALL", "h"])
        // RESP3 answers a map, RESP2 a flat array; elements reads both the same way.
        #expect(version == .resp3 ? hash.elements?.count == 4 && { if case .map = hash { true } else { false } }() : hash == .array(["a", "1", "b", "2"].map { .bulkString(Array($0.utf8)) }))
        await #expect(throws: RedisError.server("ERR value is not an integer or out of range")) { try await redis.send(["INCR", "greeting"]) }
        await redis.shutdown()
        await #expect(throws: RedisError.shutDown) { try await redis.send(["PING"]) }
    }

    @Test func pipeliningKeepsOrder() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let redis = try Self.client(server.url())
        let replies = try await redis.pipeline((0..<1000).map { _ in ["INCR", "counter"] })
        #expect(replies.map(\.integer) == (1...1000).map { $0 })
        // An error reply is the value of its command only.
        let mixed = try await redis.pipeline([["SET", "s", "x"], ["INCR", "s"], ["GET", "s"]])
        #expect(mixed[1] == .error("ERR value is not an integer or out of range"))
        #expect(mixed[2].string == "x")
        // Concurrent senders share the connection; each gets its own reply.
        let values = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await redis.send(["SET", "k\(index)", "v\(index)"])
                    return (index, try await redis.send(["GET", "k\(index)"]).string)
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(values.count == 200 && values.allSatisfy { $0.value == "v\($0.key)" })
        await redis.shutdown()
    }

    @Test("password from the URL", arguments: [RedisConfiguration.ProtocolVersion.resp2, .resp3])
    func passwordFromTheURL(_ version: RedisConfiguration.ProtocolVersion) async throws {
        let server = try await RedisServer.start(password: "p@ss word")
        defer { server.kill() }
        let authorized = try Self.client("redis://:p%40ss%20word@127.0.0.1:\(server.port)") { $0.protocolVersion = version }
        #expect(try await authorized.send(["PING"]).string == "PONG")
        await authorized.shutdown()

        let wrong = try Self.client("redis://:nope@127.0.0.1:\(server.port)") { $0.protocolVersion = version }
        await #expect { try await wrong.send(["PING"]) } throws: { error in
            guard case RedisError.server(let message) = error else { return false }
            return message.hasPrefix("WRONGPASS")
        }
        await wrong.shutdown()

        let anonymous = try Self.client("redis://127.0.0.1:\(server.port)") { $0.protocolVersion = .resp2 }
        await #expect { try await anonymous.send(["GET", "k"]) } throws: { error in
            guard case RedisError.server(let message) = error else { return false }
            return message.hasPrefix("NOAUTH")
        }
        await anonymous.shutdown()
    }

    @Test func databaseFromTheURL() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let three = try Self.client(server.url(database: 3))
        let zero = try Self.client(server.url(database: 0))
        try await three.send(["SET", "where", "db3"])
        #expect(try await three.send(["GET", "where"]).string == "db3")
        #expect(try await zero.send(["GET", "where"]) == .null)
        #expect(try await three.send(["CLIENT", "INFO"]).string?.contains(" db=3 ") == true)
        await three.shutdown()
        await zero.shutdown()
    }

    /// A server that stops answering: the command fails after the timeout, and the client recovers.
    @Test func timeoutThenRecovery() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let admin = try Self.client(server.url())
        let redis = try Self.client(server.url()) { $0.commandTimeout = .milliseconds(300) }
        #expect(try await redis.send(["PING"]).string == "PONG")
        try await admin.send(["CLIENT", "PAUSE", "1500", "ALL"])
        let start = ContinuousClock.now
        await #expect(throws: RedisError.timeout(command: "GET with 1 arguments", seconds: 0.3)) { try await redis.send(["GET", "k"]) }
        #expect(ContinuousClock.now - start < .seconds(1))
        try await eventually { try await redis.send(["PING"]).string == "PONG" }
        await admin.shutdown()
        await redis.shutdown()
    }

    /// Server gone: commands fail at once, never wait for a timeout; back on the same port: the client
    /// reconnects by itself. (Timeouts of 30 s: a failure in less than 10 s did not come from them.)
    @Test func reconnectsAfterTheServerRestarts() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let redis = try Self.client(server.url()) {
            $0.commandTimeout = .seconds(30)
            $0.connectTimeout = .seconds(30)
        }
        try await redis.send(["SET", "k", "1"])
        await server.stop()
        let start = ContinuousClock.now
        for _ in 0..<5 {
            await #expect(throws: RedisError.self) { try await redis.send(["GET", "k"]) }
        }
        #expect(ContinuousClock.now - start < .seconds(10), "failures are immediate while the server is down")
        try await server.restart()
        try await eventually { (try? await redis.send(["PING"]).string) == "PONG" }
        #expect(await redis.isConnected)
        // Restarted without persistence: the key is gone, and nothing of the failure remains.
        #expect(try await redis.send(["GET", "k"]) == .null)
        await redis.shutdown()
    }

    @Test func unreachableServerFailsFast() async throws {
        let redis = RedisClient(RedisConfiguration(port: try RedisServer.freePort(), connectTimeout: .seconds(30), commandTimeout: .seconds(30)))
        let start = ContinuousClock.now
        await #expect { try await redis.send(["PING"]) } throws: { error in
            guard case RedisError.unavailable(let reason) = error else { return false }
            return reason.contains("cannot connect to 127.0.0.1")
        }
        await #expect(throws: RedisError.self) { try await redis.send(["PING"]) }
        #expect(ContinuousClock.now - start < .seconds(10))
        await redis.shutdown()
    }

    /// Bytes that are not RESP fail the command with the parse error, and the connection is dropped.
    @Test func malformedReplyIsAThrownError() async throws {
        let fake = try await ScriptedRedis.start(reply: "+OK\r\n")
        defer { fake.stop() }
        let redis = RedisClient(RedisConfiguration(port: fake.port, protocolVersion: .resp2))
        #expect(try await redis.send(["PING"]) == .simpleString("OK"))
        fake.nextReply("?garbage\r\n")
        await #expect(throws: RedisError.malformedReply(RESPParseError(offset: 0, reason: "unknown type byte 0x3f"))) { try await redis.send(["PING"]) }
        await redis.shutdown()
    }

    func eventually(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<100 {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("condition not met within 5 s")
    }
}

/// A TCP server on 127.0.0.1 that answers every received chunk with a scripted reply.
final class ScriptedRedis: Sendable {
    let port: Int
    private let channel: any Channel
    private let replies: Replies

    private init(port: Int, channel: any Channel, replies: Replies) {
        self.port = port
        self.channel = channel
        self.replies = replies
    }

    static func start(reply first: String) async throws -> ScriptedRedis {
        let replies = Replies(text: Mutex(first))
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Answerer(replies: replies)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedRedis(port: channel.localAddress?.port ?? 0, channel: channel, replies: replies)
    }

    /// What the server answers from now on.
    func nextReply(_ text: String) { replies.text.withLock { $0 = text } }

    func stop() { channel.close(promise: nil) }

    final class Replies: Sendable {
        let text: Mutex<String>
        init(text: consuming Mutex<String>) { self.text = text }
    }

    final class Answerer: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let replies: Replies
        init(replies: Replies) { self.replies = replies }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let text = replies.text.withLock { $0 }
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
        }
    }
}
