import ColyseusRedis
import ColyseusServer
import RedisTestSupport
import Synchronization
import Testing

/// Presence on a real redis-server (RedisPresence.swift): the semantics of LocalPresence's tests, shared
/// by two presences as two processes would, and calls that neither throw nor hang while Redis is down.
@Suite(.timeLimit(.minutes(2))) struct RedisPresenceTests {
    static func presence(_ server: RedisServer) throws -> RedisPresence {
        RedisPresence(try RedisConfiguration(url: server.url()))
    }

    @Test func keysAreSharedBetweenProcesses() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let one = try Self.presence(server), two = try Self.presence(server)
        #expect(await one.get("k") == nil)
        await one.set("k", "v1")
        #expect(await two.get("k") == "v1")
        #expect(await two.exists("k"))
        await two.del("k")
        #expect(await !one.exists("k"))
        #expect(await one.incr("n") == 1)
        #expect(await two.incr("n") == 2)
        #expect(await one.decr("n") == 1)
        #expect(await two.decr("down") == -1)
        await one.shutdown()
        await two.shutdown()
    }

    @Test func expiry() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let presence = try Self.presence(server)
        // Long enough that a loaded machine still reads the values before they expire.
        await presence.setex("temp", "v", seconds: 1.5)
        await presence.set("later", "v")
        await presence.expire("later", seconds: 1.5)
        await presence.expire("missing", seconds: 1.5)
        #expect(await presence.get("temp") == "v")
        #expect(await !presence.exists("missing"))
        try await Task.sleep(for: .milliseconds(2500))
        #expect(await presence.get("temp") == nil)
        #expect(await !presence.exists("later"))
        // SET drops a time to live.
        await presence.setex("kept", "a", seconds: 0.5)
        await presence.set("kept", "b")
        try await Task.sleep(for: .milliseconds(1000))
        #expect(await presence.get("kept") == "b")
        await presence.shutdown()
    }

    @Test func setsHashesLists() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let presence = try Self.presence(server)
        await presence.sadd("s", "a")
        await presence.sadd("s", "b")
        await presence.sadd("s", "a")
        await presence.sadd("t", "b")
        #expect(Set(await presence.smembers("s")) == ["a", "b"])
        #expect(await presence.scard("s") == 2)
        #expect(await presence.sismember("s", "a"))
        #expect(await presence.sinter(["s", "t"]) == ["b"])
        await presence.srem("s", "a")
        #expect(await !presence.sismember("s", "a"))

        await presence.hset("h", "f", "v")
        #expect(await presence.hincrby("h", "n", 5) == 5)
        #expect(await presence.hincrby("h", "n", -2) == 3)
        #expect(await presence.hget("h", "f") == "v")
        #expect(await presence.hgetall("h") == ["f": "v", "n": "3"])
        #expect(await presence.hlen("h") == 2)
        #expect(await presence.hdel("h", "f"))
        #expect(await !presence.hdel("h", "f"))

        #expect(await presence.rpush("l", ["a", "b"]) == 2)
        #expect(await presence.lpush("l", ["x", "y"]) == 4)  // y ends up first, as in Redis
        #expect(await presence.lpop("l") == "y")
        #expect(await presence.rpop("l") == "b")
        #expect(await presence.llen("l") == 2)
        #expect(await presence.lpop("empty") == nil)
        await presence.shutdown()
    }

    @Test func pubSubReachesEveryProcess() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let one = try Self.presence(server), two = try Self.presence(server)
        let received = Mutex<[String]>([])
        let first = await one.subscribe("chat") { message in received.withLock { $0.append("one:\(message["text"]?.stringValue ?? "?")") } }
        _ = await two.subscribe("chat") { message in received.withLock { $0.append("two:\(message["text"]?.stringValue ?? "?")") } }
        _ = await two.subscribe("room:7") { _ in }
        #expect(await one.channels(matching: "room:*") == ["room:7"])
        #expect(await one.channels(matching: nil).contains("chat"))

        #expect(await one.publish("chat", ["text": "hi", "n": 1]) == 2)
        for _ in 0..<100 where received.withLock({ $0.count }) < 2 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(Set(received.withLock { $0 }) == ["one:hi", "two:hi"])

        await one.unsubscribe(first)
        #expect(await two.publish("chat", ["text": "again"]) == 1)
        await two.unsubscribeAll("chat")
        #expect(await one.publish("chat", ["text": "nobody"]) == 0)
        await one.shutdown()
        await two.shutdown()
    }

    /// Redis down: every call answers its empty value at once (not after the 30 s timeout); back up: the
    /// same presence works again.
    @Test func redisDownAnswersEmptyThenRecovers() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        var configuration = try RedisConfiguration(url: server.url())
        configuration.commandTimeout = .seconds(30)
        configuration.connectTimeout = .seconds(30)
        let presence = RedisPresence(configuration)
        await presence.set("k", "v")
        await server.stop()
        let start = ContinuousClock.now
        #expect(await presence.get("k") == nil)
        #expect(await presence.incr("n") == 0)
        #expect(await presence.publish("t", "x") == 0)
        #expect(await presence.smembers("s").isEmpty)
        #expect(ContinuousClock.now - start < .seconds(10))
        try await server.restart()
        var attempts = 0
        while await presence.incr("n") != 1, attempts < 100 {
            attempts += 1
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(await presence.get("n") == "1")
        await presence.shutdown()
    }
}
