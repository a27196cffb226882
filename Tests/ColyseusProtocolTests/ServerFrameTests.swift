import ColyseusProtocol
import ColyseusSchema
import Testing

/// The server frame builders of ServerFrames.swift against frames.json and the examples of PROTOCOL.md §3.2 and §4.3.
@Suite("server frames (§4.3)")
struct ServerFrameTests {
    /// What the server was asked to send, for the vectors whose JSON does not say it in fields (read from their
    /// description).
    static let described: [String: (type: MessageType, bytes: String)] = [
        "ROOM_DATA_BYTES type='bin' bytes=010203": ("bin", "010203"),
    ]

    /// The frames the builders can produce: everything but ROOM_STATE and ROOM_STATE_PATCH (state encoder output).
    static var buildable: [FrameVectors.Frame] {
        get throws {
            try FrameVectors.load().serverToClient.filter {
                ["JOIN_ROOM", "ERROR", "ROOM_DATA", "ROOM_DATA_BYTES", "PING"].contains($0.protocol)
            }
        }
    }

    @Test func vectorFileHasTheExpectedFrames() throws {
        let frames = try FrameVectors.load().serverToClient
        let buildable = try Self.buildable
        #expect(frames.count == 13)
        #expect(buildable.count == 10)
        #expect(frames.filter { !buildable.map(\.hex).contains($0.hex) }.allSatisfy {
            $0.protocol == "ROOM_STATE" || $0.protocol == "ROOM_STATE_PATCH"
        })
    }

    @Test func protocolCodesMatchTheVectorFile() throws {
        let vectorCodes = try FrameVectors.load().protocolCodes
        let codes: [String: ProtocolCode] = [
            "JOIN_ROOM": .joinRoom, "ERROR": .error, "LEAVE_ROOM": .leaveRoom, "ROOM_DATA": .roomData,
            "ROOM_STATE": .roomState, "ROOM_STATE_PATCH": .roomStatePatch, "ROOM_DATA_SCHEMA": .roomDataSchema,
            "ROOM_DATA_BYTES": .roomDataBytes, "PING": .ping,
        ]
        #expect(vectorCodes.count == codes.count)
        for (name, code) in vectorCodes {
            #expect(codes[name]?.rawValue == code, "\(name)")
        }
    }

    @Test("frames.json serverToClient frame is built byte for byte", arguments: try buildable)
    func vectorFrame(_ frame: FrameVectors.Frame) throws {
        let bytes: [UInt8]
        switch frame.protocol {
        case "JOIN_ROOM" where frame.serializerId != nil:
            let handshake = try #require(frame.handshakeHex)
            bytes = written {
                $0.joinRoomFrame(reconnectionToken: frame.reconnectionToken!, serializer: frame.serializerId!, handshake: hex(handshake))
            }
        case "JOIN_ROOM":
            // The vector for serializer "none": token "tok", no handshake.
            bytes = written { $0.joinRoomFrame(reconnectionToken: "tok", serializer: "none", handshake: nil) }
        case "ERROR":
            bytes = written { $0.errorFrame(code: frame.code!, message: frame.message!) }
        case "ROOM_DATA":
            let type = try #require(frame.messageType)
            let payload = try #require(frame.payloadHex)
            bytes = written {
                $0.roomDataHeader(type: type)
                $0.append(contentsOf: hex(payload))
            }
        case "ROOM_DATA_BYTES":
            let (type, raw) = try #require(Self.described[frame.description])
            bytes = written {
                $0.roomDataBytesHeader(type: type)
                $0.append(contentsOf: hex(raw))
            }
        case "PING":
            bytes = [ProtocolCode.ping.rawValue]
        default:
            Issue.record("no builder for \(frame.protocol)")
            return
        }
        #expect(hex(bytes) == frame.hex)
    }

    // MARK: JOIN_ROOM

    @Test func joinRoomWithoutHandshake() {
        let skipHandshake = written { $0.joinRoomFrame(reconnectionToken: "Xy12_-abc", serializer: "schema", handshake: nil) }
        #expect(hex(skipHandshake) == hex(hex("0a 09 58793132 5f2d6162 63 06 736368656d61")))
        let stateless = written { $0.joinRoomFrame(reconnectionToken: "tok", serializer: "none", handshake: nil) }
        #expect(hex(stateless) == hex(hex("0a 03 746f6b 04 6e6f6e65")))
    }

    @Test func joinRoomHandshakeRunsToTheEnd() {
        let handshake: [UInt8] = [0x80, 0x01, 0xFF, 0x01, 0x80, 0x00, 0x02]
        let frame = written { $0.joinRoomFrame(reconnectionToken: "Xy12_-abc", serializer: "schema", handshake: handshake) }
        #expect(hex(frame) == hex(hex("0a 09 58793132 5f2d6162 63 06 736368656d61 8001ff01800002")))
        // An empty handshake is present but adds nothing.
        let empty = written { $0.joinRoomFrame(reconnectionToken: "t", serializer: "schema", handshake: []) }
        #expect(hex(empty) == hex(hex("0a 01 74 06 736368656d61")))
    }

    /// Lengths are one raw byte, not `num`: 200 is `c8`, not `cc c8`; UTF-8 bytes are counted.
    @Test func joinRoomLengthsAreRawBytes() {
        let token = String(repeating: "a", count: 200)
        let frame = written { $0.joinRoomFrame(reconnectionToken: token, serializer: "none", handshake: nil) }
        #expect(Array(frame.prefix(2)) == [0x0A, 0xC8])
        #expect(frame.count == 1 + 1 + 200 + 1 + 4)
        let accented = written { $0.joinRoomFrame(reconnectionToken: "é", serializer: "none", handshake: nil) }
        #expect(hex(accented) == hex(hex("0a 02 c3a9 04 6e6f6e65")))
    }

    // MARK: ERROR

    @Test(arguments: [
        (4321, "custom error", "0b cd e1 10 ac 637573746f6d206572726f72"),
        (526, "oops", "0b cd 0e 02 a4 6f6f7073"),
        (4212, "something failed", "0b cd 74 10 b0 736f6d657468696e67206661696c6564"),
        (0, "x", "0b 00 a1 78"),
        (524, "seat reservation expired.", "0b cd 0c 02 b9 73656174207265736572766174696f6e20657870697265642e"),
        (525, "onAuth failed", "0b cd 0d 02 ad 6f6e41757468206661696c6564"),
        (4444, "coded boom in onJoin", "0b cd 5c 11 b4 636f64656420626f6f6d20696e206f6e4a6f696e"),
    ])
    func errorFrame(code: Int, message: String, expected: String) {
        #expect(hex(written { $0.errorFrame(code: code, message: message) }) == hex(hex(expected)))
    }

    /// A message of 32 bytes or more takes the `d9` string form; negative and 32-bit codes take theirs.
    @Test func errorFrameLongMessageAndOtherCodes() {
        let message = String(repeating: "m", count: 40)
        let frame = written { $0.errorFrame(code: 70000, message: message) }
        #expect(Array(frame.prefix(8)) == hex("0b ce 70110100 d9 28"))
        #expect(frame.count == 8 + 40)
        #expect(hex(written { $0.errorFrame(code: -1, message: "") }) == "0bffa0")
    }

    // MARK: ROOM_DATA / ROOM_DATA_BYTES

    @Test(arguments: [
        (MessageType.string("move"), "a46d6f7665"),
        (.string("now"), "a36e6f77"),
        (.integer(0), "00"),
        (.integer(5), "05"),
        (.integer(127), "7f"),
        (.integer(128), "cc80"),
        (.integer(300), "cd2c01"),
        (.integer(70000), "ce70110100"),
        (.integer(-1), "ff"),
        (.integer(-32), "e0"),
        (.integer(-33), "d0df"),
    ])
    func messageType(type: MessageType, expected: String) {
        #expect(hex(written { $0.messageType(type) }) == expected)
        #expect(hex(written { $0.roomDataHeader(type: type) }) == "0d" + expected)
        #expect(hex(written { $0.roomDataBytesHeader(type: type) }) == "11" + expected)
    }

    @Test func longStringTypeUsesStr8() {
        let type = String(repeating: "t", count: 32)
        #expect(hex(written { $0.messageType(.string(type)) }) == "d920" + String(repeating: "74", count: 32))
    }

    @Test func literalsMakeTheMessageTypes() {
        let text: MessageType = "chat", number: MessageType = 7
        #expect(text == .string("chat"))
        #expect(number == .integer(7))
        #expect(text.description == "chat")
        #expect(MessageType.integer(-5).description == "-5")
    }

    /// The server examples of §4.3, header built here, payload passed through.
    @Test(arguments: [
        (MessageType.integer(5), "de0001a16e01", "0d 05 de0001a16e01"),
        ("chat", "de0001a474657874a26869", "0d a463686174 de0001a474657874a26869"),
        ("now", "a9696d6d656469617465", "0d a36e6f77 a9696d6d656469617465"),
        ("echo", "", "0d a46563686f"),
    ])
    func roomDataExamples(type: MessageType, payload: String, expected: String) {
        let frame = written {
            $0.roomDataHeader(type: type)
            $0.append(contentsOf: hex(payload))
        }
        #expect(hex(frame) == hex(hex(expected)))
    }

    @Test func roomDataBytesExamples() {
        let rawback = written {
            $0.roomDataBytesHeader(type: "rawback")
            $0.append(contentsOf: [1, 2, 3])
        }
        #expect(hex(rawback) == hex(hex("11 a77261776261636b 010203")))
        let numbered = written {
            $0.roomDataBytesHeader(type: 9)
            $0.append(contentsOf: [4, 5])
        }
        #expect(hex(numbered) == "11090405")
    }

    // MARK: codes

    @Test func closeCodes() {
        let expected: [(CloseCode, UInt16)] = [
            (.normalClosure, 1000), (.goingAway, 1001), (.noStatusReceived, 1005), (.abnormalClosure, 1006),
            (.messageTooBig, 1009), (.consented, 4000), (.serverShutdown, 4001), (.withError, 4002),
            (.failedToReconnect, 4003), (.mayTryReconnect, 4010),
        ]
        for (code, raw) in expected {
            #expect(code.rawValue == raw)
            #expect(code.description == String(raw))
        }
        #expect(Set(expected.map(\.0)).count == expected.count)
        #expect(CloseCode(rawValue: 4002) == .withError)
    }

    @Test func errorCodes() {
        let expected: [(ErrorCode, Int)] = [
            (.matchmakeNoHandler, 520), (.matchmakeInvalidCriteria, 521), (.matchmakeInvalidRoomId, 522),
            (.matchmakeUnhandled, 523), (.matchmakeExpired, 524), (.authFailed, 525), (.applicationError, 526),
            (.invalidPayload, 4217),
        ]
        for (code, raw) in expected {
            #expect(code.rawValue == raw)
            #expect(code.description == String(raw))
        }
        #expect(ErrorCode(rawValue: 524) == .matchmakeExpired)
    }
}
