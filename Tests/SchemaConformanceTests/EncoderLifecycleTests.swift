import ColyseusSchema
import VectorStates
import SchemaTestSupport
import Testing

/// States that outlive their encoder, or come from a decoder, are numbered afresh by a new encoder.
@Suite("Encoder lifecycle")
struct EncoderLifecycleTests {
    /// A full state of `state` from a new encoder decodes to an equal state.
    private func expectFreshEncodingRoundTrips(_ state: SharedState) throws {
        let encoder = StateEncoder(state: state)
        let decoder = StateDecoder<SharedState>()
        try decoder.decode(encoder.encodeFullState())
        #expect(StateJSON.value(decoder.state) == StateJSON.value(state))
    }

    @Test func aDecodedStateCanBeEncodedAgain() throws {
        let server = SharedState()
        server.a["k"] = makeItem("a")
        server.b.append(makeItem("b"))
        let client = StateDecoder<SharedState>()
        try client.decode(StateEncoder(state: server).encodeFullState())

        // The decoded refs carry the server's refIds; new refs must not collide with them.
        client.state.single = makeItem("new")
        client.state.a["n"] = makeItem("n")
        try expectFreshEncodingRoundTrips(client.state)
    }

    @Test func aStateOutlivingItsEncoderIsRenumbered() throws {
        let state = SharedState()
        state.a["k"] = makeItem("a")
        do {
            let first = StateEncoder(state: state)
            _ = first.encodeFullState()
        }
        state.b.append(makeItem("b"))
        state.single = makeItem("c")
        try expectFreshEncodingRoundTrips(state)
    }
}
