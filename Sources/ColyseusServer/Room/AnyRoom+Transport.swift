import ColyseusProtocol
import NIOCore

/// The entry points a transport (the WebSocket server, a test pipe) uses to feed a room.
extension AnyRoom {
    /// Admits a new connection presenting a seat; nil when it was refused (the refusal is already sent).
    package func admit(_ transport: ClientTransport, request: ConnectionRequest) async -> Client? {
        await perform { await self.connect(transport, request: request) }
    }

    /// The event loop the room runs on. A transport that reads on this loop hands messages over without
    /// waking another thread.
    package var eventLoop: any EventLoop { executor.eventLoop }

    /// Processes one message from `client`; call it in arrival order, best on the room's event loop. There
    /// a handler that cannot suspend runs at once, with no task (one that may suspend starts in a task of
    /// the room); from another thread the message hops over first. While a handler of this client is
    /// suspended, its next messages wait for it, in order.
    package func receive(_ frame: ByteBuffer, from client: Client) {
        guard executor.isCurrent else {
            let room = UnsafeTransfer(self)
            executor.eventLoop.execute { room.value.receive(frame, from: client) }
            return
        }
        guard !client.isHandlingMessage else {
            client.waitingMessages.append(frame)
            return
        }
        guard let rest = handleFrame(frame, from: client) else { return }
        client.isHandlingMessage = true
        executor.start {
            await rest()
            while !client.waitingMessages.isEmpty {
                await self.handleFrame(client.waitingMessages.removeFirst(), from: client)?()
            }
            client.isHandlingMessage = false
        }
    }

    /// Reports that `transport` closed (`code` as seen by the transport; 1006 when it dropped).
    package func transportClosed(_ transport: ClientTransport, of client: Client, code: CloseCode) {
        executor.spawn { await self.connectionClosed(client, transport: transport, code: code) }
    }
}
