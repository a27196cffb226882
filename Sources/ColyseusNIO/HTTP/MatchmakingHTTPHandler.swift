import HTTPTypes
import NIOCore
import NIOHTTP1

/// Answers whole HTTP requests (after NIO's request aggregator) with ``MatchmakingRoutes``, in order; closes
/// the connection after the response when the request does not keep it alive.
final class MatchmakingHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias OutboundOut = HTTPServerResponsePart

    private let routes: MatchmakingRoutes

    init(routes: MatchmakingRoutes) {
        self.routes = routes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let full = unwrapInboundIn(data)
        let request = MatchmakingRoutes.Request(
            method: full.head.method,
            path: String(full.head.uri.prefix { $0 != "?" }),
            headers: HTTPFields(full.head.headers),
            body: full.body ?? ByteBuffer(),
            peer: context.channel.remoteAddress
        )
        let keepAlive = full.head.isKeepAlive
        let version = full.head.version
        let routes = self.routes
        let respond = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        Task {
            let reply = await routes.reply(to: request)
            respond.eventLoop.execute {
                let (handler, context) = respond.value
                handler.write(reply, version: version, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func write(_ reply: HTTPReply, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        var head = HTTPResponseHead(version: version, status: reply.status, headers: reply.headers)
        head.headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if reply.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(reply.body))), promise: nil)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        if !keepAlive {
            written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}

extension HTTPFields {
    /// The fields of NIO's `HTTPHeaders`, in order; a line whose name is not a valid field name is left out.
    init(_ headers: HTTPHeaders) {
        self.init()
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { append(HTTPField(name: fieldName, value: value)) }
        }
    }
}
