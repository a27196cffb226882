import Foundation
import NIOCore
import ColyseusSchema
import Testing

@testable import ColyseusServer

/// The server's frames as transports get them (Client/Frames.swift): headers from ColyseusProtocol, payloads packed
/// reference-compatible, against the serverToClient frames of frames.json and the server examples of PROTOCOL.md §4.3.
@Suite struct FramesTests {
    /// The values of the ROOM_DATA vectors, keyed by message type, with map entries in the reference's order.
    static let payloads: [String: MessagePackValue] = [
        "moved": ["x": 10, "y": 10.5],
        "7": "hello",
        "list": [1, "a", true, .nil, 1.5],
        "nested": ["a": ["b": [1, ["c": "d"]]], "big": 1_099_511_627_776, "neg": -3],
    ]

    static var roomData: [ServerFrameVectors.Frame] {
        get throws { try ServerFrameVectors.load().serverToClient.filter { $0.protocol == "ROOM_DATA" } }
    }

    @Test func vectorFileHasFiveRoomDataFrames() throws {
        #expect(try Self.roomData.count == 5)
        #expect(try Self.roomData.filter { $0.payloadHex == "" }.count == 1)
    }

    @Test(arguments: try roomData)
    func roomDataFrame(_ frame: ServerFrameVectors.Frame) throws {
        let type = try messageType(frame)
        if frame.payloadHex == "" {
            #expect(hex(Frames.roomData(type: type, payload: [])) == frame.hex)
            return
        }
        let value = try #require(Self.payloads[type.description])
        #expect(hex(Frames.roomData(type: type, value: value)) == frame.hex)
        // The vector's payload bytes passed through give the same frame.
        #expect(hex(Frames.roomData(type: type, payload: bytes(frame.payloadHex!))) == frame.hex)
    }

    /// A Codable message goes through the same reference-compatible packing (integers as fixint, fractions as float64).
    @Test func encodableMessage() throws {
        struct Moved: Encodable { let x: Int; let y: Double }
        let moved = try #require(try Self.roomData.first { $0.type == "moved" })
        #expect(hex(try Frames.roomData(type: "moved", message: Moved(x: 10, y: 10.5))) == moved.hex)
        struct Count: Encodable { let n: Int }
        #expect(hex(try Frames.roomData(type: 5, message: Count(n: 1))) == "0d05de0001a16e01")
        #expect(hex(try Frames.roomData(type: "now", message: "immediate")) == "0da36e6f77a9696d6d656469617465")
    }

    @Test func otherFrames() throws {
        let vectors = try ServerFrameVectors.load()
        let error = try #require(vectors.serverToClient.first { $0.protocol == "ERROR" })
        #expect(hex(Frames.error(code: error.code!, message: error.message!)) == error.hex)
        #expect(hex(Frames.error(code: 4321, message: "custom error")) == "0bcde110ac637573746f6d206572726f72")
        let bin = try #require(vectors.serverToClient.first { $0.protocol == "ROOM_DATA_BYTES" })
        #expect(hex(Frames.roomDataBytes(type: "bin", bytes: [1, 2, 3])) == bin.hex)
        #expect(hex(Frames.roomDataBytes(type: 9, bytes: [4, 5])) == "11090405")
        let ping = try #require(vectors.serverToClient.first { $0.protocol == "PING" })
        #expect(hex(Frames.ping) == ping.hex)
    }

    /// A frame buffer is independent of the writer that built it and can be read by every transport.
    @Test func buffersAreReadFromTheStart() {
        let frame = Frames.roomData(type: "chat", value: ["text": "hi"])
        #expect(frame.readerIndex == 0)
        #expect(hex(frame) == "0da463686174de0001a474657874a26869")
    }

    struct MissingType: Error {}

    func messageType(_ frame: ServerFrameVectors.Frame) throws -> MessageType {
        switch frame.type {
        case .string(let text): return .string(text)
        case .number(let number): return .integer(try #require(Int(exactly: number)))
        default:
            Issue.record("no type in \(frame.description)")
            throw MissingType()
        }
    }
}

/// Schema instances sent as messages become plain MessagePack values (Support/MessagePackValue+Schema.swift).
@Suite struct SchemaMessageValueTests {
    /// A hand-written schema class with a map, an array, an optional and fixed-width integers.
    final class Scoreboard: Schema {
        var title: String? = "finals"
        var round: UInt8 = 3
        var offset: Int16 = -2
        var winner: String?
        let scores = MapSchema<Double>()
        let tags = ArraySchema<String>()

        override class var schemaName: String { "Scoreboard" }
        override class var fieldCount: Int { 6 }
        override class var ownFields: [SchemaField] {
            [
                SchemaField(index: 0, name: "title", type: .primitive(.string)),
                SchemaField(index: 1, name: "round", type: .primitive(.uint8)),
                SchemaField(index: 2, name: "offset", type: .primitive(.int16)),
                SchemaField(index: 3, name: "winner", type: .primitive(.string)),
                SchemaField(index: 4, name: "scores", type: .collection(.map, .primitive(.number))),
                SchemaField(index: 5, name: "tags", type: .collection(.array, .primitive(.string))),
            ]
        }

        override func value(ofField index: Int) -> Any? {
            switch index {
            case 0: return title
            case 1: return round
            case 2: return offset
            case 3: return winner
            case 4: return scores
            case 5: return tags
            default: return nil
            }
        }
    }

    @Test func fieldsInIndexOrderUnsetOnesLeftOut() {
        let board = Scoreboard()
        board.scores.set("alice", 12)
        board.scores.set("bob", 7.5)
        board.tags.append("ranked")
        board.tags.append("eu")
        let value = MessagePackValue(schema: board)
        #expect(value == [
            "title": "finals", "round": 3, "offset": -2, "scores": ["alice": .double(12), "bob": .double(7.5)], "tags": ["ranked", "eu"],
        ])
        var writer = MessagePackWriter(format: .referenceCompatible)
        writer.write(value)
        #expect(hex(writer.bytes) == "de0005a57469746c65a666696e616c73a5726f756e6403a66f6666736574fe"
            + "a673636f726573de0002a5616c6963650ca3626f62cb401e000000000000a47461677392a672616e6b6564a26575")
    }

    /// Nested schemas and arrays of schemas: the handshake's own Reflection classes.
    @Test func nestedSchemas() {
        let reflection = Reflection()
        let type = ReflectionType()
        type.id = 0
        let field = ReflectionField()
        field.name = "x"
        field.type = "number"
        type.fields.append(field)
        reflection.types.append(type)
        #expect(MessagePackValue(schema: reflection) == [
            "types": [["id": .double(0), "fields": [["name": "x", "type": "number"]]]],
        ])
        #expect(MessagePackValue(schema: ReflectionField()) == .map([]))
    }
}
