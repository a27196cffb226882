import ColyseusTesting
import Testing

/// Our server's frames for the reference captures' scenarios (vectors/protocol/session-*.json).
@Suite struct CaptureReplayTests {
    @Test func joinSession() async throws {
        let server = try await TestServer.withTestRooms()
        var replay = CaptureReplay(server: server)
        let entries = try CaptureReplay.load("session-join.json")
        try await replay.replay(entries)
        // All but at most the two patches that repeat a join (their timing decides whether they exist).
        #expect(replay.matchedFrames >= CaptureReplay.serverFrameCount(entries) - 2)
        #expect(replay.matchedFrames >= 24)
        try await server.stop()
    }

    @Test func reconnectionSession() async throws {
        let server = try await TestServer.withTestRooms()
        var replay = CaptureReplay(server: server)
        // Up to the half-open socket, which needs the keep-alive to expire (a separate test covers the stale path).
        let entries = try CaptureReplay.load("session-reconnect.json")
        let halfOpen = try #require(entries.firstIndex { $0.kind == "proxy-drop-client-side" })
        try await replay.replay(Array(entries[..<halfOpen]))
        #expect(replay.matchedFrames >= CaptureReplay.serverFrameCount(Array(entries[..<halfOpen])) - 2)
        #expect(replay.matchedFrames > 15)
        try await server.stop()
    }

    @Test func httpSession() async throws {
        let server = try await TestServer.withTestRooms()
        var replay = CaptureReplay(server: server)
        let entries = try CaptureReplay.load("session-http.json")
        // Real waits: the capture lets a 1 s seat reservation expire.
        try await replay.replay(entries, maxGap: 1500)
        #expect(replay.matchedFrames >= 80)
        try await server.stop()
    }

    @Test func webSocketEdgeCases() async throws {
        let server = try await TestServer.withTestRooms()
        var replay = CaptureReplay(server: server)
        try await replay.replay(CaptureReplay.load("session-ws-edge.json"))
        #expect(replay.matchedFrames >= 55)
        try await server.stop()
    }

    @Test func shutdownSession() async throws {
        let server = try await TestServer.withTestRooms()
        var replay = CaptureReplay(server: server)
        let entries = try CaptureReplay.load("session-shutdown.json")
        // The capture's SIGTERM came right before the server's 4001 close frames.
        let shutdownAt = try #require(entries.firstIndex { $0.kind == "ws-close" })
        try await replay.replay(Array(entries[..<shutdownAt]))
        let stopping = Task { try await server.stop() }
        try await replay.replay(Array(entries[shutdownAt...]), stopAt: "http-request")
        try await stopping.value
        #expect(replay.matchedFrames >= 4)
    }
}
