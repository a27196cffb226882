import ColyseusSchema
import SchemaTestSupport
import Testing
import VectorStates

/// `session-stateview.json` (PROTOCOL.md §10): the frames each client receives, byte for byte, and each
/// client's decoded state after every frame. The steps rebuild the reference scenario; a miniature of
/// the room's serializer (``ViewSession``) decides who gets what, as the reference's does.
@Suite("StateView vectors (session-stateview.json)")
struct StateViewVectorTests {
    @Test func fieldsAndTags() throws {
        let scenario = try StateViewVector.load().scenario("fieldsAndTags")
        let room = FieldsAndTagsScenario()
        let session = ViewSession(state: room.state, scenario: scenario)
        let viewA = session.views["A"]!!
        let viewB = session.views["B"]!!
        try session.check(
            scenario.steps,
            actions: [{ room.prepareViews(a: viewA) }] + (1...FieldsAndTagsScenario.patchSteps).map { step in
                { room.perform(step: step, a: viewA, b: viewB) }
            },
            deviation: FieldsAndTagsScenario.withoutCustomTagLeak)
    }

    @Test func arrayByRefId() throws {
        let scenario = try StateViewVector.load().scenario("arrayByRefId")
        let state = Deck()
        let cards = ArraySchema<DeckItem>()
        state.cards = cards
        for value in 1...3 { cards.append(makeItem(UInt8(value))) }
        let session = ViewSession(state: state, scenario: scenario)
        let viewA = session.views["A"]!!

        try session.check(scenario.steps, actions: [
            {},
            { viewA.add(cards[1]) },
            { viewA.add(cards[2]) },
            { cards[1].v = 20 },
            { viewA.remove(cards[1]) },
            {
                let item = makeItem(4)
                cards.append(item)
                viewA.add(item)
            },
            { cards.splice(0, deleteCount: 1) },
        ])
    }

    private func makeItem(_ value: UInt8) -> DeckItem {
        let item = DeckItem()
        item.v = value
        return item
    }
}

/// The reference server's serializer in miniature: full states (shared part, then the client's view
/// part), and patch ticks where every joined client gets the shared patch plus its view's part when
/// anything changed, and only clients whose view changed get a patch otherwise.
final class ViewSession<State: Schema> {
    let encoder: StateEncoder
    let clients: [String]
    let views: [String: StateView?]
    private var decoders: [String: StateDecoder<State>] = [:]
    private let handshake: String

    init(state: State, scenario: StateViewVector.Scenario) {
        encoder = StateEncoder(state: state)
        encoder.discardChanges()  // a room's first tick, before anyone joined
        clients = scenario.clients.map(\.name)
        views = Dictionary(uniqueKeysWithValues: scenario.clients.map { ($0.name, $0.hasView ? StateView() : nil) })
        handshake = scenario.handshake
    }

    /// The frames of the first step (full states) and of every later step (patch ticks), each after
    /// its action; `deviation` adjusts the expectation of a frame where we deliberately differ.
    func check(
        _ steps: [StateViewVector.Step], actions: [() -> Void],
        deviation: (String, Int, String, JSONValue?) -> (String, JSONValue?) = { _, _, hex, decoded in (hex, decoded) },
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(Hex.encode(encoder.encodeHandshake()) == handshake, "handshake", sourceLocation: sourceLocation)
        try #require(actions.count == steps.count, sourceLocation: sourceLocation)
        for (number, step) in steps.enumerated() {
            actions[number]()
            let frames = number == 0 ? fullStates() : tick()
            for client in clients {
                let expected = try #require(step.frame(client), sourceLocation: sourceLocation)
                guard let expectedHex = expected.hex else {
                    #expect(frames[client] == nil, "\(step.step): \(client) gets nothing", sourceLocation: sourceLocation)
                    continue
                }
                let (hex, decoded) = deviation(client, number, expectedHex, expected.decodedAfter)
                let frame = try #require(frames[client], "\(step.step): \(client) gets a frame", sourceLocation: sourceLocation)
                #expect(Hex.encode(frame) == hex, "\(step.step): \(client)", sourceLocation: sourceLocation)
                let decoder = decoders[client] ?? StateDecoder<State>()
                decoders[client] = decoder
                try decoder.decode(Array(frame.dropFirst()))
                #expect(StateJSON.value(decoder.state) == decoded, "\(step.step): \(client)'s state", sourceLocation: sourceLocation)
            }
        }
    }

    private func fullStates() -> [String: [UInt8]] {
        var frames: [String: [UInt8]] = [:]
        for client in clients {
            var writer = ByteWriter()
            writer.byte(0x0E)
            encoder.encodeFullState(into: &writer)
            if let view = views[client]! { encoder.encodeFullState(for: view, into: &writer) }
            frames[client] = writer.bytes
        }
        return frames
    }

    private func tick() -> [String: [UInt8]] {
        var frames: [String: [UInt8]] = [:]
        guard encoder.hasChanges else {
            for client in clients {
                guard let view = views[client]!, view.hasPendingChanges else { continue }
                var writer = ByteWriter()
                writer.byte(0x0F)
                encoder.encodeView(view, into: &writer)
                frames[client] = writer.bytes
            }
            return frames
        }
        var writer = ByteWriter()
        writer.byte(0x0F)
        encoder.encodePendingChanges(into: &writer)
        let shared = writer.count
        for client in clients {
            writer.truncate(to: shared)
            if let view = views[client]! { encoder.encodeView(view, into: &writer) }
            frames[client] = writer.bytes
        }
        encoder.discardChanges()
        return frames
    }
}
