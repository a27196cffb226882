import ColyseusSchema
import Testing

/// `ReflectedType.decodeHandshake` on crafted handshakes: inheritance chains, cycles, unknown parents
/// and the 64-field limit (PROTOCOL.md §8.15, §8.16, §9.4).
@Suite("handshake validation")
struct HandshakeValidationTests {
    /// A type of a crafted handshake: id, optional parent, own field names (all `uint8`).
    struct TypeSpec {
        var id: Int
        var extendsId: Int?
        var fields: [String] = []
    }

    /// Encodes a handshake listing `specs` in the given order.
    static func handshake(_ specs: [TypeSpec]) -> [UInt8] {
        let reflection = Reflection()
        for spec in specs {
            let type = ReflectionType()
            type.id = Double(spec.id)
            type.extendsId = spec.extendsId.map(Double.init)
            for name in spec.fields {
                let field = ReflectionField()
                field.name = name
                field.type = "uint8"
                type.fields.append(field)
            }
            reflection.types.append(type)
        }
        return StateEncoder(state: reflection).encodeFullState()
    }

    static func decode(_ specs: [TypeSpec]) throws(SchemaDecodingError) -> [ReflectedType] {
        try ReflectedType.decodeHandshake(handshake(specs)).types
    }

    @Test("inherited fields come first, whatever the order the types are listed in")
    func inheritanceInAnyOrder() throws {
        let specs = [
            TypeSpec(id: 3, extendsId: 2, fields: ["c"]),
            TypeSpec(id: 1, extendsId: nil, fields: ["a0", "a1"]),
            TypeSpec(id: 2, extendsId: 1, fields: ["b"]),
            TypeSpec(id: 0, extendsId: nil, fields: ["root"]),
            TypeSpec(id: 4, extendsId: 2, fields: []),
        ]
        let types = try Self.decode(specs)
        #expect(types.map(\.id) == [0, 1, 2, 3, 4])
        #expect(types.map(\.extendsId) == [nil, nil, 1, 2, 2])
        #expect(types.map { $0.fields.map(\.name) } == [["root"], ["a0", "a1"], ["a0", "a1", "b"], ["a0", "a1", "b", "c"], ["a0", "a1", "b"]])
        #expect(types.allSatisfy { $0.fields.map(\.index) == Array($0.fields.indices) })
    }

    @Test("a 10,000-deep chain of types without fields decodes quickly, without recursion")
    func deepChainWithoutFields() throws {
        let depth = 10_000
        // Deepest first: each type's ancestors come later in the list.
        var specs = (1..<depth).reversed().map { TypeSpec(id: $0, extendsId: $0 - 1) }
        specs.append(TypeSpec(id: 0, extendsId: nil, fields: ["only"]))
        let bytes = Self.handshake(specs)
        let clock = ContinuousClock()
        var types: [ReflectedType] = []
        let elapsed = try clock.measure { types = try ReflectedType.decodeHandshake(bytes).types }
        #expect(types.count == depth)
        #expect(types.allSatisfy { $0.fields.map(\.name) == ["only"] })
        #expect(types.last?.extendsId == depth - 2)
        // Linear work: well under a second even in a debug build on a busy machine (the quadratic
        // resolution walked ~50 million ancestors).
        #expect(elapsed < .seconds(5), "\(elapsed)")
    }

    @Test("a 10,000-deep chain with a field per type is rejected at the 65th field")
    func deepChainWithFields() {
        let depth = 10_000
        let specs = (0..<depth).reversed().map { TypeSpec(id: $0, extendsId: $0 == 0 ? nil : $0 - 1, fields: ["f\($0)"]) }
        #expect(throws: SchemaDecodingError.invalidHandshake("type 64 has 65 fields including inherited ones; at most 64 are allowed")) {
            try Self.decode(specs)
        }
    }

    @Test("64 fields including inherited ones are accepted, 65 are not")
    func fieldLimit() throws {
        let parent = (0..<40).map { "p\($0)" }
        let accepted = try Self.decode([
            TypeSpec(id: 0, extendsId: nil, fields: parent),
            TypeSpec(id: 1, extendsId: 0, fields: (0..<24).map { "c\($0)" }),
        ])
        #expect(accepted.last?.fields.count == 64)
        #expect(accepted.last?.fields.last?.index == 63)

        #expect(throws: SchemaDecodingError.invalidHandshake("type 1 has 65 fields including inherited ones; at most 64 are allowed")) {
            try Self.decode([
                TypeSpec(id: 0, extendsId: nil, fields: parent),
                TypeSpec(id: 1, extendsId: 0, fields: (0..<25).map { "c\($0)" }),
            ])
        }
        #expect(throws: SchemaDecodingError.invalidHandshake("type 0 has 65 fields; at most 64 are allowed")) {
            try Self.decode([TypeSpec(id: 0, extendsId: nil, fields: (0..<65).map { "f\($0)" })])
        }
    }

    @Test("inheritance cycles are rejected")
    func cycles() {
        #expect(throws: SchemaDecodingError.invalidHandshake("inheritance cycle through type 0")) {
            try Self.decode([TypeSpec(id: 0, extendsId: 0)])
        }
        #expect(throws: SchemaDecodingError.invalidHandshake("inheritance cycle through type 1")) {
            try Self.decode([TypeSpec(id: 0, extendsId: nil), TypeSpec(id: 1, extendsId: 2), TypeSpec(id: 2, extendsId: 1)])
        }
        // A long chain that ends in a loop of three: 0 → 1 → … → 9999 → 9997.
        let depth = 10_000
        let loop = (0..<depth).map { TypeSpec(id: $0, extendsId: $0 == depth - 1 ? depth - 3 : $0 + 1) }
        #expect(throws: SchemaDecodingError.invalidHandshake("inheritance cycle through type \(depth - 3)")) {
            try Self.decode(loop)
        }
    }

    @Test("a parent the handshake does not list is rejected")
    func unknownParent() {
        #expect(throws: SchemaDecodingError.invalidHandshake("type 1 extends type 7, which the handshake does not list")) {
            try Self.decode([TypeSpec(id: 0, extendsId: nil), TypeSpec(id: 1, extendsId: 7, fields: ["a"])])
        }
        // At the end of a long chain.
        let depth = 10_000
        let chain = (0..<depth).map { TypeSpec(id: $0, extendsId: $0 == depth - 1 ? -5 : $0 + 1) }
        #expect(throws: SchemaDecodingError.invalidHandshake("type \(depth - 1) extends type -5, which the handshake does not list")) {
            try Self.decode(chain)
        }
    }

    @Test("a type id listed twice is rejected")
    func duplicateTypeId() {
        #expect(throws: SchemaDecodingError.invalidHandshake("type 1 is listed twice")) {
            try Self.decode([TypeSpec(id: 0, extendsId: nil), TypeSpec(id: 1, extendsId: nil), TypeSpec(id: 1, extendsId: 0)])
        }
    }
}
