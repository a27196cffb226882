import ColyseusProtocol
import ColyseusServer
import HTTPTypes
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket

/// One WebSocket from upgrade to close: the latency probe, or a client of a room (PROTOCOL.md §3).
struct WebSocketSession {
    let matchMaker: MatchMaker
    let maxMessageSize: Int
    let url: ConnectionURL
    let headers: HTTPFields
    let channel: any Channel
    let logger: Logger

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        if url.isLatencyProbe {
            await answerLatencyProbe(inbound: inbound, outbound: outbound)
            return
        }
        let transport = WebSocketTransport(channel: channel)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await Self.drain(transport, into: outbound) }
            await serve(transport, inbound: inbound)
            transport.finish()
        }
    }

    /// Admits the client into its room, then forwards its messages until the socket closes.
    private func serve(_ transport: WebSocketTransport, inbound: WebSocketInboundStream) async {
        guard let roomId = url.roomId, let sessionId = url.sessionId, let room = matchMaker.room(id: roomId) else {
            ConnectionRefusal.send(ConnectionRefusal.seatExpired, to: transport, reconnecting: url.reconnectionToken != nil)
            return
        }
        let request = ConnectionRequest(
            sessionId: sessionId,
            reconnectionToken: url.reconnectionToken,
            skipHandshake: url.skipHandshake,
            context: AuthContext(
                token: url.authToken ?? ClientAddress.bearerToken(in: headers),
                headers: headers,
                remoteAddress: ClientAddress.of(headers: headers, peer: channel.remoteAddress)
            )
        )
        let peerClose: PeerCloseRecorder.Record?
        do {
            peerClose = try await PeerCloseRecorder.install(on: channel)
        } catch {
            logger.warning("cannot observe the WebSocket's close frames", metadata: ["error": "\(error)"])
            peerClose = nil
        }
        guard let client = await room.admit(transport, request: request) else { return }
        do {
            var messages = inbound.messages(maxSize: maxMessageSize).makeAsyncIterator()
            try await room.receiveMessages(from: client) {
                switch try await messages.next() {
                case .binary(let buffer): buffer
                case .text(let text): ByteBuffer(string: text)
                case nil: nil
                }
            }
        } catch {
            logger.debug("WebSocket read ended", metadata: ["sessionId": "\(sessionId)", "error": "\(error)"])
        }
        room.transportClosed(transport, of: client, code: CloseCode(peerClose?.closeCode ?? 1006))
    }

    /// Waits for the room's close; frames were written to the channel before it.
    private static func drain(_ transport: WebSocketTransport, into outbound: WebSocketOutboundWriter) async {
        for await item in transport.outbound {
            do {
                switch item {
                case .close(let code?, let reason):
                    try await outbound.close(WebSocketErrorCode(codeNumber: Int(code.rawValue)), reason: reason.isEmpty ? nil : reason)
                case .close(nil, _):
                    // A close frame without a status code: the peer reports 1005.
                    try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .connectionClose, data: ByteBuffer())))
                }
            } catch {
                return
            }
        }
    }

    /// Answers every message with `12` and closes with 1000 one second after opening (§3.5).
    private func answerLatencyProbe(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: .seconds(1))
                try? await outbound.close(.normalClosure, reason: nil)
            }
            group.addTask {
                do {
                    for try await _ in inbound.messages(maxSize: maxMessageSize) {
                        try await outbound.write(.binary(ByteBuffer(bytes: [ProtocolCode.ping.rawValue])))
                    }
                } catch {}
            }
            await group.next()
            group.cancelAll()
        }
    }
}
