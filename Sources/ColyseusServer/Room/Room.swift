import ColyseusSchema

/// A room whose synchronized state is a generated schema class.
///
/// ```swift
/// final class MyRoom: Room<MyRoomState> {
///     override func onCreate(options: JSONValue) async throws {
///         setState(MyRoomState())
///         onMessage("move") { (client, move: Move) in
///             self.state.players[client.sessionId]?.x = move.x
///         }
///     }
///     override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
///         state.players[client.sessionId] = Player()
///     }
/// }
/// ```
/// A room that never calls ``setState(_:)`` has no state: clients get the serializer `none` and no patches.
open class Room<State: Schema>: AnyRoom {
    private var typedState: State?

    public required init() {
        super.init()
    }

    /// The synchronized state. Traps if ``setState(_:)`` was not called: set it in `onCreate`.
    public var state: State {
        guard let typedState else { preconditionFailure("\(type(of: self)): setState(_:) was not called") }
        return typedState
    }

    /// Whether ``setState(_:)`` was called.
    public var hasState: Bool { typedState != nil }

    /// Sets the state, once (usually in `onCreate`). From now on its changes are sent as patches.
    public func setState(_ state: State) {
        executor.assertIsCurrent()
        precondition(typedState == nil, "setState(_:) can only be called once")
        typedState = state
        let encoder = StateEncoder(state: state)
        self.encoder = encoder
        stateFrames = StateFrames(encoder: encoder)
        handshake = encoder.encodeHandshake()
    }
}
