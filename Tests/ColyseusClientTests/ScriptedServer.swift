import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// A WebSocket server on 127.0.0.1 that plays a script to every client that connects: after NIO's upgrade,
/// `joinRoom`, then, after the client's JOIN_ROOM acknowledgement, the script's steps in order. It speaks
/// only the server half a client's room path reads (no matchmaking), so tests can feed the reference's
/// bytes through a real connection.
final class ScriptedServer: Sendable {
    /// What the server sends after the acknowledgement.
    enum Step: Sendable {
        /// A binary message.
        case binary([UInt8])
        /// A close frame with code and reason; the script ends.
        case close(code: UInt16, reason: String)
    }

    let port: Int
    private let channel: any Channel

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    /// Starts the server; with `tls`, connections are TLS (for `wss://` clients).
    static func start(joinRoom: [UInt8], frames: [[UInt8]], tls: NIOSSLContext? = nil) async throws -> ScriptedServer {
        try await start(joinRoom: joinRoom, script: frames.map(Step.binary), tls: tls)
    }

    /// Starts the server with a script that may end with a close.
    static func start(joinRoom: [UInt8], script: [Step], tls: NIOSSLContext? = nil) async throws -> ScriptedServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if let tls { try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    let upgrader = NIOWebSocketServerUpgrader(
                        shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(HTTPHeaders()) },
                        upgradePipelineHandler: { channel, _ in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(ScriptPlayer(joinRoom: joinRoom, script: script))
                            }
                        }
                    )
                    try child.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in })
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return ScriptedServer(port: channel.localAddress?.port ?? 0, channel: channel)
    }

    func stop() {
        channel.close(promise: nil)
    }
}

/// Sends JOIN_ROOM once upgraded, and the script after the acknowledgement; a close ends the connection.
private final class ScriptPlayer: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let joinRoom: [UInt8]
    private let script: [ScriptedServer.Step]

    init(joinRoom: [UInt8], script: [ScriptedServer.Step]) {
        self.joinRoom = joinRoom
        self.script = script
    }

    func handlerAdded(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(Self.frame(.binary, joinRoom)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .connectionClose:
            context.close(promise: nil)
        case .binary where Array(frame.unmaskedData.readableBytesView) == [0x0A]:
            for step in script {
                switch step {
                case .binary(let bytes):
                    context.write(wrapOutboundOut(Self.frame(.binary, bytes)), promise: nil)
                case let .close(code, reason):
                    var payload = ByteBuffer()
                    payload.writeInteger(code)
                    payload.writeString(reason)
                    context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)), promise: nil)
                }
            }
            context.flush()
        default:
            break
        }
    }

    private static func frame(_ opcode: WebSocketOpcode, _ bytes: [UInt8]) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: opcode, data: ByteBuffer(bytes: bytes))
    }
}
