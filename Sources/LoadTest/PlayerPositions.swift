import ColyseusClient
import DemoState

/// A state in which a "move" sets the sender's player position: what the load test reads to time each
/// move until the patch that carries it.
protocol PlayerPositions: Schema {
    /// The x of the player keyed `sessionId`, nil when there is none.
    func x(ofPlayer sessionId: String) -> Double?
}

extension ChurnState: PlayerPositions {
    func x(ofPlayer sessionId: String) -> Double? { players[sessionId]?.x }
}

extension MyRoomState: PlayerPositions {
    func x(ofPlayer sessionId: String) -> Double? { players[sessionId]?.x }
}
