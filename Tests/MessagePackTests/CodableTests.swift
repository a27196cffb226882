import Foundation
import MessagePack
import Testing

/// `MessagePackEncoder` and `MessagePackDecoder` with the message types a room server exchanges with the JS SDK.
@Suite("Codable")
struct CodableTests {
    struct Move: Codable, Equatable {
        var x: Double
        var y: Double
    }

    struct Player: Codable, Equatable {
        enum Team: String, Codable { case red, blue }
        enum Rank: Int, Codable { case bronze = 1, silver, gold }
        var name: String
        var team: Team
        var rank: Rank
        var position: Move
        var hp: UInt8
        var score: Int64
        var ratio: Float
        var nickname: String?
        var tags: [String]
        var inventory: [String: Int]
        var friends: [Player]?
        var avatar: [UInt8]
        var joinedAt: MessagePackTimestamp
        var extra: MessagePackValue
    }

    static let player = Player(
        name: "Ana", team: .blue, rank: .gold, position: Move(x: 1.5, y: -2), hp: 200, score: -(1 << 40), ratio: 0.5,
        nickname: nil, tags: ["a", "é"], inventory: ["sword": 1, "potion": 12],
        friends: [Player(
            name: "Bo", team: .red, rank: .bronze, position: Move(x: 0, y: 0), hp: 0, score: 0, ratio: 0, nickname: "b",
            tags: [], inventory: [:], friends: nil, avatar: [], joinedAt: MessagePackTimestamp(seconds: 0), extra: .undefined
        )],
        avatar: [0, 1, 255], joinedAt: MessagePackTimestamp(seconds: 1_704_067_200, nanoseconds: 123_000_000),
        extra: ["any": [1, .nil, "x"]]
    )

    let decoder = MessagePackDecoder()

    // MARK: The room server's two paths

    @Test func moveFromTheJSSDK() throws {
        #expect(try decoder.decode(Move.self, from: hex("d4724092a178a1790102")) == Move(x: 1, y: 2))
        #expect(try decoder.decode(Move.self, from: hex("de0002a17801a17902")) == Move(x: 1, y: 2))
        #expect(try decoder.decode(Move.self, from: hex("82a179cb3ff8000000000000a178ff")) == Move(x: -1, y: 1.5))
        #expect(try decoder.decode([Move].self, from: hex("92d4724092a178a1790102400304")) == [Move(x: 1, y: 2), Move(x: 3, y: 4)])
    }

    /// A payload is often the tail of a frame (`0d <type> <payload>`): slices and raw buffers decode in place, and error
    /// offsets count from the payload's first byte.
    @Test func payloadInsideAFrame() throws {
        let frame = hex("0d a46d6f7665 d4724092a178a1790102")
        #expect(try decoder.decode(Move.self, from: frame[6...]) == Move(x: 1, y: 2))
        #expect(try frame.withUnsafeBytes { try decoder.decode(Move.self, from: UnsafeRawBufferPointer(rebasing: $0[6...])) } == Move(x: 1, y: 2))
        #expect(try MessagePackValue(decoding: frame[6...]) == ["x": 1, "y": 2])
        #expect(decodingError(Array(frame[6 ..< 15])) == MessagePackError(.truncated(needed: 2, available: 1), at: 8))
        #expect(throws: MessagePackError(.truncated(needed: 2, available: 1), at: 8)) { try MessagePackValue(decoding: frame[6 ..< 15]) }
    }

    @Test func moveToTheClients() throws {
        #expect(hex(try MessagePackEncoder(format: .referenceCompatible).encode(Move(x: 1, y: 2))) == "de0002a17801a17902")
        #expect(hex(try MessagePackEncoder().encode(Move(x: 1, y: 2))) == "82a178cb3ff0000000000000a179cb4000000000000000")
        #expect(hex(try MessagePackEncoder().encode(Move(x: 1.5, y: 2.5))) == "82a178cb3ff8000000000000a179cb4004000000000000")
    }

    @Test func encodesAfterAFrameHeader() throws {
        struct Chat: Encodable { var text: String }
        var writer = MessagePackWriter(format: .referenceCompatible, appendingTo: hex("0d a463686174"))
        try MessagePackEncoder().encode(Chat(text: "hi"), into: &writer)
        #expect(hex(writer.bytes) == "0da463686174de0001a474657874a26869")
    }

    // MARK: Round trips

    @Test("nested structs, optionals, enums, arrays, dictionaries, binary, timestamps", arguments: [MessagePackWriter.Format.compact, .referenceCompatible])
    func playerRoundTrip(_ format: MessagePackWriter.Format) throws {
        let bytes = try MessagePackEncoder(format: format).encode(Self.player)
        #expect(try decoder.decode(Player.self, from: bytes) == Self.player)
    }

