import RedisClient
import Testing

/// `redis://` URLs (RedisConfiguration.swift).
@Suite struct RedisConfigurationTests {
    @Test func fullURL() throws {
        let configuration = try RedisConfiguration(url: "redis://:s%40cret@cache.internal:6380/3")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6380)
        #expect(configuration.username == nil)
        #expect(configuration.password == "s@cret")
        #expect(configuration.database == 3)
    }

    @Test func defaults() throws {
        let configuration = try RedisConfiguration(url: "redis://127.0.0.1")
        #expect(configuration.port == 6379)
        #expect(configuration.database == 0)
        #expect(configuration.password == nil)
        #expect(try RedisConfiguration(url: "redis://localhost:7000/").database == 0)
    }

    @Test func userAndPasswordOrPasswordAlone() throws {
        let withUser = try RedisConfiguration(url: "redis://game:pw@h:1/0")
        #expect(withUser.username == "game")
        #expect(withUser.password == "pw")
        #expect(try RedisConfiguration(url: "redis://pw@h").password == "pw")
    }

    @Test func ipv6Host() throws {
        let configuration = try RedisConfiguration(url: "redis://[::1]:6390/2")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 6390)
        #expect(configuration.database == 2)
    }

    @Test func badURLsSayWhyWithoutThePassword() {
        let cases: [(String, String)] = [
            ("http://h:1", "bad Redis URL http://h:1: it must start with redis://"),
            ("redis://:secret@h:0", "bad Redis URL redis://***@h:0: bad port \"0\""),
            ("redis://h:port", "bad Redis URL redis://h:port: bad port \"port\""),
            ("redis://h:6379/db1", "bad Redis URL redis://h:6379/db1: the database must be a number, not \"db1\""),
            ("redis://:pw@", "bad Redis URL redis://***@: no host"),
            ("redis://[::1", "bad Redis URL redis://[::1: unclosed [ in the host"),
        ]
        for (url, message) in cases {
            #expect(throws: Error.self) { try RedisConfiguration(url: url) }
            do {
                _ = try RedisConfiguration(url: url)
            } catch {
                #expect(error.description == message)
            }
        }
    }
}
