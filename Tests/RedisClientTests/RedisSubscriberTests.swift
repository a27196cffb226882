import RedisClient
import RedisTestSupport
import Synchronization
import Testing

/// Pub/sub on its own connection (RedisSubscriber.swift) against a real redis-server.
@Suite(.timeLimit(.minutes(2))) struct RedisSubscriberTests {
    /// Messages received by handlers, for the test to wait on.
    final class Inbox: Sendable {
        private let messages = Mutex<[String]>([])
        func add(_ text: String) { messages.withLock { $0.append(text) } }
        var all: [String] { messages.withLock { $0 } }

        func wait(for count: Int) async throws -> [String] {
            for _ in 0..<100 where all.count < count { try await Task.sleep(for: .milliseconds(50)) }
            return all
        }
    }

    @Test("channels and patterns", arguments: [RedisConfiguration.ProtocolVersion.resp2, .resp3])
    func channelsAndPatterns(_ version: RedisConfiguration.ProtocolVersion) async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        var configuration = try RedisConfiguration(url: server.url())
        configuration.protocolVersion = version
        let subscriber = RedisSubscriber(configuration)
        let publisher = RedisClient(configuration)
        let inbox = Inbox()
        let exact = await subscriber.subscribe(.channel("news")) { inbox.add("news:\($0.channel):\($0.text)") }
        #expect(exact.isConfirmed)
        let second = await subscriber.subscribe(.channel("news")) { inbox.add("again:\($0.text)") }
        let pattern = await subscriber.subscribe(.pattern("room:*")) { inbox.add("pattern:\($0.channel):\($0.text)") }
        #expect(pattern.isConfirmed)

        #expect(try await publisher.send(["PUBLISH", "news", "hello"]).integer == 1)
        #expect(try await publisher.send(["PUBLISH", "room:42", "moved"]).integer == 1)
        #expect(try await publisher.send(["PUBLISH", "elsewhere", "nobody"]).integer == 0)
        #expect(try await inbox.wait(for: 3) == ["news:news:hello", "again:hello", "pattern:room:42:moved"])

        // One handler less: the channel stays subscribed for the other.
        await subscriber.unsubscribe(second)
        try await publisher.send(["PUBLISH", "news", "second"])
        #expect(try await inbox.wait(for: 4).last == "news:news:second")
        // The last handler gone: Redis stops delivering.
        await subscriber.unsubscribe(exact)
        await subscriber.unsubscribeAll(.pattern("room:*"))
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await publisher.send(["PUBSUB", "NUMSUB", "news"]).elements?.last?.integer == 0)
        #expect(try await publisher.send(["PUBLISH", "room:1", "x"]).integer == 0)
        await subscriber.shutdown()
        await publisher.shutdown()
    }

    /// After the server restarts, the subscriber subscribes again to everything by itself.
    @Test func resubscribesAfterReconnecting() async throws {
        let server = try await RedisServer.start()
        defer { server.kill() }
        let configuration = try RedisConfiguration(url: server.url())
        let subscriber = RedisSubscriber(configuration)
        let publisher = RedisClient(configuration)
        let inbox = Inbox()
        await subscriber.subscribe(.channel("events")) { inbox.add($0.text) }
        try await publisher.send(["PUBLISH", "events", "before"])
        #expect(try await inbox.wait(for: 1) == ["before"])

        await server.stop()
        // While Redis is down, a new subscription waits no longer than the command timeout and is kept.
        let pending = await subscriber.subscribe(.channel("later")) { inbox.add("later:\($0.text)") }
        #expect(!pending.isConfirmed)
        try await server.restart()
        for _ in 0..<100 {
            if let count = try? await publisher.send(["PUBLISH", "events", "after"]).integer, count == 1 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await publisher.send(["PUBLISH", "later", "works"])
        #expect(try await inbox.wait(for: 3) == ["before", "after", "later:works"])
        await subscriber.shutdown()
        await publisher.shutdown()
    }
}