    @Test func encodedShape() throws {
        let value = try MessagePackValue(decoding: try MessagePackEncoder().encode(Self.player))
        #expect(value["team"] == "blue")
        #expect(value["rank"] == 3)
        #expect(value["hp"] == 200)
        #expect(value["ratio"] == .float(0.5))
        #expect(value["avatar"] == .binary([0, 1, 255]))
        #expect(value["joinedAt"] == .timestamp(MessagePackTimestamp(seconds: 1_704_067_200, nanoseconds: 123_000_000)))
        #expect(value["extra"] == ["any": [1, .nil, "x"]])
        #expect(value["nickname"] == nil)  // encodeIfPresent leaves nil out
        #expect(value["friends"]?[0]?["nickname"] == "b")
        #expect(value.mapValue?.map(\.key) == ["name", "team", "rank", "position", "hp", "score", "ratio", "tags", "inventory", "friends", "avatar", "joinedAt", "extra"])
    }

    @Test func enumWithAssociatedValues() throws {
        enum Command: Codable, Equatable {
            case move(x: Double, y: Double)
            case chat(String)
            case leave
        }
        let commands: [Command] = [.move(x: 1, y: 2), .chat("hi"), .leave]
        #expect(try decoder.decode([Command].self, from: try MessagePackEncoder().encode(commands)) == commands)
    }

    @Test func topLevelScalarsAndCollections() throws {
        let encoder = MessagePackEncoder()
        #expect(hex(try encoder.encode(5)) == "05")
        #expect(hex(try encoder.encode("hi")) == "a26869")
        #expect(hex(try encoder.encode([1, 2])) == "920102")
        #expect(hex(try encoder.encode([UInt8]([1, 2]))) == "c4020102")
        #expect(hex(try encoder.encode(Int?.none)) == "c0")
        #expect(hex(try encoder.encode(UInt64.max)) == "cfffffffffffffffff")
        #expect(hex(try encoder.encode(-1.5 as Float)) == "cabfc00000")
        #expect(hex(try encoder.encode([true: 1] as [Bool: Int])) == "92c301")  // Dictionary: non-string keys alternate
        #expect(try decoder.decode(Int.self, from: hex("05")) == 5)
        #expect(try decoder.decode([UInt8].self, from: hex("c4020102")) == [1, 2])
        #expect(try decoder.decode([UInt8].self, from: hex("920102")) == [1, 2])
        #expect(try decoder.decode(Int?.self, from: hex("d40000")) == nil)
        #expect(try decoder.decode([Int?].self, from: hex("93 01 c0 d40000")) == [1, nil, nil])
    }

    @Test func emptyStructIsAnEmptyMap() throws {
        struct Empty: Codable, Equatable {}
        #expect(hex(try MessagePackEncoder().encode(Empty())) == "80")
        #expect(hex(try MessagePackEncoder(format: .referenceCompatible).encode(Empty())) == "de0000")
        #expect(try decoder.decode(Empty.self, from: hex("d4724090")) == Empty())
    }

    @Test func dictionaries() throws {
        let large = Dictionary(uniqueKeysWithValues: (0 ..< 1000).map { ("key\($0)", $0) })
        #expect(try decoder.decode([String: Int].self, from: try MessagePackEncoder().encode(large)) == large)
        // Integer keys, as a JS Map or another SDK may send them, name the entries by their decimal text.
        #expect(try decoder.decode([Int: String].self, from: hex("82 01 a178 cd0100 a179")) == [1: "x", 256: "y"])
        #expect(try decoder.decode([String: String].self, from: hex("81 01 a178")) == ["1": "x"])
        #expect(try decoder.decode([Int: String].self, from: try MessagePackEncoder().encode([7: "x"])) == [7: "x"])
    }

    @Test func duplicateKeysTakeTheLastEntry() throws {
        #expect(try decoder.decode(Move.self, from: hex("83 a178 01 a179 02 a178 03")) == Move(x: 3, y: 2))
        // A map large enough to be indexed rather than searched.
        var writer = MessagePackWriter()
        writer.writeMapHeader(count: 22)
        for index in 0 ..< 20 { writer.write("k\(index)"); writer.write(index) }
        writer.write("x"); writer.write(1)
        writer.write("x"); writer.write(5)
        struct Wide: Decodable { var x: Int; var k19: Int }
        let wide = try decoder.decode(Wide.self, from: writer.bytes)
        #expect(wide.x == 5 && wide.k19 == 19)
    }

