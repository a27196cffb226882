import ColyseusServer
import ColyseusTesting
import Foundation
import Testing

/// HTTP matchmaking as PROTOCOL.md §2 and the captures in session-http.json describe it.
@Suite struct MatchmakingHTTPTests {
    @Test func fixedRoutesAndCORS() async throws {
        let server = try await TestServer.withTestRooms()
        let health = try await server.request("GET", "/__healthcheck")
        #expect(health.status == 200)
        #expect(health.body == "OK")
        #expect(health.header("content-type") == "text/plain;charset=UTF-8")
        #expect(health.header("access-control-allow-origin") == "*")

        let root = try await server.request("GET", "/")
        #expect(root.body == "Colyseus 0.17.43")

        let unknown = try await server.request("GET", "/nope", headers: ["Origin": "http://game.example"])
        #expect(unknown.status == 404)
        #expect(unknown.body.isEmpty)
        #expect(unknown.header("access-control-allow-origin") == "http://game.example")
        #expect(unknown.header("access-control-allow-credentials") == "true")
        #expect(unknown.header("access-control-max-age") == "2592000")

        let preflight = try await server.request("OPTIONS", "/matchmake/joinOrCreate/wire")
        #expect(preflight.status == 204)
        #expect(preflight.header("access-control-allow-methods") == "GET,HEAD,PUT,PATCH,POST,DELETE")
        #expect(preflight.header("access-control-allow-headers") == "Origin, X-Requested-With, Content-Type, Accept, Authorization")

        #expect(try await server.request("GET", "/matchmake/joinOrCreate/wire").status == 404)
        #expect(try await server.request("POST", "/matchmake/joinOrCreate").status == 404)
        try await server.stop()
    }

