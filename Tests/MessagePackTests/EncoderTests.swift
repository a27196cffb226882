import MessagePack
import Testing

/// `MessagePackEncoder` writes values as they are encoded, and falls back to a tree of nodes for what a stream cannot
/// follow; both must give the same bytes.
@Suite("MessagePackEncoder: streaming and fallback")
struct EncoderTests {
    static let formats: [MessagePackWriter.Format] = [.compact, .referenceCompatible]

    @Test("random container trees: streamed and through nodes give the same bytes, which decode back", arguments: formats)
    func streamedEqualsNodes(_ format: MessagePackWriter.Format) throws {
        let encoder = MessagePackEncoder(format: format)
        var random = RandomValue(seed: format == .compact ? 11 : 12)
        for _ in 0 ..< 300 {
            let value = DynamicValue.random(using: &random)
            let streamed = try encoder.encode(ThroughStream(value: value))
            #expect(hex(streamed) == hex(try encoder.encode(ThroughNodes(value: value))))
            #expect(try MessagePackDecoder().decode([DynamicValue].self, from: streamed) == [value])
        }
    }

    @Test("containers beyond the fix and map16 sizes widen their headers", arguments: formats)
    func wideContainers(_ format: MessagePackWriter.Format) throws {
        let encoder = MessagePackEncoder(format: format)
        let map = Dictionary(uniqueKeysWithValues: (0 ..< 70_000).map { ("\($0)", $0 % 3) })
        let list = (0 ..< 70_000).map { $0 % 5 }
        let bytes = try encoder.encode([map])
        #expect(hex(Array(bytes.prefix(6))) == "91df00011170")
        #expect(try MessagePackDecoder().decode([[String: Int]].self, from: bytes) == [map])
        let listBytes = try encoder.encode(list)
        #expect(hex(Array(listBytes.prefix(5))) == "dd00011170")
        #expect(try MessagePackDecoder().decode([Int].self, from: listBytes) == list)
        let sixteen = try encoder.encode(Array(repeating: [String: Int](), count: 16))
        #expect(hex(sixteen) == "dc0010" + String(repeating: format == .compact ? "80" : "de0000", count: 16))
    }

    @Test func valueEncodingNothingIsAnEmptyMap() throws {
        struct Nothing: Encodable {
            func encode(to _: any Encoder) {}
        }
        #expect(hex(try MessagePackEncoder().encode([Nothing(), Nothing()])) == "928080")
        #expect(hex(try MessagePackEncoder(format: .referenceCompatible).encode(Nothing())) == "de0000")
    }

    /// A class and its superclass writing into the same keyed container (without a super encoder) share one map.
    @Test func sharedKeyedContainer() throws {
        class Base: Encodable {
            var id = 1
            private enum CodingKeys: String, CodingKey { case id }
        }
        final class Derived: Base {
            var name = "x"
            private enum CodingKeys: String, CodingKey { case name }
            override func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(name, forKey: .name)
                try super.encode(to: encoder)
            }
        }
        #expect(try MessagePackValue(decoding: try MessagePackEncoder().encode([Derived()])) == [["name": "x", "id": 1]])
    }

    /// Misuse a stream cannot follow falls back to nodes, which behave as `JSONEncoder`'s tree: the last single value
    /// wins.
    @Test func secondSingleValueFallsBack() throws {
        struct Twice: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(1)
                try container.encode(2)
            }
        }
        #expect(hex(try MessagePackEncoder().encode(["a": Twice()])) == "81a16102")
    }

    @Test func errorsLeaveTheWriterAsItWas() throws {
        struct Failure: Error {}
        struct Failing: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.unkeyedContainer()
                try container.encode(1)
                throw Failure()
            }
        }
        var writer = MessagePackWriter(appendingTo: [0x0D, 0x01])
        #expect(throws: Failure.self) { try MessagePackEncoder().encode(["ok": [Failing()]], into: &writer) }
        #expect(writer.bytes == [0x0D, 0x01])
        #expect(throws: Failure.self) { try MessagePackEncoder().encode(ThroughNodes(value: Failing()), into: &writer) }
        #expect(writer.bytes == [0x0D, 0x01])
    }

    @Test func codingPathsWhileEncoding() throws {
        struct Probe: Encodable {
            let record: @Sendable ([String]) -> Void
            func encode(to encoder: any Encoder) throws {
                record(encoder.codingPath.map(\.stringValue))
                var container = encoder.singleValueContainer()
                try container.encodeNil()
            }
        }
        struct Outer: Encodable {
            let probe: Probe
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: DynamicValue.Key.self)
                var list = container.nestedUnkeyedContainer(forKey: DynamicValue.Key(stringValue: "list"))
                try list.encode(0)
                try list.encode(probe)
                try container.encode([probe], forKey: DynamicValue.Key(stringValue: "direct"))
            }
        }
        let paths = PathLog()
        _ = try MessagePackEncoder().encode(Outer(probe: Probe { paths.append($0) }))
        #expect(paths.all == [["list", "Index 1"], ["direct", "Index 0"]])
    }
}

/// Coding paths recorded by `Probe`.
final class PathLog: @unchecked Sendable {
    private(set) var all: [[String]] = []
    func append(_ path: [String]) { all.append(path) }
}
