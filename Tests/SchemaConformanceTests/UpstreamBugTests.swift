import ColyseusSchema
import VectorStates
import SchemaTestSupport
import Testing

/// The reference encoder's known bugs (`_upstream-bugs.json`, PROTOCOL.md §12): we start from the same
/// state and bytes, then check that our patch is the correct, officially decodable sequence and that a
/// decoder fed only our bytes ends in the server's state.
@Suite("Reference bugs we do not reproduce")
struct UpstreamBugTests {
    /// Checks the handshake and initial full state against the vector, applies `mutate`, and returns
    /// the patch after checking that decoding it reproduces the server state.
    private func patchAfter<State: Schema>(_ name: String, state: State, _ mutate: () -> Void) throws -> String {
        let vector = try #require(try SchemaVector.loadUpstreamBugs()[name])
        let encoder = StateEncoder(state: state)
        #expect(Hex.encode(encoder.encodeHandshake()) == vector.handshake)
        let fullState = encoder.encodeFullState()
        #expect(Hex.encode(fullState) == vector.frames[0].hex)
        encoder.discardChanges()
        let decoder = StateDecoder<State>()
        try decoder.decode(fullState)

        mutate()
        let patch = try #require(encoder.encodePatch())
        try decoder.decode(patch)
        #expect(StateJSON.value(decoder.state) == StateJSON.value(state))
        let lateDecoder = StateDecoder<State>()
        try lateDecoder.decode(encoder.encodeFullState())
        #expect(StateJSON.value(lateDecoder.state) == StateJSON.value(state))
        return Hex.encode(patch)
    }

    @Test func unshiftOfASchemaItemIntroducesTheNewChild() throws {
        let state = ArraySchemaState()
        state.items.append(makeItem("a", 1))
        let patch = try patchAfter("arrayUnshiftSchemaInstance", state: state) {
            state.items.insert(makeItem("u", 2), at: 0)
        }
        // ADD 0 (insert at the front) with the new refId 3, then the child's section.
        #expect(patch == "ff01800003ff0380a1758102")
    }

    @Test func collectionAddSendsTheParentOperationFirst() throws {
        let state = SetCollState()
        state.things.insert(makeItem("t1", 1))
        let patch = try patchAfter("collectionAddSchemaInPatch", state: state) {
            state.things.insert(makeItem("t2", 2))
        }
        #expect(patch == "ff03800106ff0680a274328102")
    }

    @Test func setAddSendsTheParentOperationFirst() throws {
        let state = SetOfItems()
        state.items.insert(makeItem("s1", 1))
        let patch = try patchAfter("setAddSchemaInPatch", state: state) {
            state.items.insert(makeItem("s2", 2))
        }
        #expect(patch == "ff01800103ff0380a273328102")
    }

    @Test func pushThenReverseInOnePatchResendsTheArray() throws {
        let state = ArrayPrimState()
        let patch = try patchAfter("arrayPushThenReverseSamePatch", state: state) {
            state.nums.append(contentsOf: [5, 6, 7])
            state.nums.reverse()
        }
        // CLEAR then the final content: decodes to [7, 6, 5].
        #expect(patch == "ff010a800007800106800205")
    }
}
