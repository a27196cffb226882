import Testing

@testable import ColyseusNIO

/// What the server reads from the WebSocket request target (PROTOCOL.md §3.1, §3.3, §3.5), as the reference reads
/// it: the path with `/\/[a-zA-Z0-9_\-]+\/([a-zA-Z0-9_\-]+)$/`, the query with URLSearchParams.
@Suite struct ConnectionURLTests {
    /// The URLs of §3.1.
    @Test func sdkURLs() {
        let join = ConnectionURL("/mcWqk-_cU/8zBJWLy_z?sessionId=Cv6pqAzT6")
        #expect(join == expected(roomId: "8zBJWLy_z", sessionId: "Cv6pqAzT6"))
        #expect(!join.isLatencyProbe)

        #expect(ConnectionURL("/mcWqk-_cU/8zBJWLy_z?sessionId=28zfVq7z6&skipHandshake=1")
            == expected(roomId: "8zBJWLy_z", sessionId: "28zfVq7z6", skipHandshake: true))
        #expect(ConnectionURL("/FrNqFORPs/2I3lI1uJ8?sessionId=XXISVU2zj&_authToken=good")
            == expected(roomId: "2I3lI1uJ8", sessionId: "XXISVU2zj", authToken: "good"))
        #expect(ConnectionURL("/rpuhZcv6G/RaZ8-mcO9?sessionId=OJHi-27l3&reconnectionToken=DZIuD0-qn&skipHandshake=true")
            == expected(roomId: "RaZ8-mcO9", sessionId: "OJHi-27l3", reconnectionToken: "DZIuD0-qn", skipHandshake: true))
        #expect(ConnectionURL("/rpuhZcv6G/RaZ8-mcO9?sessionId=OJHi-27l3&reconnectionToken=4M8uDadMw")
            == expected(roomId: "RaZ8-mcO9", sessionId: "OJHi-27l3", reconnectionToken: "4M8uDadMw"))
    }

    @Test func latencyProbe() {
        for target in ["/", "", "/?", "/?foo=bar", "/onlyone", "/one/", "/a.b/c?x=1"] {
            let url = ConnectionURL(target)
            #expect(url.roomId == nil, "\(target)")
            #expect(url.isLatencyProbe, "\(target)")
        }
        // An empty session id is none (the reference tests `!sessionId`).
        #expect(ConnectionURL("/?sessionId=").isLatencyProbe)
        #expect(ConnectionURL("/?sessionId").isLatencyProbe)
        // A session id alone, or a room path alone, is not a probe.
        #expect(!ConnectionURL("/?sessionId=abc").isLatencyProbe)
        #expect(!ConnectionURL("/p/r").isLatencyProbe)
    }

    /// The room id is the last of the two final segments; the process id segment only has to look like an id, and
    /// anything may come before it (the endpoint's pathname).
    @Test func roomIdIsTheLastOfTwoFinalSegments() {
        #expect(ConnectionURL("/p/r").roomId == "r")
        #expect(ConnectionURL("/anotherProcess/room_1-x").roomId == "room_1-x")
        #expect(ConnectionURL("/game/api/p/r?sessionId=s").roomId == "r")
        #expect(ConnectionURL("/we ird/p/r").roomId == "r")
        #expect(ConnectionURL("//p/r").roomId == "r")
        #expect(ConnectionURL("/0/9").roomId == "9")
    }

    @Test func segmentsMustBeIdentifiers() {
        for target in ["/p/r/", "/p/r.x", "/p.x/r", "/p//r", "//r", "/p/r%20", "/p/ré", "/p/r!", "/p/r~"] {
            #expect(ConnectionURL(target).roomId == nil, "\(target)")
        }
    }

    /// `skipHandshake` counts by presence, whatever its value (verified with the reference: `=0` still skips).
    @Test(arguments: ["skipHandshake", "skipHandshake=", "skipHandshake=0", "skipHandshake=false", "skipHandshake=1"])
    func skipHandshakeByPresence(_ query: String) {
        #expect(ConnectionURL("/p/r?sessionId=s&\(query)").skipHandshake)
        #expect(ConnectionURL("/p/r?\(query)&sessionId=s").sessionId == "s")
    }

    @Test func noSkipHandshake() {
        #expect(!ConnectionURL("/p/r?sessionId=s").skipHandshake)
        #expect(!ConnectionURL("/p/r?sessionId=s&skiphandshake=1").skipHandshake)
        #expect(!ConnectionURL("/p/r?sessionId=s&skipHandshakeX=1").skipHandshake)
        #expect(!ConnectionURL("/p/r").skipHandshake)
    }

    @Test func queryValues() {
        let url = ConnectionURL("/p/r?x=1&sessionId=S&&reconnectionToken=T&_authToken=A&other&=v")
        #expect(url == expected(roomId: "r", sessionId: "S", reconnectionToken: "T", authToken: "A"))
        // A key without `=` has the empty value.
        #expect(ConnectionURL("/p/r?_authToken").authToken == "")
        // Only the first `=` separates.
        #expect(ConnectionURL("/p/r?_authToken=a=b==").authToken == "a=b==")
        // Keys are case-sensitive.
        #expect(ConnectionURL("/p/r?SessionId=S&authToken=A").sessionId == nil)
        #expect(ConnectionURL("/p/r?SessionId=S&authToken=A").authToken == nil)
    }

    @Test func percentDecoding() {
        #expect(ConnectionURL("/p/r?_authToken=a%20b%2Fc%3D%26").authToken == "a b/c=&")
        #expect(ConnectionURL("/p/r?_authToken=%C3%A5lice%E2%9C%93").authToken == "ålice✓")
        #expect(ConnectionURL("/p/r?reconnectionToken=%41%62").reconnectionToken == "Ab")
        #expect(ConnectionURL("/p/r?sessionId=s%2Dx").sessionId == "s-x")
        // Unescaped UTF-8 passes through.
        #expect(ConnectionURL("/p/r?_authToken=été").authToken == "été")
    }

    /// URLSearchParams reads `+` as a space, keeps a malformed escape as it is, and decodes keys too.
    @Test func formDecodingAsURLSearchParams() {
        #expect(ConnectionURL("/p/r?_authToken=a+b%2Bc").authToken == "a b+c")
        #expect(ConnectionURL("/p/r?_authToken=100%25%zz%4").authToken == "100%%zz%4")
        #expect(ConnectionURL("/p/r?%5FauthToken=k&session%49d=s").authToken == "k")
        #expect(ConnectionURL("/p/r?%5FauthToken=k&session%49d=s").sessionId == "s")
        #expect(ConnectionURL("/p/r?skip%48andshake").skipHandshake)
    }

    /// URLSearchParams.get returns the first of repeated keys (an endpoint's own query comes before the SDK's).
    @Test func firstOfRepeatedKeysWins() {
        let url = ConnectionURL("/p/r?_authToken=endpoint&sessionId=s1&_authToken=sdk&sessionId=s2&reconnectionToken=a&reconnectionToken=b")
        #expect(url.authToken == "endpoint")
        #expect(url.sessionId == "s1")
        #expect(url.reconnectionToken == "a")
    }

    /// The query does not take part in the path match.
    @Test func queryIsNotPartOfThePath() {
        #expect(ConnectionURL("/p/r?next=/x/y").roomId == "r")
        #expect(ConnectionURL("/p?/x/y").roomId == nil)
        #expect(ConnectionURL("/p/r?a?b=c").roomId == "r")
    }

    func expected(
        roomId: String?, sessionId: String? = nil, reconnectionToken: String? = nil, authToken: String? = nil,
        skipHandshake: Bool = false
    ) -> ConnectionURL {
        var url = ConnectionURL("")
        url.roomId = roomId
        url.sessionId = sessionId
        url.reconnectionToken = reconnectionToken
        url.authToken = authToken
        url.skipHandshake = skipHandshake
        return url
    }
}
