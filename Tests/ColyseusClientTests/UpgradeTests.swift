import ColyseusClient
import NIOCore
import NIOPosix
import Testing
import VectorStates

/// The client's WebSocket upgrade (NIO's `NIOWebSocketClientUpgrader`): an answer that is not a valid 101 is
/// refused with the reason, before anything is read as WebSocket frames.
@Suite @MainActor
struct UpgradeTests {
    /// A server that answers every request with `response` and nothing else.
    final class FixedAnswerServer: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let response: String

        init(response: String) {
            self.response = response
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response)), promise: nil)
        }

        static func start(answering response: String) async throws -> any Channel {
            try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .childChannelInitializer { child in
                    child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(FixedAnswerServer(response: response)) }
                }
                .bind(host: "127.0.0.1", port: 0)
                .get()
        }
    }

    static let seat = SeatReservation(name: "primitives", sessionId: "session", roomId: "room", processId: "process")

    func joinFailure(answering response: String) async throws -> String {
        let server = try await FixedAnswerServer.start(answering: response)
        defer { server.close(promise: nil) }
        let client = try Client("ws://127.0.0.1:\(server.localAddress?.port ?? 0)")
        do {
            _ = try await client.consumeSeatReservation(Self.seat, state: Primitives.self)
            return "joined"
        } catch let error as TransportError {
            return error.description
        }
    }

    @Test func a101WithTheWrongAcceptValueIsRefused() async throws {
        let answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: bm90IHRoZSByaWdodCB2YWx1ZQ==\r\n\r\n"
        #expect(try await joinFailure(answering: answer) == "the server refused the WebSocket upgrade: a wrong Sec-WebSocket-Accept")
    }

    @Test func anAnswerOtherThan101IsRefusedWithItsStatus() async throws {
        let answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        #expect(try await joinFailure(answering: answer) == "the server refused the WebSocket upgrade: HTTP/1.1 404 Not Found")
    }
}