    @Test func classInheritanceThroughSuperEncoder() throws {
        class Base: Codable {
            var id: Int
            init(id: Int) { self.id = id }
        }
        final class Derived: Base {
            var label: String
            enum CodingKeys: String, CodingKey { case label }
            init(id: Int, label: String) {
                self.label = label
                super.init(id: id)
            }
            required init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                label = try container.decode(String.self, forKey: .label)
                try super.init(from: container.superDecoder())
            }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try super.encode(to: container.superEncoder())
                try container.encode(label, forKey: .label)
            }
        }
        let bytes = try MessagePackEncoder().encode(Derived(id: 7, label: "x"))
        #expect(try MessagePackValue(decoding: bytes) == ["super": ["id": 7], "label": "x"])
        let decoded = try decoder.decode(Derived.self, from: bytes)
        #expect(decoded.id == 7 && decoded.label == "x")
    }

    @Test func nestedContainersFilledAfterLaterKeys() throws {
        struct Interleaved: Encodable {
            enum Keys: String, CodingKey { case a, b, x }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .a)
                var list = container.nestedUnkeyedContainer(forKey: .b)
                try container.encode(3, forKey: .x)
                try nested.encode(1, forKey: .x)
                try list.encode(2)
            }
        }
        #expect(try MessagePackValue(decoding: try MessagePackEncoder().encode(Interleaved())) == ["a": ["x": 1], "b": [2], "x": 3])
    }

    @Test func messagePackValueFieldsPassThrough() throws {
        struct Envelope: Codable, Equatable {
            var type: String
            var data: MessagePackValue
        }
        let bytes = hex("d4 72 40 92 a474797065 a464617461 a463686174 93 c0 d40000 ca3fc00000")
        let envelope = try decoder.decode(Envelope.self, from: bytes)
        #expect(envelope == Envelope(type: "chat", data: [.nil, .undefined, .float(1.5)]))
        #expect(hex(try MessagePackEncoder().encode(envelope)) == "82a474797065a463686174a46461746193c0d40000ca3fc00000")
    }

    @Test func userInfoReachesTheValues() throws {
        let key = CodingUserInfoKey(rawValue: "scale")!
        struct Scaled: Codable {
            var value: Int
            init(value: Int) { self.value = value }
            init(from decoder: any Decoder) throws {
                value = try decoder.singleValueContainer().decode(Int.self) * (decoder.userInfo[CodingUserInfoKey(rawValue: "scale")!] as! Int)
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(value * (encoder.userInfo[CodingUserInfoKey(rawValue: "scale")!] as! Int))
            }
        }
        let bytes = try MessagePackEncoder(userInfo: [key: 10]).encode([Scaled(value: 2)])
        #expect(hex(bytes) == "9114")
        #expect(try MessagePackDecoder(userInfo: [key: 3]).decode([Scaled].self, from: bytes).map(\.value) == [60])
    }

    // MARK: Numbers

    @Test func exactNumericConversions() throws {
        #expect(try decoder.decode(Int.self, from: hex("cb4008000000000000")) == 3)
        #expect(try decoder.decode(Int.self, from: hex("ca40400000")) == 3)
        #expect(try decoder.decode(Int64.self, from: hex("cb4270000000000000")) == 1 << 40)
        #expect(try decoder.decode(UInt64.self, from: hex("cfffffffffffffffff")) == .max)
        #expect(try decoder.decode(Int8.self, from: hex("d080")) == -128)
        #expect(try decoder.decode(Double.self, from: hex("cd0100")) == 256)
        #expect(try decoder.decode(Double.self, from: hex("ca3fc00000")) == 1.5)
        #expect(try decoder.decode(Double.self, from: hex("d30020000000000000")) == 9_007_199_254_740_992)
        #expect(try decoder.decode(Float.self, from: hex("cb3fb999999999999a")) == 0.1)
        #expect(try decoder.decode(Float.self, from: hex("cb7ff0000000000000")) == .infinity)
        #expect(try decoder.decode(Float.self, from: hex("cb7ff8000000000000")).isNaN)
        #expect(try decoder.decode(Float.self, from: hex("ce01000000")) == 16_777_216)
        #expect(try decoder.decode([UInt16].self, from: hex("92 cdffff cb40efffe000000000")) == [65535, 65535])
    }

    /// Numbers a type does not hold exactly are `dataCorrupted`, other kinds of value `typeMismatch`, nil
    /// `valueNotFound`, all with the coding path of the value.
    @Test func numericConversionErrors() {
        expectError("cb3ff8000000000000", Int.self, .dataCorrupted, path: [])
        expectError("cd0100", UInt8.self, .dataCorrupted, path: [])
        expectError("d1ff7f", Int8.self, .dataCorrupted, path: [])
        expectError("ff", UInt.self, .dataCorrupted, path: [])
        expectError("cfffffffffffffffff", Int64.self, .dataCorrupted, path: [])
        expectError("cb7ff8000000000000", Int.self, .dataCorrupted, path: [])
        expectError("cb7ff0000000000000", Int32.self, .dataCorrupted, path: [])
        expectError("d30020000000000001", Double.self, .dataCorrupted, path: [])
        expectError("d3 0000000001000001", Float.self, .dataCorrupted, path: [])
        expectError("cb7e37e43c8800759c", Float.self, .dataCorrupted, path: [])
        expectError("a131", Int.self, .typeMismatch, path: [])
        expectError("c3", Double.self, .typeMismatch, path: [])
        expectError("01", Bool.self, .typeMismatch, path: [])
        expectError("01", String.self, .typeMismatch, path: [])
        expectError("c0", Int.self, .valueNotFound, path: [])
        expectError("d40000", String.self, .valueNotFound, path: [])
        expectError("c4020102", MessagePackTimestamp.self, .typeMismatch, path: [])
        expectError("92 01 a178", [Int].self, .typeMismatch, path: ["Index 1"])
        expectError("92 01 cd0100", [UInt8].self, .dataCorrupted, path: ["Index 1"])
        expectError("92 d4724092a178a1790102 40 01 a178", [Move].self, .typeMismatch, path: ["Index 1", "y"])
        expectError("d4724092a178a17901c0", Move.self, .valueNotFound, path: ["y"])
        expectError("d4724091a17801", Move.self, .keyNotFound, path: [])
        expectError("d4724091a17801", [Move].self, .typeMismatch, path: [])
        expectError("92 01 02", Move.self, .typeMismatch, path: [])
        expectError("c0", Move.self, .valueNotFound, path: [])
    }

    @Test func unkeyedContainerAtItsEnd() {
        struct Pair: Decodable {
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                _ = try container.decode(Int.self)
                _ = try container.decode(Int.self)
            }
        }
        expectError("91 01", Pair.self, .valueNotFound, path: ["Index 1"])
    }

    @Test func malformedBytesAreDataCorruptedWithTheReaderError() throws {
        let error = try #require(throws: DecodingError.self) { try decoder.decode(Move.self, from: hex("d4724092a178a17901")) }
        guard case let .dataCorrupted(context) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(context.underlyingError as? MessagePackError == MessagePackError(.truncated(needed: 2, available: 1), at: 8))
        #expect(context.debugDescription == "MessagePack error at byte 8: unexpected end of data: 2 bytes needed, 1 left")
        #expect(throws: DecodingError.self) { try MessagePackDecoder(maximumDepth: 1).decode([[Int]].self, from: hex("9191 01")) }
    }

    // MARK: Other coders

    /// `MessagePackValue` through `JSONEncoder` and `JSONDecoder`, as a field of a message forwarded elsewhere.
    @Test func messagePackValueWithJSON() throws {
        let value: MessagePackValue = ["a": [1, 2.5, "s", .nil, true], "b": .binary([1, 2]), "t": .timestamp(.init(seconds: 5))]
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        #expect(json.contains(#""a":[1,2.5,"s",null,true]"#))
        #expect(json.contains(#""b":[1,2]"#))
        #expect(json.contains(#""seconds":5"#))
        let decoded = try JSONDecoder().decode(MessagePackValue.self, from: Data(#"{"a":[1,2.5,"s",null,true,18446744073709551615]}"#.utf8))
        #expect(decoded == ["a": [1, 2.5, "s", .nil, true, .uint(.max)]])
        #expect(String(decoding: try JSONEncoder().encode([1: "x"] as MessagePackValue), as: UTF8.self) == #"[1,"x"]"#)
    }

    // MARK: Helpers

    enum ErrorKind { case dataCorrupted, typeMismatch, valueNotFound, keyNotFound }

    /// Decoding the well-formed payload `text` as `T` fails with `kind` at `path`, with a message.
    func expectError<T: Decodable>(_ text: String, _: T.Type, _ kind: ErrorKind, path: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try decoder.decode(T.self, from: hex(text))
            Issue.record("\(text) decoded as \(T.self)", sourceLocation: sourceLocation)
        } catch let error as DecodingError {
            let (actual, context): (ErrorKind?, DecodingError.Context?) = switch error {
            case let .dataCorrupted(context): (.dataCorrupted, context)
            case let .typeMismatch(_, context): (.typeMismatch, context)
            case let .valueNotFound(_, context): (.valueNotFound, context)
            case let .keyNotFound(_, context): (.keyNotFound, context)
            @unknown default: (nil, nil)
            }
            #expect(actual == kind, "\(text) as \(T.self): \(error)", sourceLocation: sourceLocation)
            #expect(context?.codingPath.map(\.stringValue) == path, "\(text) as \(T.self)", sourceLocation: sourceLocation)
            #expect(context?.underlyingError == nil, sourceLocation: sourceLocation)
            #expect(context?.debugDescription.isEmpty == false, sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(text) as \(T.self): \(error)", sourceLocation: sourceLocation)
        }
    }
}
