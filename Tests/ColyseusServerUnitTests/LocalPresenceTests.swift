import Testing

@testable import ColyseusServer

/// The in-process Presence (Presence/LocalPresence.swift): Redis semantics for keys, sets, hashes, lists and pub/sub.
@Suite struct LocalPresenceTests {
    // MARK: keys

    @Test func setGetDelExists() async {
        let presence = LocalPresence()
        #expect(await presence.get("k") == nil)
        #expect(await !presence.exists("k"))
        await presence.set("k", "v1")
        await presence.set("k", "v2")
        #expect(await presence.get("k") == "v2")
        #expect(await presence.exists("k"))
        await presence.del("k")
        #expect(await presence.get("k") == nil)
        #expect(await !presence.exists("k"))
        await presence.del("never")  // deleting a missing key is harmless
    }

    @Test func incrAndDecrStartFromZero() async {
        let presence = LocalPresence()
        #expect(await presence.incr("up") == 1)
        #expect(await presence.incr("up") == 2)
        #expect(await presence.get("up") == "2")
        #expect(await presence.decr("down") == -1)
        #expect(await presence.decr("down") == -2)
        #expect(await presence.get("down") == "-2")
        await presence.set("n", "41")
        #expect(await presence.incr("n") == 42)
        #expect(await presence.decr("n") == 41)
    }

