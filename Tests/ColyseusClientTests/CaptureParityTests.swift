import ColyseusClient
import Foundation
import SchemaTestSupport
import Testing
import VectorStates

/// The official SDK's view of a captured reference session (vectors/protocol/session-join.json):
/// a server replays what the reference server sent on one client's WebSocket, and our client must
/// report what the official SDK reported there: the same states after each state change, the same
/// messages, errors and leave code, in the same order.
@Suite @MainActor
struct CaptureParityTests {
    struct Capture: Decodable {
        struct Entry: Decodable {
            var conn: Int
            var kind: String
            var dir: String?
            var hex: String?
            var body: String?
            var closeCode: Int?
            var closeReason: String?
        }

        struct Event: Decodable {
            var who: String
            var what: String
            var data: JSONValue?
        }

        var entries: [Entry]
        var sdkEvents: [Event]
    }

    static func load(_ name: String) throws -> Capture {
        try Fixtures.decode(Capture.self, from: "vectors/protocol/\(name)")
    }

    @Test(arguments: [(connection: 2, who: "A"), (connection: 3, who: "B")])
    func ourClientReportsWhatTheOfficialSDKReported(connection: Int, who: String) async throws {
        let capture = try Self.load("session-join.json")
        let frames = capture.entries.filter { $0.conn == connection && $0.dir == "server->client" }
        let binary = frames.filter { $0.kind == "ws-binary" }.compactMap { $0.hex.map(Hex.decode) }
        var script = binary.dropFirst().map(ScriptedServer.Step.binary)
        if let close = frames.first(where: { $0.kind == "ws-close" }), let code = close.closeCode {
            script.append(.close(code: UInt16(code), reason: close.closeReason ?? ""))
        }
        let server = try await ScriptedServer.start(joinRoom: try #require(binary.first), script: script)
        defer { server.stop() }

        let expected = capture.sdkEvents.filter { $0.who == who && !["ping", "leave() resolved"].contains($0.what) }
        let joined = try #require(expected.first { $0.what == "joined" }?.data)
        let seat = SeatReservation(
            name: "wire", sessionId: try #require(joined["sessionId"]?.text),
            roomId: try #require(joined["roomId"]?.text), processId: "process"
        )
        let room = try await ColyseusClient.Client("ws://127.0.0.1:\(server.port)").consumeSeatReservation(seat, state: WireState.self)
        // The capture lists B's join without its token: compare the token where it is given.
        let token = joined["reconnectionToken"]?.text
        var seen: [String] = ["joined \(token == nil ? "" : room.reconnectionToken)"]
        room.onStateChange { state, _ in seen.append("onStateChange \(StateJSON.value(state))") }
        room.onAnyMessage { type, payload in seen.append("onMessage \(Self.message(type, payload.isNil ? nil : JSONValue(payload)))") }
        for type: MessageType in ["rawback", 9] {
            room.onBytes(type) { bytes in seen.append("onMessage \(Self.message(type, .object(["bytes": .string(Hex.encode(bytes))])))") }
        }
        room.onError { code, message in seen.append("onError \(JSONValue.object(["code": .number(Double(code)), "message": .string(message)]))") }
        room.onLeave { code, reason in seen.append("onLeave \(JSONValue.object(["code": .number(Double(code)), "reason": .string(reason)]))") }
        try await eventually("the session's end") { room.phase == .left }

        let official = expected.map { event in
            event.what == "joined" ? "joined \(event.data?["reconnectionToken"]?.text ?? "")" : "\(event.what) \(event.data ?? .null)"
        }
        #expect(seen == official)
    }

    private static func message(_ type: MessageType, _ payload: JSONValue?) -> JSONValue {
        var members: [String: JSONValue] = [:]
        switch type {
        case .string(let text): members["type"] = .string(text)
        case .integer(let number): members["type"] = .number(Double(number))
        }
        if let payload { members["msg"] = payload }
        return .object(members)
    }
}

extension MessagePackValue {
    var isNil: Bool {
        if case .nil = self { true } else { false }
    }
}

extension JSONValue {
    /// The string, when the value is one.
    var text: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The JSON form of a MessagePack value, as the official SDK's capture prints it.
    init(_ value: MessagePackValue) {
        switch value {
        case .nil, .undefined: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .number(Double(number))
        case .uint(let number): self = .number(Double(number))
        case .float(let number): self = .number(Double(number))
        case .double(let number): self = .number(number)
        case .string(let text): self = .string(text)
        // As JSON.stringify prints a Uint8Array.
        case .binary(let bytes): self = .object(Dictionary(uniqueKeysWithValues: bytes.enumerated().map { (String($0.offset), .number(Double($0.element))) }))
        case .array(let items): self = .array(items.map(JSONValue.init))
        case .map(let entries): self = .object(Dictionary(entries.map { ($0.key.stringValue ?? "\($0.key)", JSONValue($0.value)) }, uniquingKeysWith: { $1 }))
        case .timestamp(let stamp): self = .string("\(stamp)")
        }
    }
}
