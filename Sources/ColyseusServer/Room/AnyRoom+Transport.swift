import ColyseusProtocol
import NIOCore

/// The entry points a transport (the WebSocket server, a test pipe) uses to feed a room.
extension AnyRoom {
    /// Admits a new connection presenting a seat; nil when it was refused (the refusal is already sent).
    package func admit(_ transport: ClientTransport, request: ConnectionRequest) async -> Client? {
        await perform { await self.connect(transport, request: request) }
    }

    /// Queues one message from `client` for processing on the room's executor, in arrival order.
    package func receive(_ frame: ByteBuffer, from client: Client) {
        executor.spawn { await self.handleFrame(frame, from: client) }
    }

    /// Reports that `transport` closed (`code` as seen by the transport; 1006 when it dropped).
    package func transportClosed(_ transport: ClientTransport, of client: Client, code: CloseCode) {
        executor.spawn { await self.connectionClosed(client, transport: transport, code: code) }
    }
}
