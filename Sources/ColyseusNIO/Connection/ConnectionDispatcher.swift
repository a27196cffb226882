import ColyseusServer
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first handler of every accepted connection: it reads up to the end of the HTTP request head and
/// then sets the connection up for HTTP (``HTTPServerPipeline``).
///
/// A request for a room of this process (`GET /<processId>/<roomId>?…`, the WebSocket of a room client)
/// whose room runs on another event loop is handed over to that loop first: the socket is registered anew
/// there (through a duplicate of its descriptor) and the bytes read so far are replayed. The room and its
/// clients' sockets then share one thread: messages and patches never wake another one.
final class ConnectionDispatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// A request head longer than this is not HTTP the server serves.
    static let maxHeadSize = 16 * 1024
    /// How long a connection may take to send its request head.
    static let headTimeout = TimeAmount.seconds(10)

    private let descriptor: CInt
    private let setup: ConnectionSetup
    private var received = ByteBuffer()
    private var timeout: Scheduled<Void>?

    init(descriptor: CInt, setup: ConnectionSetup) {
        self.descriptor = descriptor
        self.setup = setup
    }

    func handlerAdded(context: ChannelHandlerContext) {
        timeout = context.eventLoop.assumeIsolated().scheduleTask(in: Self.headTimeout) { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeout?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        guard received.readableBytesView.firstRange(of: Self.endOfHead) != nil || received.readableBytes > Self.maxHeadSize else { return }
        if let roomLoop = roomLoop(), !roomLoop.inEventLoop, handOver(to: roomLoop, context: context) { return }
        do {
            try setup.configure(context.channel)
            context.fireChannelRead(wrapInboundOut(received))
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        } catch {
            context.close(promise: nil)
        }
    }

    /// The event loop of the room a `GET` for a room WebSocket names, when the room lives in this process.
    private func roomLoop() -> (any EventLoop)? {
        let bytes = received.readableBytesView
        guard let lineEnd = bytes.firstRange(of: Self.endOfLine) else { return nil }
        let parts = bytes[bytes.startIndex..<lineEnd.lowerBound].split(separator: UInt8(ascii: " "))
        guard parts.count == 3, parts[0].elementsEqual("GET".utf8) else { return nil }
        guard let roomId = ConnectionURL(String(decoding: parts[1], as: UTF8.self)).roomId else { return nil }
        return setup.matchMaker.room(id: roomId)?.eventLoop
    }

    /// Moves the socket to `eventLoop`: this channel closes its descriptor, a duplicate goes on there.
    /// False when the descriptor cannot be duplicated (the connection then stays here).
    private func handOver(to eventLoop: any EventLoop, context: ChannelHandlerContext) -> Bool {
        // Close-on-exec at once: a process spawned meanwhile must not keep the socket open.
        let duplicate = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard duplicate >= 0 else { return false }
        context.close(promise: nil)
        let setup = self.setup
        let replayed = received
        _ = ClientBootstrap(group: eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try setup.configure(channel)
                    try channel.pipeline.syncOperations.addHandler(ReplayHandler(replayed), position: .first)
                    setup.connections.add(channel)
                }
            }
            .withConnectedSocket(duplicate)
        return true
    }

    private static let endOfLine = Array("\r\n".utf8)
    private static let endOfHead = Array("\r\n\r\n".utf8)
}

/// Feeds a handed-over connection the bytes its first event loop already read, before anything else.
private final class ReplayHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let bytes: ByteBuffer

    init(_ bytes: ByteBuffer) {
        self.bytes = bytes
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        context.fireChannelRead(wrapInboundOut(bytes))
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
