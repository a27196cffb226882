import ColyseusServer
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// The handlers of a connection that speaks HTTP/1.1: matchmaking requests, and WebSocket upgrades for
/// room clients (PROTOCOL.md §3.3) and the latency probe (§3.5). Every upgrade is accepted; the room
/// refuses a bad seat over the WebSocket, as the reference does.
struct HTTPServerPipeline: Sendable {
    let matchMaker: MatchMaker
    let webSocket: WebSocketConnectionHandler.Configuration
    let logger: Logger

    /// Adds the handlers to `channel` (on its event loop).
    func configure(_ channel: any Channel) throws {
        let pipeline = channel.pipeline.syncOperations
        try pipeline.configureHTTPServerPipeline(
            withServerUpgrade: (upgraders: [WebSocketUpgrader(pipeline: self)], completionHandler: { _ in })
        )
        try pipeline.addHandler(NIOHTTPServerRequestAggregator(maxContentLength: 64 * 1024))
        try pipeline.addHandler(MatchmakingHTTPHandler(routes: MatchmakingRoutes(matchMaker: matchMaker, logger: logger)))
    }

    /// The WebSocket handlers after the upgrade: NIO's frame decoder, then ``WebSocketConnectionHandler``
    /// with what the URL asks for. (NIO's own upgrade would also add its frame encoder; the server writes
    /// frames framed once for all the clients that share them.)
    fileprivate func configureWebSocket(_ channel: any Channel, request: HTTPRequestHead) throws {
        let pipeline = channel.pipeline.syncOperations
        pipeline.removeHandler(try pipeline.handler(type: NIOHTTPServerRequestAggregator.self), promise: nil)
        pipeline.removeHandler(try pipeline.handler(type: MatchmakingHTTPHandler.self), promise: nil)
        let url = ConnectionURL(request.uri)
        let handler: any WebSocketMessageHandler
        if url.isLatencyProbe {
            handler = LatencyProbe()
        } else {
            let headers = HTTPFields(request.headers)
            handler = RoomClientSession(
                matchMaker: matchMaker,
                url: url,
                authContext: AuthContext(
                    token: url.authToken ?? ClientAddress.bearerToken(in: headers),
                    headers: headers,
                    remoteAddress: ClientAddress.of(headers: headers, peer: channel.remoteAddress)
                ),
                logger: logger
            )
        }
        try pipeline.addHandler(ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: webSocket.maxMessageSize)))
        try pipeline.addHandler(WebSocketConnectionHandler(configuration: webSocket, handler: handler, logger: logger))
    }
}

/// NIO's WebSocket handshake (request checks, `Sec-WebSocket-Accept`), with the server's own handlers.
private struct WebSocketUpgrader: HTTPServerProtocolUpgrader, Sendable {
    let pipeline: HTTPServerPipeline
    private let handshake = NIOWebSocketServerUpgrader(
        shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(HTTPHeaders()) },
        upgradePipelineHandler: { channel, _ in channel.eventLoop.makeSucceededVoidFuture() }
    )

    init(pipeline: HTTPServerPipeline) {
        self.pipeline = pipeline
    }

    var supportedProtocol: String { handshake.supportedProtocol }
    var requiredUpgradeHeaders: [String] { handshake.requiredUpgradeHeaders }

    func buildUpgradeResponse(channel: any Channel, upgradeRequest: HTTPRequestHead, initialResponseHeaders: HTTPHeaders) -> EventLoopFuture<HTTPHeaders> {
        handshake.buildUpgradeResponse(channel: channel, upgradeRequest: upgradeRequest, initialResponseHeaders: initialResponseHeaders)
    }

    func upgrade(context: ChannelHandlerContext, upgradeRequest: HTTPRequestHead) -> EventLoopFuture<Void> {
        context.eventLoop.makeCompletedFuture { try pipeline.configureWebSocket(context.channel, request: upgradeRequest) }
    }
}
