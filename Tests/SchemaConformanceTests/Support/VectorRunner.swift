import ColyseusSchema
import VectorStates
import SchemaTestSupport
import Testing

/// One mutation step of a vector case: the frame description it must produce, and the mutation.
struct VectorStep {
    let description: String
    let mutate: () -> Void

    init(_ description: String, _ mutate: @escaping () -> Void) {
        self.description = description
        self.mutate = mutate
    }
}

/// Replays a vector case: the handshake, every frame (full state or patch) and the late-join full
/// state must be byte-identical to the reference's, and decoding each frame must give the reference's
/// decoded state.
func checkVector<State: Schema>(
    _ name: String,
    state: State,
    discardAfterFirstFullState: Bool = true,
    steps: [VectorStep],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let vector = try SchemaVector.load(name)
    let encoder = StateEncoder(state: state)

    let handshake = encoder.encodeHandshake()
    #expect(Hex.encode(handshake) == vector.handshake, "handshake", sourceLocation: sourceLocation)
    let (reflected, rootType) = try ReflectedType.decodeHandshake(Hex.decode(vector.handshake))
    #expect(rootType == 0, sourceLocation: sourceLocation)
    #expect(reflected.map { "\($0.id) \($0.extendsId.map(String.init) ?? "-") \($0.fields.map { "\($0.index):\($0.name):\($0.type)" })" }
        == vector.handshakeDecodedTypes.map { "\($0.id) \($0.extendsId.map(String.init) ?? "-") \($0.fields.map { "\($0.index):\($0.name):\($0.type)" })" },
        "decoded handshake types", sourceLocation: sourceLocation)

    try #require(steps.count == vector.frames.count - 1, "one step per frame after the first", sourceLocation: sourceLocation)
    let decoder = StateDecoder<State>()
    for (position, frame) in vector.frames.enumerated() {
        if position > 0 {
            let step = steps[position - 1]
            #expect(step.description == frame.description, "step \(position) is not the vector's step", sourceLocation: sourceLocation)
            step.mutate()
        }
        let bytes: [UInt8]
        if frame.kind == "encodeAll" {
            bytes = encoder.encodeFullState()
            if discardAfterFirstFullState { encoder.discardChanges() }
        } else {
            bytes = encoder.encodePatch() ?? []
        }
        #expect(Hex.encode(bytes) == frame.hex, "frame \(position): \(frame.description)", sourceLocation: sourceLocation)
        try decoder.decode(Hex.decode(frame.hex))
        #expect(StateJSON.value(decoder.state) == frame.decoded, "decoded state after frame \(position): \(frame.description)", sourceLocation: sourceLocation)
    }

    let late = encoder.encodeFullState()
    #expect(Hex.encode(late) == vector.lateJoinFullState.hex, "late-join full state", sourceLocation: sourceLocation)
    let lateDecoder = StateDecoder<State>()
    try lateDecoder.decode(Hex.decode(vector.lateJoinFullState.hex))
    #expect(StateJSON.value(lateDecoder.state) == vector.lateJoinFullState.decoded, "late-join decoded state", sourceLocation: sourceLocation)
}