    @Test func delRemovesEveryKindOfValue() async {
        let presence = LocalPresence()
        await presence.sadd("s", "m")
        #expect(await presence.exists("s"))
        await presence.hset("h", "f", "v")
        #expect(await presence.exists("h"))
        _ = await presence.rpush("l", ["x"])
        #expect(await presence.exists("l"))
        for key in ["s", "h", "l"] { await presence.del(key) }
        #expect(await presence.smembers("s").isEmpty)
        #expect(await presence.hgetall("h").isEmpty)
        #expect(await presence.llen("l") == 0)
        for key in ["s", "h", "l"] { #expect(await !presence.exists(key)) }
    }

    @Test func setexExpires() async throws {
        let presence = LocalPresence()
        // Long enough that a loaded CI machine still reads the value before it expires.
        await presence.setex("temp", "v", seconds: 1)
        #expect(await presence.get("temp") == "v")
        try await Task.sleep(for: .milliseconds(2_000))
        #expect(await presence.get("temp") == nil)
        #expect(await !presence.exists("temp"))
    }

    @Test func expireDeletesAnyKind() async throws {
        let presence = LocalPresence()
        await presence.set("value", "v")
        await presence.sadd("set", "m")
        await presence.hset("hash", "f", "v")
        _ = await presence.rpush("list", ["a"])
        await presence.set("kept", "v")
        for key in ["value", "set", "hash", "list"] { await presence.expire(key, seconds: 1) }
        #expect(await presence.exists("set"))
        try await Task.sleep(for: .milliseconds(2_000))
        for key in ["value", "set", "hash", "list"] { #expect(await !presence.exists(key), "\(key)") }
        #expect(await presence.get("kept") == "v")
    }

    /// A new expiry replaces the pending one.
    @Test func expireAgainReplacesTheTimer() async throws {
        let presence = LocalPresence()
        await presence.setex("k", "v", seconds: 0.05)
        await presence.expire("k", seconds: 60)
        try await Task.sleep(for: .milliseconds(300))
        #expect(await presence.get("k") == "v")
        await presence.shutdown()
    }

    /// As Redis: SET and DEL drop a key's time to live, so the new value stays.
    @Test func setAndDelClearAPendingExpiry() async throws {
        let presence = LocalPresence()
        await presence.setex("overwritten", "old", seconds: 0.05)
        await presence.set("overwritten", "new")
        await presence.setex("deleted", "old", seconds: 0.05)
        await presence.del("deleted")
        await presence.set("deleted", "new")
        try await Task.sleep(for: .milliseconds(300))
        #expect(await presence.get("overwritten") == "new")
        #expect(await presence.get("deleted") == "new")
    }

    /// As Redis: EXPIRE on a missing key does nothing (a value set later is not deleted).
    @Test func expireOnAMissingKeyDoesNothing() async throws {
        let presence = LocalPresence()
        await presence.expire("later", seconds: 0.05)
        await presence.set("later", "v")
        try await Task.sleep(for: .milliseconds(300))
        #expect(await presence.get("later") == "v")
    }

    /// Other writes keep the time to live (INCR, SADD on an expiring key).
    @Test func otherWritesKeepTheExpiry() async throws {
        let presence = LocalPresence()
        await presence.setex("counter", "1", seconds: 0.05)
        #expect(await presence.incr("counter") == 2)
        await presence.sadd("members", "a")
        await presence.expire("members", seconds: 0.05)
        await presence.sadd("members", "b")
        #expect(await presence.scard("members") == 2)
        try await Task.sleep(for: .milliseconds(300))
        #expect(await presence.get("counter") == nil)
        #expect(await !presence.exists("members"))
    }

    /// shutdown cancels pending expiries.
    @Test func shutdownCancelsExpiries() async throws {
        let presence = LocalPresence()
        await presence.setex("k", "v", seconds: 0.05)
        await presence.shutdown()
        try await Task.sleep(for: .milliseconds(300))
        #expect(await presence.get("k") == "v")
    }

    // MARK: sets

    @Test func sets() async {
        let presence = LocalPresence()
        #expect(await presence.scard("s") == 0)
        #expect(await presence.smembers("s").isEmpty)
        await presence.sadd("s", "a")
        await presence.sadd("s", "b")
        await presence.sadd("s", "a")
        #expect(await presence.scard("s") == 2)
        #expect(await Set(presence.smembers("s")) == ["a", "b"])
        #expect(await presence.sismember("s", "a"))
        #expect(await !presence.sismember("s", "c"))
        #expect(await !presence.sismember("other", "a"))
        await presence.srem("s", "a")
        await presence.srem("s", "zzz")
        await presence.srem("missing", "a")
        #expect(await presence.smembers("s") == ["b"])
        #expect(await presence.scard("s") == 1)
    }

    @Test func sinterIsAnIntersection() async {
        let presence = LocalPresence()
        for member in ["a", "b", "c", "d"] { await presence.sadd("s1", member) }
        for member in ["d", "c", "x"] { await presence.sadd("s2", member) }
        for member in ["c", "d", "b"] { await presence.sadd("s3", member) }
        #expect(await Set(presence.sinter(["s1", "s2"])) == ["c", "d"])
        #expect(await Set(presence.sinter(["s2", "s1"])) == ["c", "d"])
        #expect(await Set(presence.sinter(["s1", "s2", "s3"])) == ["c", "d"])
        #expect(await Set(presence.sinter(["s1"])) == ["a", "b", "c", "d"])
        #expect(await presence.sinter(["s1", "missing"]).isEmpty)
        #expect(await presence.sinter(["missing", "s1"]).isEmpty)
        #expect(await presence.sinter([]).isEmpty)
        // Each member once, even when the same set is named twice.
        #expect(await presence.sinter(["s2", "s2"]).sorted() == ["c", "d", "x"])
    }

    // MARK: hashes

    @Test func hashes() async {
        let presence = LocalPresence()
        #expect(await presence.hget("h", "f") == nil)
        #expect(await presence.hlen("h") == 0)
        await presence.hset("h", "f1", "v1")
        await presence.hset("h", "f2", "v2")
        await presence.hset("h", "f1", "v1b")
        #expect(await presence.hget("h", "f1") == "v1b")
        #expect(await presence.hgetall("h") == ["f1": "v1b", "f2": "v2"])
        #expect(await presence.hlen("h") == 2)
        #expect(await presence.hdel("h", "f1"))
        #expect(await !presence.hdel("h", "f1"))
        #expect(await !presence.hdel("missing", "f1"))
        #expect(await presence.hgetall("h") == ["f2": "v2"])
        #expect(await presence.hlen("h") == 1)
    }

    @Test func hincrby() async {
        let presence = LocalPresence()
        #expect(await presence.hincrby("h", "n", 5) == 5)
        #expect(await presence.hincrby("h", "n", -7) == -2)
        #expect(await presence.hget("h", "n") == "-2")
        await presence.hset("h", "m", "10")
        #expect(await presence.hincrby("h", "m", 1) == 11)
        #expect(await presence.hlen("h") == 2)
    }

    // MARK: lists

    @Test func rpushAppendsInOrder() async {
        let presence = LocalPresence()
        #expect(await presence.rpush("l", ["a", "b"]) == 2)
        #expect(await presence.rpush("l", ["c"]) == 3)
        #expect(await presence.llen("l") == 3)
        #expect(await presence.lpop("l") == "a")
        #expect(await presence.rpop("l") == "c")
        #expect(await presence.lpop("l") == "b")
        #expect(await presence.lpop("l") == nil)
        #expect(await presence.rpop("l") == nil)
        #expect(await presence.llen("l") == 0)
    }

    /// `lpush l a b c` leaves `c b a`: each value is pushed at the head in turn.
    @Test func lpushPutsTheLastValueFirst() async {
        let presence = LocalPresence()
        #expect(await presence.lpush("l", ["a", "b", "c"]) == 3)
        #expect(await presence.lpush("l", ["d"]) == 4)
        var popped: [String] = []
        while let value = await presence.lpop("l") { popped.append(value) }
        #expect(popped == ["d", "c", "b", "a"])
    }

    @Test func popFromMissingLists() async {
        let presence = LocalPresence()
        #expect(await presence.lpop("none") == nil)
        #expect(await presence.rpop("none") == nil)
        #expect(await presence.llen("none") == 0)
        #expect(await presence.lpush("e", []) == 0)
    }

    // MARK: pub/sub

    @Test func publishReachesSubscribersInSubscriptionOrder() async {
        let presence = LocalPresence()
        let log = Locked<[String]>([])
        for name in ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh"] {
            _ = await presence.subscribe("t") { message in log.withLock { $0.append("\(name):\(message.stringValue ?? "?")") } }
        }
        _ = await presence.subscribe("other") { _ in log.withLock { $0.append("other") } }
        await presence.publish("t", "hello")
        #expect(log.value == [
            "first:hello", "second:hello", "third:hello", "fourth:hello", "fifth:hello", "sixth:hello", "seventh:hello",
            "eighth:hello", "ninth:hello", "tenth:hello", "eleventh:hello",
        ])
        await presence.publish("nobody", "x")
        #expect(log.value.count == 11)
    }

    @Test func publishDeliversTheMessage() async {
        let presence = LocalPresence()
        let received = Locked<[JSONValue]>([])
        _ = await presence.subscribe("t") { message in received.withLock { $0.append(message) } }
        await presence.publish("t", ["roomId": "R1", "n": 2])
        await presence.publish("t", nil)
        #expect(received.value == [["roomId": "R1", "n": 2], nil])
    }

    @Test func unsubscribe() async {
        let presence = LocalPresence()
        let log = Locked<[String]>([])
        let a = await presence.subscribe("t") { _ in log.withLock { $0.append("a") } }
        let b = await presence.subscribe("t") { _ in log.withLock { $0.append("b") } }
        #expect(a != b)
        #expect(a.topic == "t")
        await presence.unsubscribe(a)
        await presence.publish("t", 1)
        #expect(log.value == ["b"])
        #expect(await presence.channels(matching: nil) == ["t"])
        await presence.unsubscribe(b)
        await presence.unsubscribe(b)  // twice is harmless
        await presence.publish("t", 2)
        #expect(log.value == ["b"])
        #expect(await presence.channels(matching: nil).isEmpty)
    }

    @Test func unsubscribeAll() async {
        let presence = LocalPresence()
        let log = Locked<[String]>([])
        _ = await presence.subscribe("t") { _ in log.withLock { $0.append("t1") } }
        _ = await presence.subscribe("t") { _ in log.withLock { $0.append("t2") } }
        _ = await presence.subscribe("u") { _ in log.withLock { $0.append("u") } }
        await presence.unsubscribeAll("t")
        await presence.publish("t", 1)
        await presence.publish("u", 1)
        #expect(log.value == ["u"])
        #expect(await presence.channels(matching: nil) == ["u"])
    }

    @Test func shutdownDropsSubscribers() async {
        let presence = LocalPresence()
        let log = Locked<Int>(0)
        _ = await presence.subscribe("t") { _ in log.withLock { $0 += 1 } }
        await presence.shutdown()
        await presence.publish("t", 1)
        #expect(log.value == 0)
        #expect(await presence.channels(matching: nil).isEmpty)
    }

    @Test func channelsWithGlobPatterns() async {
        let presence = LocalPresence()
        for topic in ["room:abc", "room:abd", "room:x", "lobby", "Room:Upper", "$room"] {
            _ = await presence.subscribe(topic) { _ in }
        }
        #expect(await presence.channels(matching: nil) == ["$room", "Room:Upper", "lobby", "room:abc", "room:abd", "room:x"])
        #expect(await presence.channels(matching: "*") == ["$room", "Room:Upper", "lobby", "room:abc", "room:abd", "room:x"])
        #expect(await presence.channels(matching: "room:*") == ["Room:Upper", "room:abc", "room:abd", "room:x"])
        #expect(await presence.channels(matching: "room:ab?") == ["room:abc", "room:abd"])
        #expect(await presence.channels(matching: "ROOM:?") == ["room:x"])
        #expect(await presence.channels(matching: "*b*") == ["lobby", "room:abc", "room:abd"])
        #expect(await presence.channels(matching: "lobby") == ["lobby"])
        #expect(await presence.channels(matching: "lob") == [])
        #expect(await presence.channels(matching: "?") == [])
    }

    @Test func glob() {
        #expect(Glob.matches("", pattern: ""))
        #expect(Glob.matches("", pattern: "*"))
        #expect(Glob.matches("", pattern: "**"))
        #expect(!Glob.matches("", pattern: "?"))
        #expect(!Glob.matches("a", pattern: ""))
        #expect(Glob.matches("abc", pattern: "a*c"))
        #expect(Glob.matches("ac", pattern: "a*c"))
        #expect(!Glob.matches("ab", pattern: "a*c"))
        #expect(Glob.matches("abcbc", pattern: "a*bc"))
        #expect(Glob.matches("aXbYc", pattern: "a*b*c"))
        #expect(!Glob.matches("aXbY", pattern: "a*b*c"))
        #expect(Glob.matches("abc", pattern: "???"))
        #expect(!Glob.matches("abcd", pattern: "???"))
        #expect(Glob.matches("ABC", pattern: "a?c"))
        #expect(Glob.matches("abc", pattern: "A*"))
        #expect(Glob.matches("ÉTÉ", pattern: "été"))
        #expect(Glob.matches("x*y", pattern: "x*y"))
    }
}
