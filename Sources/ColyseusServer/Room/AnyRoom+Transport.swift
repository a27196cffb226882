import ColyseusProtocol
import NIOCore

/// The entry points a transport (the WebSocket server, a test pipe) uses to feed a room.
extension AnyRoom {
    /// Admits a new connection presenting a seat; nil when it was refused (the refusal is already sent).
    package func admit(_ transport: ClientTransport, request: ConnectionRequest) async -> Client? {
        await perform { await self.connect(transport, request: request) }
    }

    /// Processes `client`'s messages, in order, until `next` returns nil. The calling task moves onto
    /// the room's executor for the whole loop, so each message costs no new task and no extra thread
    /// hop; a client's next message is read once the handler of the previous one has finished.
    package func receiveMessages(from client: Client, _ next: () async throws -> ByteBuffer?) async throws {
        try await withTaskExecutorPreference(executor) {
            while let frame = try await next() {
                await handleFrame(frame, from: client)
            }
        }
    }

    /// Reports that `transport` closed (`code` as seen by the transport; 1006 when it dropped).
    package func transportClosed(_ transport: ClientTransport, of client: Client, code: CloseCode) {
        executor.spawn { await self.connectionClosed(client, transport: transport, code: code) }
    }
}
