import ColyseusServer
import ColyseusTesting
import Foundation
import Testing
import enum SchemaTestSupport.Hex
import enum SchemaTestSupport.Fixtures

/// Replays a captured reference session (vectors/protocol/session-*.json) against our server: sends
/// what the captured client sent and checks that every frame our server sends equals the captured
/// one, once the random ids (session, room, process ids and tokens) are mapped to ours.
struct CaptureReplay {
    struct Entry: Decodable {
        var t_ms: Int
        var conn: Int
        var kind: String
        var description: String
        var dir: String?
        var hex: String?
        var requestLine: String?
        var statusLine: String?
        var headers: [[String]]?
        var body: String?
        var text: String?
        var closeCode: Int?
        var closeReason: String?

        func header(_ name: String) -> String? {
            headers?.first { $0.first?.lowercased() == name }?.last
        }
    }

    struct Capture: Decodable {
        var entries: [Entry]
    }

    let server: TestServer
    private var ids: [String: String] = [:]
    private var clients: [Int: WireClient] = [:]
    /// A frame read while looking for an optional one, kept for the next expectation.
    private var pushedBack: [Int: WireClient.Event] = [:]
    /// Connections that received ROOM_STATE and have not sent a message since (their next patch may
    /// repeat the state, or not, depending on where the patch tick fell: PROTOCOL.md §6.1 step 5).
    private var mayRepeatState: Set<Int> = []
    /// Server frames that matched the capture byte for byte.
    private(set) var matchedFrames = 0

    init(server: TestServer) {
        self.server = server
    }

    /// The captured server frames of `entries`, less the repeated-state patches that may not happen.
    static func serverFrameCount(_ entries: [Entry]) -> Int {
        entries.filter { $0.kind == "ws-binary" && $0.dir == "server->client" }.count
    }

    static func load(_ name: String) throws -> [Entry] {
        try Fixtures.decode(Capture.self, from: "vectors/protocol/\(name)").entries
    }

    /// Replays `entries` up to (not including) the first of kind `stopAt`, waiting between steps as
    /// the capture did (each wait capped at `maxGap` milliseconds).
    mutating func replay(_ entries: [Entry], stopAt: String? = nil, maxGap: Int = 300) async throws {
        var previous = entries.first?.t_ms ?? 0
        var index = 0
        while index < entries.count {
            let entry = entries[index]
            if entry.kind == stopAt { return }
            // Keep the capture's pacing (capped) so that drops are noticed before the next step, as in the capture.
            if entry.dir == "client->server" || entry.kind.hasPrefix("proxy") {
                let gap = min(max(entry.t_ms - previous, 0), maxGap)
                previous = entry.t_ms
                if gap > 0 { try await Task.sleep(for: .milliseconds(gap)) }
            }
            switch entry.kind {
            case "http-request" where entry.header("upgrade")?.lowercased() == "websocket":
                let path = map(String(entry.requestLine!.split(separator: " ")[1]))
                clients[entry.conn] = try await server.connect(path: path)
            case "http-request":
                let response = entries[(index + 1)...].first { $0.conn == entry.conn && $0.kind == "http-response" }
                try await exchange(entry, capturedResponse: response)
            case "ws-binary" where entry.dir == "client->server":
                mayRepeatState.remove(entry.conn)
                try await clients[entry.conn]!.send(Hex.decode(mapHex(entry.hex!)))
            case "ws-binary":
                try await expectFrame(entry)
            case "ws-text" where entry.dir == "client->server":
                mayRepeatState.remove(entry.conn)
                try await clients[entry.conn]!.sendText(entry.text ?? String(decoding: Hex.decode(entry.hex ?? ""), as: UTF8.self))
            case "ws-close" where entry.dir == "server->client":
                var event = try await nextEvent(for: entry)
                if case .binary(let bytes) = event, bytes.first == ProtocolCode.roomStatePatch.rawValue, mayRepeatState.remove(entry.conn) != nil {
                    // The patch tick fell between the join and the close: its patch repeats the state.
                    event = try await nextEvent(for: entry)
                }
                let code = entry.closeCode.map { UInt16($0) }
                guard case .close(let actualCode, let reason) = event, actualCode == code, reason == (entry.closeReason ?? "") else {
                    Issue.record("\(entry.t_ms) conn \(entry.conn): expected close \(code.map(String.init) ?? "without status") \(entry.closeReason ?? ""), got \(event)")
                    return
                }
                matchedFrames += 1
            case "ws-close":
                try? await clients[entry.conn]?.sendClose(code: entry.closeCode.map { UInt16($0) })
            case "proxy-drop":
                clients[entry.conn]?.drop()
            case "tcp-close" where entry.description.contains("first by client"):
                clients[entry.conn]?.drop()
            default:
                break  // TCP events, HTTP responses (checked with their request), WebSocket pings
            }
            index += 1
        }
    }

