import Logging
import NIOCore
import NIOPosix

/// A Redis client on SwiftNIO: commands pipelined on one connection, replies matched in order, and a
/// connection that comes back by itself.
///
/// While the server is unreachable, commands fail at once with ``RedisError/unavailable(_:)`` (never
/// queued, never hanging past ``RedisConfiguration/commandTimeout``) and the client reconnects in the
/// background with exponential backoff; the first command after the server is back succeeds. Nothing
/// about a failure is remembered past the reconnection.
///
/// ```swift
/// let redis = RedisClient(try RedisConfiguration(url: "redis://:secret@127.0.0.1:6379/2"))
/// try await redis.send(["SET", "greeting", "hello"])
/// let greeting = try await redis.send(["GET", "greeting"]).string
/// await redis.shutdown()
/// ```
public actor RedisClient {
    private enum State {
        case disconnected(reason: String)
        case connecting(Task<RedisConnection, any Error>)
        case connected(RedisConnection)
        case shutDown
    }

    public nonisolated let configuration: RedisConfiguration
    private let group: any EventLoopGroup
    private let logger: Logger
    private let onPush: @Sendable (RESPValue) -> Void
    private let onConnect: @Sendable (RedisConnection) async throws -> Void
    private var state = State.disconnected(reason: "not connected yet")
    private var reconnecting: Task<Void, Never>?

    /// A client for `configuration`; it connects on the first command.
    public init(_ configuration: RedisConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger = Logger(label: "redis")) {
        self.init(configuration, group: group, logger: logger, onPush: { _ in }, onConnect: { _ in })
    }

    /// A client whose push messages go to `onPush`, and which runs `onConnect` on every new connection
    /// before anything else is sent on it (the subscriber re-subscribes there).
    init(
        _ configuration: RedisConfiguration, group: any EventLoopGroup, logger: Logger,
        onPush: @escaping @Sendable (RESPValue) -> Void, onConnect: @escaping @Sendable (RedisConnection) async throws -> Void
    ) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        self.onPush = onPush
        self.onConnect = onConnect
    }

    // MARK: commands

    /// Sends one command and returns its reply; an error reply throws ``RedisError/server(_:)``.
    @discardableResult
    public func send(_ command: RESPCommand) async throws -> RESPValue {
        let reply = try await connection().send([command])[0]
        if case .error(let message) = reply { throw RedisError.server(message) }
        return reply
    }

    /// Sends `commands` in one write (one round trip) and returns their replies in order; an error
    /// reply of one command is its ``RESPValue/error(_:)`` value and does not fail the others.
    public func pipeline(_ commands: [RESPCommand]) async throws -> [RESPValue] {
        try await connection().send(commands)
    }

    /// Whether a connection is open now.
    public var isConnected: Bool {
        if case .connected = state { true } else { false }
    }

    /// Closes the connection and fails every later command with ``RedisError/shutDown``.
    public func shutdown() async {
        reconnecting?.cancel()
        reconnecting = nil
        let previous = state
        state = .shutDown
        switch previous {
        case .connected(let connection): connection.close()
        case .connecting(let task): (try? await task.value)?.close()
        case .disconnected, .shutDown: break
        }
    }

    // MARK: connection

    /// The open connection, or the one being opened. Fails at once while reconnection waits out its backoff.
    func connection() async throws -> RedisConnection {
        switch state {
        case .connected(let connection): return connection
        case .connecting(let task): return try await task.value
        case .shutDown: throw RedisError.shutDown
        case .disconnected(let reason):
            if reconnecting != nil { throw RedisError.unavailable(reason) }
            return try await connect()
        }
    }

    private func connect() async throws -> RedisConnection {
        let configuration = self.configuration, group = self.group, onPush = self.onPush, onConnect = self.onConnect
        let task = Task {
            let connection = try await RedisConnection.open(configuration, group: group, onPush: onPush)
            do {
                try await onConnect(connection)
            } catch {
                connection.close()
                throw error
            }
            return connection
        }
        state = .connecting(task)
        do {
            let connection = try await task.value
            guard case .connecting = state else {
                connection.close()
                throw RedisError.shutDown
            }
            state = .connected(connection)
            connection.closeFuture.whenComplete { _ in
                Task { await self.connectionClosed(connection) }
            }
            return connection
        } catch {
            if case .connecting = state {
                if case RedisError.unavailable(let reason) = error {
                    state = .disconnected(reason: reason)
                } else {
                    state = .disconnected(reason: "\(error)")
                }
                startReconnecting()
            }
            throw error
        }
    }

    private func connectionClosed(_ connection: RedisConnection) {
        guard case .connected(let current) = state, current === connection else { return }
        logger.warning("Redis connection closed; reconnecting", metadata: ["address": "\(configuration.host):\(configuration.port)"])
        state = .disconnected(reason: "the connection to \(configuration.host):\(configuration.port) closed")
        startReconnecting()
    }

    /// Tries again after 50 ms, 100 ms, … up to ``RedisConfiguration/maxReconnectDelay`` between attempts.
    private func startReconnecting() {
        guard reconnecting == nil else { return }
        reconnecting = Task {
            var delay = configuration.reconnectDelay
            while !Task.isCancelled {
                try? await Task.sleep(for: delay)
                if await attemptReconnection() { break }
                delay = min(delay * 2, configuration.maxReconnectDelay)
            }
        }
    }

    /// One attempt; true when connected (or shut down: nothing more to do).
    private func attemptReconnection() async -> Bool {
        guard case .disconnected = state else { return true }
        do {
            _ = try await connect()
            reconnecting = nil
            logger.info("Redis connection restored", metadata: ["address": "\(configuration.host):\(configuration.port)"])
            return true
        } catch {
            if case .shutDown = state { return true }
            // connect() restarted nothing while this loop runs; keep going.
            return false
        }
    }
}
