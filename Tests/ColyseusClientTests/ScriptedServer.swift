@testable import ColyseusClient
import NIOCore
import NIOPosix
import NIOSSL

/// A WebSocket server on 127.0.0.1 that plays a script to every client that connects: the upgrade
/// answer and `joinRoom`, then, after the client's JOIN_ROOM acknowledgement, the `frames` in order.
/// It speaks only the server half a client's room path reads (no matchmaking), so tests can feed the
/// reference's bytes through a real connection.
final class ScriptedServer: Sendable {
    /// What the server sends after the acknowledgement.
    enum Step: Sendable {
        /// A binary message.
        case binary([UInt8])
        /// A close frame with code and reason; the script ends.
        case close(code: UInt16, reason: String)
    }

    let port: Int
    private let serving: Task<Void, Never>

    private init(port: Int, serving: Task<Void, Never>) {
        self.port = port
        self.serving = serving
    }

    /// Starts the server; with `tls`, connections are TLS (for `wss://` clients).
    static func start(joinRoom: [UInt8], frames: [[UInt8]], tls: NIOSSLContext? = nil) async throws -> ScriptedServer {
        try await start(joinRoom: joinRoom, script: frames.map(Step.binary), tls: tls)
    }

    /// Starts the server with a script that may end with a close.
    static func start(joinRoom: [UInt8], script: [Step], tls: NIOSSLContext? = nil) async throws -> ScriptedServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    if let tls { try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        let serving = Task {
            _ = try? await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { try? await play(to: connection, joinRoom: joinRoom, script: script) }
                    }
                }
            }
        }
        return ScriptedServer(port: port, serving: serving)
    }

    func stop() {
        serving.cancel()
    }

    private static func play(to connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, joinRoom: [UInt8], script: [Step]) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var buffer = ByteBuffer()
            var upgraded = false
            for try await var chunk in inbound {
                buffer.writeBuffer(&chunk)
                if !upgraded {
                    guard let end = buffer.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
                    let head = String(decoding: buffer.readableBytesView[..<end.lowerBound], as: UTF8.self)
                    buffer.moveReaderIndex(to: end.upperBound)
                    upgraded = true
                    let key = head.split(separator: "\r\n").first { $0.hasPrefix("Sec-WebSocket-Key: ") }?.dropFirst(19) ?? ""
                    var answer = ByteBuffer(string: "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: \(WebSocketAccept.value(forKey: String(key)))\r\n\r\n")
                    answer.writeImmutableBuffer(serverFrame(opcode: 0x2, joinRoom))
                    try await outbound.write(answer)
                }
                while let frame = try WebSocketFrame.parse(&buffer) {
                    if frame.opcode == 0x8 { return }
                    if frame.payload == [0x0A] {
                        for step in script {
                            switch step {
                            case .binary(let bytes):
                                try await outbound.write(serverFrame(opcode: 0x2, bytes))
                            case let .close(code, reason):
                                try await outbound.write(serverFrame(opcode: 0x8, WebSocketFrame.closePayload(code: code, reason: reason)))
                            }
                        }
                    }
                }
                buffer.discardReadBytes()
            }
        }
    }

    /// An unmasked server frame.
    private static func serverFrame(opcode: UInt8, _ payload: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(0x80 | opcode)
        if payload.count < 126 {
            buffer.writeInteger(UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            buffer.writeInteger(UInt8(126))
            buffer.writeInteger(UInt16(payload.count))
        } else {
            buffer.writeInteger(UInt8(127))
            buffer.writeInteger(UInt64(payload.count))
        }
        buffer.writeBytes(payload)
        return buffer
    }
}
