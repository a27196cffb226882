import ColyseusProtocol
import Testing

/// Classification of client messages (PROTOCOL.md §3.4, §4.1–4.3), against frames.json and the §4.2/§4.3 examples.
@Suite("client frames (§4)")
struct ClientFrameTests {
    /// What the client sent, for the vectors whose JSON does not say it in fields.
    static let described: [String: (type: MessageType, bytes: String)] = [
        "sendBytes('raw', 010203): [17][type][bytes]": ("raw", "010203"),
    ]

    func parse(_ text: String) throws(ClientFrameError) -> ClientFrame {
        try ClientFrame(parsing: hex(text))
    }

    func parsingError(_ text: String) -> ClientFrameError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func vectorFileHasTheExpectedFrames() throws {
        let frames = try FrameVectors.load().clientToServer
        #expect(frames.count == 10)
        #expect(Set(frames.map(\.protocol)) == ["JOIN_ROOM", "ROOM_DATA", "ROOM_DATA_BYTES", "LEAVE_ROOM"])
    }

    @Test("frames.json clientToServer frame parses", arguments: try FrameVectors.load().clientToServer)
    func vectorFrame(_ frame: FrameVectors.Frame) throws {
        let bytes = frame.bytes
        let parsed = try ClientFrame(parsing: bytes)
        switch frame.protocol {
        case "JOIN_ROOM": #expect(parsed == .joinAcknowledgement)
        case "LEAVE_ROOM": #expect(parsed == .leave)
        case "ROOM_DATA":
            let type = try #require(frame.messageType)
            let payload = hex(try #require(frame.payloadHex))
            let range = (bytes.count - payload.count)..<bytes.count
            #expect(parsed == .roomData(type: type, payload: range))
            #expect(Array(bytes[range]) == payload)
        case "ROOM_DATA_BYTES":
            let (type, raw) = try #require(Self.described[frame.description])
            let range = (bytes.count - hex(raw).count)..<bytes.count
            #expect(parsed == .roomDataBytes(type: type, payload: range))
        default:
            Issue.record("unexpected protocol \(frame.protocol)")
        }
    }

    /// ROOM_DATA and ROOM_DATA_BYTES have one layout in both directions: the server vectors parse back too.
    @Test("frames.json serverToClient ROOM_DATA frame parses back", arguments: try FrameVectors.load().serverToClient.filter {
        $0.protocol == "ROOM_DATA"
    })
    func serverRoomDataParsesBack(_ frame: FrameVectors.Frame) throws {
        let bytes = frame.bytes
        let payloadCount = hex(try #require(frame.payloadHex)).count
        let type = try #require(frame.messageType)
        #expect(try ClientFrame(parsing: bytes) == .roomData(type: type, payload: (bytes.count - payloadCount)..<bytes.count))
    }

    // MARK: codes without a body

    @Test func singleByteCodes() throws {
        #expect(try parse("0a") == .joinAcknowledgement)
        #expect(try parse("0c") == .leave)
        #expect(try parse("12") == .ping)
    }

    /// Empty messages, unknown codes, the deprecated `10` and codes only the server sends are ignored (§3.4).
    @Test(arguments: ["", "63", "10", "10 a1 78", "00", "ff", "0b", "0e", "0f 00", "13"])
    func ignored(_ text: String) throws {
        #expect(try parse(text) == .ignored)
    }

    // MARK: message types

    @Test(arguments: [
        ("0d a46d6f7665 d4724092a178a1790102", MessageType.string("move"), 6..<16),
        ("0d 05 d4724091a16e01", .integer(5), 2..<9),
        ("0d cd2c01", .integer(300), 4..<4),
        ("0d a46563686f", .string("echo"), 6..<6),
        ("0d ff", .integer(-1), 2..<2),
        ("0d d0df 01", .integer(-33), 3..<4),
        ("0d ce70110100", .integer(70000), 6..<6),
        ("0d d9 03 616263 c0", .string("abc"), 6..<7),
        ("0d ca 00000040", .integer(2), 6..<6),
        ("0d cb 0000000000001440 90", .integer(5), 10..<11),
    ])
    func roomData(_ text: String, type: MessageType, payload: Range<Int>) throws {
        #expect(try parse(text) == .roomData(type: type, payload: payload))
    }

    @Test func roomDataBytes() throws {
        #expect(try parse("11 09 0405") == .roomDataBytes(type: 9, payload: 2..<4))
        #expect(try parse("11 a3726177 010203") == .roomDataBytes(type: "raw", payload: 5..<8))
        #expect(try parse("11 a3726177") == .roomDataBytes(type: "raw", payload: 5..<5))
    }

    /// `a0` (the empty string) and prefixes that start neither a string nor a number read as the reference's
    /// `undefined`; a fractional number is named as JS prints it (§4.2).
    @Test func unreadableTypes() {
        #expect(parsingError("0d a0") == .unreadableType(description: "undefined"))
        #expect(parsingError("0d") == .unreadableType(description: "undefined"))
        #expect(parsingError("11") == .unreadableType(description: "undefined"))
        #expect(parsingError("0d c0") == .unreadableType(description: "undefined"))
        #expect(parsingError("0d c3") == .unreadableType(description: "undefined"))
        #expect(parsingError("0d 90") == .unreadableType(description: "undefined"))
        #expect(parsingError("11 a0 0102") == .unreadableType(description: "undefined"))
        #expect(parsingError("0d ca 0000c03f") == .unreadableType(description: "1.5"))
        #expect(parsingError("0d cb 000000000000f83f") == .unreadableType(description: "1.5"))
    }

    @Test func truncatedTypes() {
        #expect(parsingError("0d d9") == .truncatedType)
        #expect(parsingError("0d a4 6d6f") == .truncatedType)
        #expect(parsingError("0d cd 2c") == .truncatedType)
        #expect(parsingError("0d ca 0000") == .truncatedType)
        #expect(parsingError("11 da 01") == .truncatedType)
    }

    /// The array and the raw-buffer entry points agree.
    @Test func rawBufferParsing() throws {
        let bytes = hex("0d a46d6f7665 01")
        let parsed = try bytes.withUnsafeBytes { raw in try ClientFrame(parsing: raw) }
        #expect(parsed == .roomData(type: "move", payload: 6..<7))
    }
}
