import ColyseusProtocol
import NIOCore

/// A WebSocket to the endpoint root (PROTOCOL.md §3.5): every message is answered with `12`, and the
/// connection closes with 1000 one second after it opened. The SDKs measure latency with it.
final class LatencyProbe: WebSocketMessageHandler {
    private var connection: WebSocketConnection?
    private var closing: Scheduled<Void>?

    func opened(_ connection: WebSocketConnection) {
        self.connection = connection
        closing = connection.channel.eventLoop.assumeIsolated().scheduleTask(in: .seconds(1)) {
            connection.close(code: 1000, reason: "")
        }
    }

    func received(_ message: ByteBuffer) {
        connection?.send(Self.reply)
    }

    func closed(code: UInt16) {
        closing?.cancel()
        connection = nil  // it refers back to this probe through its handler
    }

    private static let reply = ByteBuffer(bytes: [ProtocolCode.ping.rawValue])
}
