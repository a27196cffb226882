import ColyseusSchema
import VectorStates
import SchemaTestSupport
import Testing

/// Operation bytes that the official decoder would misread (PROTOCOL.md §8.16, §12 #4-#5) are
/// replaced by equivalent sequences it reads correctly.
@Suite("Marker-byte collisions and reordered array edits")
struct MarkerCollisionTests {
    private func roundTrip<State: Schema>(_ state: State, _ mutate: () -> Void) throws -> String {
        let encoder = StateEncoder(state: state)
        let decoder = StateDecoder<State>()
        try decoder.decode(encoder.encodeFullState())
        encoder.discardChanges()
        mutate()
        let patch = try #require(encoder.encodePatch())
        try decoder.decode(patch)
        #expect(StateJSON.value(decoder.state) == StateJSON.value(state))
        return Hex.encode(patch)
    }

    @Test func field63DeletedAndSetInOnePatchIsSentAsDeleteThenAdd() throws {
        let state = ManyState()
        let many = Many()
        many.f63 = 1
        state.many = many
        let patch = try roundTrip(state) {
            many.f63 = nil
            many.f63 = 5
        }
        // c0|63 would be 0xff (SWITCH_TO_STRUCTURE).
        #expect(patch == "ff017fbf05")
    }

    @Test func field21ReplacedAfterAChildAddIsSentAsDeleteThenAdd() throws {
        let state = Collision()
        state.tail = makeItem("old")
        let patch = try roundTrip(state) {
            state.head = makeItem("h")
            state.tail = makeItem("new")
        }
        // head ADD refId 2, then DELETE|21 ADD|21 refId 3 instead of d5 03 (read as a TYPE_ID).
        #expect(patch.hasPrefix("8002559503"))
    }

    @Test func field21ReplacedAloneKeepsTheReferenceEncoding() throws {
        let state = Collision()
        state.tail = makeItem("old")
        let patch = try roundTrip(state) { state.tail = makeItem("new") }
        #expect(patch.hasPrefix("d502"))
    }

    @Test func shiftThenUnshiftInOnePatchKeepsTheRightItems() throws {
        let state = ArrayPrimState()
        state.nums.append(contentsOf: [1, 2, 3])
        let patch = try roundTrip(state) {
            state.nums.popFirst()
            state.nums.insert(8, at: 0)
        }
        #expect(state.nums.elements == [8, 2, 3])
        #expect(patch == "ff010a800008800102800203")
    }
}
