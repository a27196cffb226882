import ColyseusServer
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A Colyseus-compatible game server: HTTP matchmaking and WebSocket rooms on one port, on SwiftNIO.
///
/// ```swift
/// let server = GameServer(configuration: .init(host: "127.0.0.1", port: 2567))
/// server.define("my_room", MyRoom.self)
/// try await server.run()   // until SIGINT/SIGTERM, then a graceful shutdown
/// ```
///
/// Rooms and connections share the event loops of SwiftNIO's default group (one per core). A client's
/// WebSocket is handed over to its room's event loop when it connects, so a room reads its clients'
/// messages, runs its logic and writes its patches on one thread.
///
/// The server is also a `Service` of swift-service-lifecycle: add it to your own `ServiceGroup` (its
/// graceful shutdown then closes the rooms).
public final class GameServer: Service, Sendable {
    /// Where and how the server listens.
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port (see ``GameServer/run(onListening:)``).
        public var port: Int
        /// Largest incoming WebSocket message; larger ones close the connection with 1009. Default 4096.
        public var maxMessageSize: Int
        /// Interval of WebSocket ping frames; a client that misses two pongs is disconnected. Default 3 s.
        public var pingInterval: Duration
        /// Address put into seat reservations when clients must connect elsewhere.
        public var publicAddress: String?
        /// Bytes that may wait unsent for one client; a client that falls further behind is disconnected (its
        /// room sees a dropped connection, 1006, and may hold its seat for a reconnection). Default 4 MiB.
        public var maxBufferedBytes: Int

        public init(
            host: String = "127.0.0.1",
            port: Int = 2567,
            maxMessageSize: Int = 4096,
            pingInterval: Duration = .seconds(3),
            publicAddress: String? = nil,
            maxBufferedBytes: Int = 4 * 1024 * 1024
        ) {
            self.host = host
            self.port = port
            self.maxMessageSize = maxMessageSize
            self.pingInterval = pingInterval
            self.publicAddress = publicAddress
            self.maxBufferedBytes = maxBufferedBytes
        }
    }

    public let configuration: Configuration
    /// Finds and creates rooms; define room types on it (or through ``define(_:_:defaultOptions:filterBy:)``).
    public let matchMaker: MatchMaker
    private let logger: Logger
    private let serviceGroup = Mutex<ServiceGroup?>(nil)

    /// A server; with `cluster` (and a shared `presence`), one process of several sharing matchmaking.
    public init(configuration: Configuration = Configuration(), presence: any Presence = LocalPresence(), cluster: ClusterServices? = nil, logger: Logger = Logger(label: "colyseus")) {
        self.configuration = configuration
        self.logger = logger
        self.matchMaker = MatchMaker(presence: presence, publicAddress: configuration.publicAddress, cluster: cluster, logger: logger)
    }

    /// Registers a room type under `name` (see ``MatchMaker/define(_:_:defaultOptions:filterBy:)``).
    public func define(_ name: String, _ roomType: AnyRoom.Type, defaultOptions: JSONValue = .object([:]), filterBy: [String] = []) {
        matchMaker.define(name, roomType, defaultOptions: defaultOptions, filterBy: filterBy)
    }

    /// Serves until SIGINT/SIGTERM or ``shutdown()``; then stops matchmaking (503), closes every client
    /// with 4001, awaits each room's `onDispose`, and stops listening. `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: Listening(server: self, onListening: onListening))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        serviceGroup.withLock { $0 = group }
        try await group.run()
    }

    /// Serves as a service of a `ServiceGroup`, until the group's graceful shutdown.
    public func run() async throws {
        try await serve(onListening: { _ in })
    }

    /// Starts the graceful shutdown of a server started with ``run(onListening:)`` (as SIGTERM does).
    public func shutdown() async {
        guard let group = serviceGroup.withLock({ $0 }) else { return }
        await group.triggerGracefulShutdown()
    }

    /// Listens until the graceful shutdown, then closes the rooms and the remaining connections.
    private func serve(onListening: @Sendable (Int) async -> Void) async throws {
        let listener = try ConnectionListener(host: configuration.host, port: configuration.port)
        let setup = ConnectionSetup(
            matchMaker: matchMaker,
            pipeline: HTTPServerPipeline(
                matchMaker: matchMaker,
                webSocket: WebSocketConnectionHandler.Configuration(
                    maxMessageSize: configuration.maxMessageSize,
                    keepAlive: KeepAlive(interval: TimeAmount(configuration.pingInterval)),
                    maxBufferedBytes: configuration.maxBufferedBytes
                ),
                logger: logger
            ),
            connections: OpenConnections()
        )
        let eventLoops = MultiThreadedEventLoopGroup.singleton
        listener.start { descriptor in
            _ = ClientBootstrap(group: eventLoops.next())
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ConnectionDispatcher(descriptor: descriptor, setup: setup))
                        setup.connections.add(channel)
                    }
                }
                .withConnectedSocket(descriptor)
        }
        logger.info("Colyseus server listening on ws://\(configuration.host):\(listener.port)")
        await onListening(listener.port)
        try? await gracefulShutdown()
        listener.stop()
        await matchMaker.shutdown()
        await setup.connections.closeAll()
    }

    /// The server as the one service of the group ``run(onListening:)`` runs.
    private struct Listening: Service {
        let server: GameServer
        let onListening: @Sendable (Int) async -> Void

        func run() async throws {
            try await server.serve(onListening: onListening)
        }
    }
}
