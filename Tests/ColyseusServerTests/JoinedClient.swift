import ColyseusServer
import ColyseusTesting
import Testing
import enum SchemaTestSupport.Hex

/// A client that went through matchmaking, JOIN_ROOM and the acknowledgement.
struct JoinedClient {
    let seat: SeatReservation
    let wire: WireClient
    /// The reconnection token of the JOIN_ROOM frame.
    let token: String
    /// The JOIN_ROOM frame.
    let joinFrame: [UInt8]
    /// The ROOM_STATE frame (nil for rooms without state).
    let stateFrame: [UInt8]?

    /// Messages after ROOM_STATE (e.g. "welcome") are left for the test to read.
    static func join(_ server: TestServer, _ method: String = "joinOrCreate", _ target: String = "wire", options: String = "{}", query: String = "") async throws -> JoinedClient {
        let seat = try await server.reserveSeat(method, target, options: options)
        return try await connect(server, seat, query: query)
    }

    static func connect(_ server: TestServer, _ seat: SeatReservation, query: String = "") async throws -> JoinedClient {
        let wire = try await server.connect(seat, query: query)
        let joinFrame = try await wire.nextBinary()
        try #require(joinFrame.first == 0x0A, "expected JOIN_ROOM, got \(Hex.encode(joinFrame))")
        let token = String(decoding: joinFrame[2..<(2 + Int(joinFrame[1]))], as: UTF8.self)
        try await wire.send([0x0A])
        let serializerLength = Int(joinFrame[2 + Int(joinFrame[1])])
        let serializerStart = 3 + Int(joinFrame[1])
        let serializer = String(decoding: joinFrame[serializerStart..<(serializerStart + serializerLength)], as: UTF8.self)
        let stateFrame = serializer == "schema" ? try await wire.nextBinary() : nil
        if let stateFrame { try #require(stateFrame.first == 0x0E) }
        return JoinedClient(seat: seat, wire: wire, token: token, joinFrame: joinFrame, stateFrame: stateFrame)
    }

    /// The next ROOM_DATA message's type and payload bytes, skipping patches.
    func nextMessage(timeout: Duration = .seconds(5)) async throws -> (type: String, payload: [UInt8]) {
        while true {
            let frame = try await wire.nextBinary(timeout: timeout)
            if frame.first == 0x0F { continue }
            try #require(frame.first == 0x0D, "expected ROOM_DATA, got \(Hex.encode(frame))")
            let length = Int(frame[1] & 0x1F)
            return (String(decoding: frame[2..<(2 + length)], as: UTF8.self), Array(frame[(2 + length)...]))
        }
    }
}

/// ROOM_DATA frames as the SDK sends them.
enum ClientMessage {
    /// `0d str(type)` with an optional MessagePack payload.
    static func data(_ type: String, _ payload: [UInt8] = []) -> [UInt8] {
        [0x0D, 0xA0 | UInt8(type.utf8.count)] + Array(type.utf8) + payload
    }
}
