import ColyseusSchema
import Testing

/// The committed golden outputs of the renderer (Golden/*.swift) compile as part of this target;
/// these tests check that they also work: a full state of each encodes and decodes to equal values.
@Suite("Golden outputs")
struct GoldenOutputTests {
    /// A readable dump of a decoded or encoded value, with classes named, built from the generated
    /// `value(ofField:)` and collection entries.
    private func dump(_ value: Any?) -> String {
        switch value {
        case nil: return "nil"
        case let schema as Schema:
            let fields = type(of: schema).allFields.map { "\($0.name)=\(dump(schema.value(ofField: $0.index)))" }
            return "\(type(of: schema).schemaName){\(fields.joined(separator: ", "))}"
        case let collection as any AnySchemaCollection:
            return "[" + collection.anyEntries.map { "\($0.key): \(dump($0.value))" }.joined(separator: ", ") + "]"
        case let value?:
            return "\(value)"
        }
    }

    private func roundTrip<State: Schema>(_ state: State) throws -> State {
        let encoder = StateEncoder(state: state)
        let decoder = StateDecoder<State>()
        try decoder.decode(encoder.encodeFullState())
        #expect(dump(decoder.state) == dump(state))
        return decoder.state
    }

    @Test func defaultsArriveUnchanged() throws {
        let state = Defaults()
        // `number` is lossy by design: -2.5e-7 travels as float32 (PROTOCOL.md §8.3).
        let encoder = StateEncoder(state: state)
        let lossy = StateDecoder<Defaults>()
        try lossy.decode(encoder.encodeFullState())
        #expect(lossy.state.num == Double(Float(-2.5e-7)))

        let exact = Defaults()
        exact.num = -0.25
        let decoded = try roundTrip(exact)
        #expect(decoded.i8 == -128)
        #expect(decoded.u64 == .max)
        #expect(decoded.str.contains("\u{1F600}"))
    }

    @Test func collectionDefaultsArriveUnchanged() throws {
        let decoded = try roundTrip(CollectionDefaults())
        #expect(decoded.weights.elements == [1, 0.5, 0.25])
        #expect(decoded.counts.elements == [1, 1, 2])
        #expect(decoded.words.elements == ["a\"b", "c\\d"])
    }

    @Test func explicitElementTypesKeepFullPrecision() throws {
        let state = ExplicitElements()
        state.doubles.append(0.1)  // `number` would send 0.1 as float32
        state.big["k"] = 1 << 62
        state.ubig.insert(UInt64.max)
        state.bag.insert(1.0 / 3.0)
        let decoded = try roundTrip(state)
        #expect(decoded.doubles.elements == [0.1])
        #expect(decoded.big["k"] == 1 << 62)
        #expect(decoded.ubig.elements == [UInt64.max])
        #expect(decoded.bag.elements == [1.0 / 3.0])
    }

    @Test func subclassesDecodeAsTheirOwnClass() throws {
        let state = World()
        let boss = Boss()
        boss.id = "b"
        state.entities["b"] = boss
        state.entities["m"] = Marker()
        state.focus = boss
        let decoded = try roundTrip(state)
        #expect(decoded.entities["b"] is Boss)
        #expect(decoded.entities["m"] is Marker)
        #expect(decoded.focus === decoded.entities["b"])
    }

    @Test func childrenAndCollectionsOfSchemasRoundTrip() throws {
        let state = Holder()
        let shared = Item()
        shared.name = "shared"
        state.maybeChild = shared
        state.items.append(shared)
        state.itemsByKey["a"] = shared
        state.itemSet.insert(shared)
        state.itemBag.insert(shared)
        state.names.append(contentsOf: ["x", "y"])
        state.log.insert(-3)
        let decoded = try roundTrip(state)
        #expect(decoded.items[0] === decoded.maybeChild)
        #expect(decoded.itemsByKey["a"] === decoded.maybeChild)
    }
}