    @Test func seatReservationShape() async throws {
        let server = try await TestServer.withTestRooms()
        let reply = try await server.matchmake("joinOrCreate", "wire", options: #"{"name":"ålice"}"#)
        #expect(reply.status == 200)
        #expect(reply.header("content-type") == "application/json")
        #expect(reply.header("content-length") == String(reply.body.utf8.count))
        let seat = try JSONDecoder().decode(SeatReservation.self, from: Data(reply.body.utf8))
        #expect(seat.name == "wire")
        #expect(seat.sessionId.count == 9 && seat.roomId.count == 9 && seat.processId.count == 9)
        #expect(reply.body == #"{"name":"wire","sessionId":"\#(seat.sessionId)","roomId":"\#(seat.roomId)","processId":"\#(seat.processId)"}"#)
        // joinOrCreate reuses the room; create makes another.
        #expect(try await server.reserveSeat("joinOrCreate", "wire").roomId == seat.roomId)
        #expect(try await server.reserveSeat("create", "wire").roomId != seat.roomId)
        try await server.stop()
    }

    @Test func matchmakingErrors() async throws {
        let server = try await TestServer.withTestRooms()
        func expectError(_ method: String, _ target: String, options: String = "{}", headers: [String: String] = [:], status: Int, error: String) async throws {
            let reply = try await server.matchmake(method, target, options: options, headers: headers)
            #expect(reply.status == status, "\(method) \(target)")
            #expect(reply.json == ["code": .number(Double(status)), "error": .string(error)], "\(method) \(target): \(reply.body)")
            #expect(reply.header("content-type") == "application/json")
        }
        try await expectError("badMethod", "wire", status: 520, error: "invalid method \"badMethod\"")
        try await expectError("joinOrCreate", "nonexistent", status: 520, error: "provided room name \"nonexistent\" not defined")
        try await expectError("join", "wire", status: 521, error: "no rooms found with provided criteria")
        try await expectError("joinById", "doesNotExist", status: 522, error: "room \"doesNotExist\" not found")

        let locked = try await server.reserveSeat("create", "wire", options: #"{"lock":true}"#)
        try await expectError("joinById", locked.roomId, status: 522, error: "room \"\(locked.roomId)\" is locked")
        let full = try await server.reserveSeat("create", "wire", options: #"{"max":1}"#)
        try await expectError("joinById", full.roomId, status: 522, error: "room \"\(full.roomId)\" is locked")
        let hidden = try await server.reserveSeat("create", "wire", options: #"{"private":true}"#)
        try await expectError("join", "wire", status: 521, error: "no rooms found with provided criteria")
        #expect(try await server.reserveSeat("joinById", hidden.roomId).roomId == hidden.roomId)

        try await expectError("create", "wire", options: #"{"failCreate":418}"#, status: 418, error: "custom failure 418")
        try await expectError("create", "wire", options: #"{"failCreate":"plain"}"#, status: 523, error: "plain failure in onCreate")
        // A code that cannot be an HTTP status: 500, but with the JSON body (PROTOCOL.md §12 #11).
        let outOfRange = try await server.matchmake("create", "wire", options: #"{"failCreate":4217}"#)
        #expect(outOfRange.status == 500)
        #expect(outOfRange.json == ["code": 4217, "error": "custom failure 4217"])

        try await expectError("joinOrCreate", "auth_room", status: 525, error: "onAuth failed")
        try await expectError("joinOrCreate", "auth_room", headers: ["Authorization": "Bearer throw"], status: 418, error: "teapot auth")
        #expect(try await server.matchmake("joinOrCreate", "auth_room", headers: ["Authorization": "Bearer good"]).status == 200)

        try await expectError("reconnect", "doesNotExist", status: 522, error: "room \"doesNotExist\" has been disposed.")
        try await expectError("reconnect", hidden.roomId, status: 523, error: "'reconnectionToken' must be provided for reconnection.")
        try await expectError("reconnect", hidden.roomId, options: #"{"reconnectionToken":"bogus"}"#, status: 524, error: "reconnection token invalid or expired.")
        try await server.stop()
    }

    @Test func requestBodies() async throws {
        let server = try await TestServer.withTestRooms()
        let malformed = try await server.matchmake("joinOrCreate", "wire", options: "{nope")
        #expect(malformed.status == 500)
        #expect(malformed.body.isEmpty)
        #expect(try await server.request("POST", "/matchmake/joinOrCreate/nostate").status == 200)
        #expect(try await server.request("POST", "/matchmake/joinOrCreate/nostate", body: "hi", headers: ["Content-Type": "text/plain"]).status == 200)
        #expect(try await server.matchmake("joinOrCreate", "nostate", options: "[1,2]").status == 200)
        try await server.stop()
    }

    @Test func filterByPicksMatchingRooms() async throws {
        let server = try await TestServer.withTestRooms()
        let modeA = try await server.reserveSeat("joinOrCreate", "filtered", options: #"{"mode":"a"}"#)
        let miss = try await server.matchmake("join", "filtered", options: #"{"mode":"b"}"#)
        #expect(miss.status == 521)
        #expect(try await server.reserveSeat("join", "filtered", options: #"{"mode":"a"}"#).roomId == modeA.roomId)
        #expect(try await server.reserveSeat("joinOrCreate", "filtered", options: #"{"mode":"b"}"#).roomId != modeA.roomId)
        try await server.stop()
    }

    @Test func listingHidesLockedAndPrivateRooms() async throws {
        let server = try await TestServer.withTestRooms()
        let open = try await server.reserveSeat("create", "wire")
        _ = try await server.reserveSeat("create", "wire", options: #"{"lock":true}"#)
        _ = try await server.reserveSeat("create", "wire", options: #"{"private":true}"#)
        _ = try await server.reserveSeat("create", "nostate")
        let listing = try await server.request("GET", "/matchmake/wire")
        #expect(listing.status == 200)
        guard case .array(let rooms)? = listing.json else {
            Issue.record("not a JSON array: \(listing.body)")
            return
        }
        #expect(rooms.map { $0["roomId"] } == [.string(open.roomId)])
        #expect(rooms.first?["clients"] == 1)
        #expect(rooms.first?["locked"] == false)
        #expect(rooms.first?["private"] == false)
        guard case .array(let everything)? = try await server.request("GET", "/matchmake").json else {
            Issue.record("no listing of all rooms")
            return
        }
        #expect(everything.count == 2)
        try await server.stop()
    }

    @Test func concurrentJoinOrCreateShareOneRoom() async throws {
        let server = try await TestServer.withTestRooms()
        let roomIds = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try await server.reserveSeat("joinOrCreate", "wire").roomId }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(roomIds.count == 1)
        try await server.stop()
    }
}
