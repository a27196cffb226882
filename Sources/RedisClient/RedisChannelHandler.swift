import NIOCore

/// Commands written to a connection: each with the promise of its reply, or none for commands whose
/// answers arrive as push messages (`SUBSCRIBE` and friends).
struct RedisRequest {
    var commands: [RESPCommand]
    var promises: [EventLoopPromise<RESPValue>?]
}

/// Turns the socket's bytes into RESP values; malformed bytes close the connection.
struct RESPDecoder: ByteToMessageDecoder {
    typealias InboundOut = RESPValue
    let parser = RESPParser()

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let value = try parser.parse(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(value))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}

/// Pipelining: commands go out as they come, and replies are matched to them in order. Push messages
/// (RESP3 `>`, and pub/sub arrays on a subscriber connection) go to `onPush` instead.
final class RedisChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = RESPValue
    typealias OutboundIn = RedisRequest
    typealias OutboundOut = ByteBuffer

    private var waiting = CircularBuffer<EventLoopPromise<RESPValue>?>()
    private let onPush: @Sendable (RESPValue) -> Void
    /// Set once the connection only subscribes: then pub/sub arrays of RESP2 are pushes too.
    var isSubscriber = false

    init(onPush: @escaping @Sendable (RESPValue) -> Void) {
        self.onPush = onPush
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        var buffer = context.channel.allocator.buffer(capacity: 64 * request.commands.count)
        for (command, reply) in zip(request.commands, request.promises) {
            command.write(into: &buffer)
            if let reply { waiting.append(reply) }
        }
        context.write(wrapOutboundOut(buffer), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let value = unwrapInboundIn(data)
        if case .push = value {
            onPush(value)
            return
        }
        if isSubscriber, case .array(let elements) = value, let kind = elements.first?.string?.lowercased(), Self.pubSubKinds.contains(kind) {
            onPush(value)
            return
        }
        guard let next = waiting.popFirst() else {
            context.fireErrorCaught(RedisError.unexpectedReply(command: "nothing", reply: "\(value)"))
            return
        }
        if case .error(let message) = value {
            next?.fail(RedisError.server(message))
        } else {
            next?.succeed(value)
        }
    }

    static let pubSubKinds: Set<String> = ["message", "pmessage", "subscribe", "psubscribe", "unsubscribe", "punsubscribe"]

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let failure: RedisError
        switch error {
        case let parse as RESPParseError: failure = .malformedReply(parse)
        case let redis as RedisError: failure = redis
        default: failure = .unavailable("\(error)")
        }
        failAll(failure)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(.connectionClosed)
        context.fireChannelInactive()
    }

    private func failAll(_ error: RedisError) {
        while let next = waiting.popFirst() { next?.fail(error) }
    }
}
