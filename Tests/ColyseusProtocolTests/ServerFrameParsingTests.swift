import ColyseusProtocol
import ColyseusSchema
import Testing

/// ServerFrame, the client's reading of server frames, against frames.json: every vector frame reads
/// back as what it was built from, and no cut or corrupted frame crashes it.
@Suite("server frames read by a client")
struct ServerFrameParsingTests {
    @Test("frames.json serverToClient frame reads back", arguments: try FrameVectors.load().serverToClient)
    func vectorFrame(_ frame: FrameVectors.Frame) throws {
        let bytes = hex(frame.hex)
        let parsed = try ServerFrame(parsing: bytes)
        switch parsed {
        case let .joinRoom(token, serializer, handshake):
            #expect(frame.protocol == "JOIN_ROOM")
            #expect(token == frame.reconnectionToken ?? "tok")
            #expect(serializer == frame.serializerId ?? "none")
            #expect(handshake.map { hex(Array(bytes[$0])) } == frame.handshakeHex)
        case let .error(code, message):
            #expect(frame.protocol == "ERROR")
            #expect(code == frame.code && message == frame.message)
        case let .roomData(type, payload):
            #expect(frame.protocol == "ROOM_DATA")
            #expect(type == frame.messageType)
            #expect(hex(Array(bytes[payload])) == frame.payloadHex ?? "")
        case let .roomDataBytes(type, payload):
            #expect(frame.protocol == "ROOM_DATA_BYTES")
            #expect(type == "bin" && Array(bytes[payload]) == [1, 2, 3])
        case let .roomState(payload):
            #expect(frame.protocol == "ROOM_STATE" && payload == 1..<bytes.count)
        case let .roomStatePatch(payload):
            #expect(frame.protocol == "ROOM_STATE_PATCH" && payload == 1..<bytes.count)
        case .ping:
            #expect(frame.protocol == "PING")
        case .ignored:
            Issue.record("\(frame.description) was ignored")
        }
    }

    @Test func cutFramesThrowOrReadAsLessNeverCrash() throws {
        for frame in try FrameVectors.load().serverToClient {
            let bytes = hex(frame.hex)
            for length in 0..<bytes.count {
                _ = try? ServerFrame(parsing: Array(bytes[..<length]))
            }
        }
        #expect(throws: ServerFrameError.self) { try ServerFrame(parsing: [0x0A, 0x09, 0x61]) }
        #expect(throws: ServerFrameError.self) { try ServerFrame(parsing: [0x0B]) }
        #expect(throws: ServerFrameError.self) { try ServerFrame(parsing: [0x0D, 0xC1]) }
    }

    @Test func codesAClientHasNoUseForAreIgnored() throws {
        #expect(try ServerFrame(parsing: []) == .ignored)
        #expect(try ServerFrame(parsing: [0x10, 0x01]) == .ignored)
        #expect(try ServerFrame(parsing: [0x0C]) == .ignored)
        #expect(try ServerFrame(parsing: [0x63]) == .ignored)
    }
}
