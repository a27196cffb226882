import ColyseusProtocol

/// Where an error reported to ``AnyRoom/onUncaughtError(_:in:client:)`` was thrown.
public enum RoomErrorSource: Sendable, CustomStringConvertible {
    case onJoin
    case onLeave
    case onDrop
    case onReconnect
    case onDispose
    case onBeforePatch
    case onMessage(MessageType)
    case onBytes(MessageType)
    case simulation
    case timer

    public var description: String {
        switch self {
        case .onJoin: "onJoin"
        case .onLeave: "onLeave"
        case .onDrop: "onDrop"
        case .onReconnect: "onReconnect"
        case .onDispose: "onDispose"
        case .onBeforePatch: "onBeforePatch"
        case .onMessage(let type): "onMessage(\(type))"
        case .onBytes(let type): "onBytes(\(type))"
        case .simulation: "simulation"
        case .timer: "timer"
        }
    }
}
