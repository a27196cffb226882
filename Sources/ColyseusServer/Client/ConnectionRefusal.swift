import ColyseusProtocol

/// How a WebSocket that may not join is turned away (PROTOCOL.md §3.2): an `ERROR` frame, then a close
/// with 4002, or 4003 when it came to reconnect.
package enum ConnectionRefusal {
    /// The refusal of a seat that is unknown, expired or already used.
    package static let seatExpired = ServerError(.matchmakeExpired, "seat reservation expired.")

    package static func send(_ error: ServerError, to transport: ClientTransport, reconnecting: Bool) {
        transport.send(Frames.error(code: error.code, message: error.message))
        transport.close(code: reconnecting ? .failedToReconnect : .withError, reason: "")
    }
}
