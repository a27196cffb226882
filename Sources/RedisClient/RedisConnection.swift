import NIOCore
import NIOPosix

/// One open, authenticated connection to Redis. ``RedisClient`` opens and replaces them.
final class RedisConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<RedisChannelHandler>
    private let commandTimeout: Duration

    private init(channel: any Channel, handler: NIOLoopBound<RedisChannelHandler>, commandTimeout: Duration) {
        self.channel = channel
        self.handler = handler
        self.commandTimeout = commandTimeout
    }

    /// Connects, then `HELLO`/`AUTH`, `CLIENT SETNAME` and `SELECT` as configured.
    static func open(_ configuration: RedisConfiguration, group: any EventLoopGroup, onPush: @escaping @Sendable (RESPValue) -> Void) async throws -> RedisConnection {
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.nanoseconds(Int64(configuration.connectTimeout / .nanoseconds(1))))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RESPDecoder()))
                        try channel.pipeline.syncOperations.addHandler(RedisChannelHandler(onPush: onPush))
                    }
                }
                .connect(host: configuration.host, port: configuration.port)
                .get()
        } catch {
            throw RedisError.unavailable("cannot connect to \(configuration.host):\(configuration.port): \(error)")
        }
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: RedisChannelHandler.self), eventLoop: channel.eventLoop)
        }.get()
        let connection = RedisConnection(channel: channel, handler: handler, commandTimeout: configuration.commandTimeout)
        do {
            for reply in try await connection.send(handshake(configuration), timeout: configuration.connectTimeout) {
                if case .error(let message) = reply { throw RedisError.server(message) }
            }
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    private static func handshake(_ configuration: RedisConfiguration) -> [RESPCommand] {
        var commands: [RESPCommand] = []
        switch configuration.protocolVersion {
        case .resp3:
            var hello = ["HELLO", "3"]
            if let password = configuration.password { hello += ["AUTH", configuration.username ?? "default", password] }
            if let name = configuration.clientName { hello += ["SETNAME", name] }
            commands.append(RESPCommand(hello))
        case .resp2:
            if let password = configuration.password {
                commands.append(RESPCommand(configuration.username.map { ["AUTH", $0, password] } ?? ["AUTH", password]))
            }
            if let name = configuration.clientName { commands.append(["CLIENT", "SETNAME", name]) }
        }
        if configuration.database != 0 { commands.append(["SELECT", String(configuration.database)]) }
        return commands
    }

    /// Sends `commands` in one write and returns their replies in order; error replies are values
    /// (``RESPValue/error(_:)``). No reply within `timeout` (default: the command timeout) closes the connection.
    func send(_ commands: [RESPCommand], timeout: Duration? = nil) async throws -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        let loop = channel.eventLoop
        let promises = commands.map { _ in loop.makePromise(of: RESPValue.self) }
        let timeout = timeout ?? commandTimeout, channel = self.channel
        let name = commands.count == 1 ? commands[0].description : "a pipeline of \(commands.count) commands"
        let timer = loop.scheduleTask(in: .nanoseconds(Int64(timeout / .nanoseconds(1)))) {
            let error = RedisError.timeout(command: name, seconds: Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
            for promise in promises { promise.fail(error) }
            channel.close(promise: nil)
        }
        // A connection that closed before the client heard of it fails the commands at once.
        let written = loop.makePromise(of: Void.self)
        written.futureResult.whenFailure { _ in
            for promise in promises { promise.fail(RedisError.connectionClosed) }
        }
        channel.writeAndFlush(RedisRequest(commands: commands, promises: promises), promise: written)
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        defer { timer.cancel() }
        for promise in promises {
            do {
                replies.append(try await promise.futureResult.get())
            } catch RedisError.server(let message) {
                replies.append(.error(message))
            }
        }
        return replies
    }

    /// Writes commands whose answers come as push messages (no reply is awaited).
    func sendWithoutReply(_ commands: [RESPCommand]) {
        channel.writeAndFlush(RedisRequest(commands: commands, promises: commands.map { _ in nil }), promise: nil)
    }

    /// Routes RESP2 pub/sub arrays to the push handler from now on.
    func becomeSubscriber() async throws {
        let handler = self.handler
        try await channel.eventLoop.submit { handler.value.isSubscriber = true }.get()
    }

    var closeFuture: EventLoopFuture<Void> { channel.closeFuture }

    func close() {
        channel.close(promise: nil)
    }
}
