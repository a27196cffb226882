import ColyseusProtocol

/// How a freshly opened room WebSocket ended its join: with JOIN_ROOM, or closed (after an ERROR frame
/// that says why, PROTOCOL.md §3.2).
enum JoinOutcome: Sendable {
    case joined(reconnectionToken: String, handshake: [UInt8]?)
    case refused(code: Int, message: String)

    /// Reads `connection`'s first messages until JOIN_ROOM or the close; drops the connection when
    /// nothing decisive arrives within `timeout`. Later messages stay queued for the room.
    static func awaitJoin(on connection: WebSocketConnection, timeout: Duration) async -> JoinOutcome {
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            connection.drop()
        }
        defer { watchdog.cancel() }
        var error: (code: Int, message: String)?
        for await event in connection.events {
            switch event {
            case .message(let bytes):
                switch try? ServerFrame(parsing: bytes) {
                case let .joinRoom(token, _, handshake):
                    return .joined(reconnectionToken: token, handshake: handshake.map { Array(bytes[$0]) })
                case let .error(code, message):
                    error = (code, message)
                default:
                    continue
                }
            case let .closed(code, reason):
                if let error { return .refused(code: error.code, message: error.message) }
                return .refused(code: Int(code ?? 1005), message: reason.isEmpty ? "the server closed the connection before the join" : reason)
            case .dropped:
                break
            }
        }
        if let error { return .refused(code: error.code, message: error.message) }
        return .refused(code: 1006, message: "the connection ended before the join")
    }
}
