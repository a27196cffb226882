import ColyseusSchema
import SchemaTestSupport
import Testing
import VectorStates

/// StateView behaviour beyond the vector's steps: removals of visible items, `clear()`, and what clients
/// without the right view never receive.
@Suite("StateView")
struct StateViewTests {
    /// A state with two players and a hidden card, encoded once and discarded (a room's first tick).
    private func makeRoom() -> (ViewState, StateEncoder, ViewPlayer, ViewPlayer, ViewCard) {
        let state = ViewState()
        state.hidden = MapSchema()
        let p1 = ViewPlayer(), p2 = ViewPlayer()
        for (player, name) in [(p1, "a"), (p2, "b")] {
            player.hand = ArraySchema()
            player.name = name
            player.secret = 7
            state.players[name] = player
        }
        let card = ViewCard()
        card.suit = "S"
        card.value = 9
        state.hidden!["h1"] = card
        let encoder = StateEncoder(state: state)
        encoder.discardChanges()
        return (state, encoder, p1, p2, card)
    }

    /// The shared patch followed by `view`'s part, then discard.
    private func patch(_ encoder: StateEncoder, _ view: StateView?) -> [UInt8] {
        var writer = ByteWriter()
        encoder.encodePendingChanges(into: &writer)
        if let view { encoder.encodeView(view, into: &writer) }
        return writer.bytes
    }

    private func fullState(_ encoder: StateEncoder, _ view: StateView?) -> [UInt8] {
        var writer = ByteWriter()
        encoder.encodeFullState(into: &writer)
        if let view { encoder.encodeFullState(for: view, into: &writer) }
        return writer.bytes
    }

    @Test func deletingAVisibleItemOfAFilteredMapReachesOnlyTheViewsThatSawIt() throws {
        let (state, encoder, _, _, card) = makeRoom()
        let seer = StateView(), other = StateView()
        seer.add(card)
        other.add(state.players["a"]!)
        let seerClient = StateDecoder<ViewState>(), otherClient = StateDecoder<ViewState>()
        try seerClient.decode(fullState(encoder, seer))
        try otherClient.decode(fullState(encoder, other))
        #expect(seerClient.state.hidden?["h1"]?.value == 9)
        // Seeing the root (a parent of p1) shows its `@view` field `hidden`, as in the reference, but
        // not the card in it.
        #expect(otherClient.state.hidden?.isEmpty == true)

        let deletion = "ff" + Hex.encode([UInt8(state.hidden!.refId)]) + "4000"  // the map's DELETE of index 0
        state.hidden!["h1"] = nil
        var writer = ByteWriter()
        encoder.encodePendingChanges(into: &writer)
        let shared = writer.count
        encoder.encodeView(seer, into: &writer)
        let seerPatch = writer.bytes
        writer.truncate(to: shared)
        encoder.encodeView(other, into: &writer)
        let otherPatch = writer.bytes
        encoder.discardChanges()

        // The seer first gets the forced operations its view still owed since the full state (the
        // reference re-sends them too), then the map's DELETE of index 0.
        #expect(Hex.encode(seerPatch).hasSuffix(deletion), "\(Hex.encode(seerPatch))")
        #expect(!Hex.encode(otherPatch).contains(deletion), "\(Hex.encode(otherPatch))")
        try seerClient.decode(seerPatch)
        try otherClient.decode(otherPatch)
        #expect(seerClient.state.hidden?.isEmpty == true)
        #expect(otherClient.state.hidden?.isEmpty == true)
    }

    @Test func clearHidesEveryAddedInstanceAgain() throws {
        let (state, encoder, p1, p2, _) = makeRoom()
        let view = StateView()
        view.add(p1)
        view.add(p2)
        #expect(view.has(p1) && view.has(p2) && view.has(state.players))
        let client = StateDecoder<ViewState>()
        try client.decode(fullState(encoder, view))
        try client.decode(patch(encoder, view))
        encoder.discardChanges()
        #expect(client.state.players["a"]?.secret == 7 && client.state.players["b"]?.secret == 7)

        view.clear()
        #expect(!view.has(p1) && !view.has(p2))
        #expect(view.hasPendingChanges)
        try client.decode(patch(encoder, view))
        encoder.discardChanges()
        #expect(client.state.players["a"]?.secret == nil && client.state.players["b"]?.secret == nil)
        #expect(client.state.players["a"]?.name == "a", "unfiltered fields stay")

        // Later changes of the hidden fields are not sent to the view.
        p1.secret = 8
        let bytes = patch(encoder, view)
        encoder.discardChanges()
        try client.decode(bytes)
        #expect(client.state.players["a"]?.secret == nil)
    }

    @Test func clientsWithoutAViewNeverReceiveViewFields() throws {
        let (state, encoder, p1, _, card) = makeRoom()
        let view = StateView()
        view.add(p1)
        view.add(card)
        let client = StateDecoder<ViewState>()
        try client.decode(encoder.encodeFullState())
        p1.secret = 1
        card.value = 2
        state.round = 3
        try client.decode(patch(encoder, nil))
        encoder.discardChanges()
        #expect(client.state.players["a"]?.secret == nil)
        #expect(client.state.hidden == nil)
        #expect(client.state.round == 3)

        // encodePatch (the shared part alone) discards the per-view changes with the shared ones.
        p1.secret = 4
        state.round = 4
        #expect(encoder.encodePatch() != nil)
        #expect(!encoder.hasChanges)
    }
}