    /// An HTTP request: our status and body must equal the captured ones (ids mapped); a seat
    /// reservation teaches the ids.
    private mutating func exchange(_ entry: Entry, capturedResponse: Entry?) async throws {
        let parts = entry.requestLine!.split(separator: " ")
        var headers: [String: String] = [:]
        for name in ["content-type", "authorization", "accept"] {
            if let value = entry.header(name) { headers[name] = value }
        }
        let body = entry.body.flatMap { $0.isEmpty ? nil : map($0) }
        let reply = try await server.request(String(parts[0]), map(String(parts[1])), body: body, headers: headers)
        guard let captured = capturedResponse, let statusLine = captured.statusLine else { return }
        let status = Int(statusLine.split(separator: " ")[1])!
        if let capturedJSON = try? JSONDecoder().decode(JSONValue.self, from: Data((captured.body ?? "").utf8)), status == 200 {
            for key in ["sessionId", "roomId", "processId"] {
                if let theirs = capturedJSON[key]?.stringValue, let ours = reply.json?[key]?.stringValue { learn(theirs, ours) }
            }
        }
        // PROTOCOL.md §12 #11: our 500 for an out-of-range code carries the JSON body the reference omits.
        let expectedBody = status == 500 && !reply.body.isEmpty && entry.body?.contains("failCreate") == true ? reply.body : map(captured.body ?? "")
        if reply.status == status, reply.body == expectedBody {
            matchedFrames += 1
        } else {
            Issue.record("\(entry.t_ms) \(entry.requestLine!): expected \(status) \(map(captured.body ?? "")), got \(reply.status) \(reply.body)")
        }
    }

    private mutating func expectFrame(_ entry: Entry) async throws {
        let expectedHex = entry.hex!
        let optional = expectedHex.hasPrefix("0f") && mayRepeatState.contains(entry.conn)
        while true {
            let event: WireClient.Event
            do {
                event = try await nextEvent(for: entry, timeout: optional ? .seconds(1) : .seconds(5))
            } catch is WireClient.TimeoutError where optional {
                mayRepeatState.remove(entry.conn)
                return
            }
            guard case .binary(let bytes) = event else {
                Issue.record("\(entry.t_ms) conn \(entry.conn): expected \(entry.description), got \(event)")
                return
            }
            if expectedHex.hasPrefix("0a09"), bytes.count >= 11 {
                // JOIN_ROOM: learn the token.
                learn(String(decoding: Hex.decode(String(expectedHex.dropFirst(4).prefix(18))), as: UTF8.self), String(decoding: bytes[2..<11], as: UTF8.self))
            }
            let actualHex = Hex.encode(bytes)
            if actualHex == mapHex(expectedHex) {
                matchedFrames += 1
                if expectedHex.hasPrefix("0e") { mayRepeatState.insert(entry.conn) }
                return
            }
            if optional {
                // The repeated-state patch's content depends on where the first patch tick fell; if it
                // did not happen at all, the frame belongs to the next expectation.
                mayRepeatState.remove(entry.conn)
                if bytes.first != ProtocolCode.roomStatePatch.rawValue { pushedBack[entry.conn] = event }
                return
            }
            Issue.record("\(entry.t_ms) conn \(entry.conn) \(entry.description):\n expected \(mapHex(expectedHex))\n actual   \(actualHex)")
            return
        }
    }

    private mutating func nextEvent(for entry: Entry, timeout: Duration = .seconds(5)) async throws -> WireClient.Event {
        if let event = pushedBack.removeValue(forKey: entry.conn) { return event }
        guard let client = clients[entry.conn] else { throw WireClient.TimeoutError(description: "no connection \(entry.conn)") }
        do {
            return try await client.next(timeout: timeout)
        } catch let error as WireClient.TimeoutError {
            throw WireClient.TimeoutError(description: "\(entry.t_ms) conn \(entry.conn), waiting for \(entry.description): \(error)")
        }
    }

    private mutating func learn(_ theirs: String, _ ours: String) {
        ids[theirs] = ours
    }

    private func map(_ text: String) -> String {
        ids.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    private func mapHex(_ hex: String) -> String {
        ids.reduce(hex) { $0.replacingOccurrences(of: Hex.encode(Array($1.key.utf8)), with: Hex.encode(Array($1.value.utf8))) }
    }
}
