import ColyseusServer
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A Colyseus-compatible game server: HTTP matchmaking and WebSocket rooms on one port.
///
/// ```swift
/// let server = GameServer(configuration: .init(host: "127.0.0.1", port: 2567))
/// server.define("my_room", MyRoom.self)
/// try await server.run()   // until SIGINT/SIGTERM, then a graceful shutdown
/// ```
public final class GameServer: Sendable {
    /// Where and how the server listens.
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port (see ``GameServer/run(onListening:)``).
        public var port: Int
        /// Largest incoming WebSocket message; larger ones close the connection with 1009. Default 4096.
        public var maxMessageSize: Int
        /// Interval of WebSocket ping frames; a client that stops answering is disconnected. Default 3 s.
        public var pingInterval: Duration
        /// Address put into seat reservations when clients must connect elsewhere.
        public var publicAddress: String?

        public init(host: String = "127.0.0.1", port: Int = 2567, maxMessageSize: Int = 4096, pingInterval: Duration = .seconds(3), publicAddress: String? = nil) {
            self.host = host
            self.port = port
            self.maxMessageSize = maxMessageSize
            self.pingInterval = pingInterval
            self.publicAddress = publicAddress
        }
    }

    public let configuration: Configuration
    /// Finds and creates rooms; define room types on it (or through ``define(_:_:defaultOptions:filterBy:)``).
    public let matchMaker: MatchMaker
    private let logger: Logger
    private let serviceGroup = Mutex<ServiceGroup?>(nil)

    public init(configuration: Configuration = Configuration(), presence: any Presence = LocalPresence(), logger: Logger = Logger(label: "colyseus")) {
        self.configuration = configuration
        self.logger = logger
        self.matchMaker = MatchMaker(presence: presence, publicAddress: configuration.publicAddress, logger: logger)
    }

    /// Registers a room type under `name` (see ``MatchMaker/define(_:_:defaultOptions:filterBy:)``).
    public func define(_ name: String, _ roomType: AnyRoom.Type, defaultOptions: JSONValue = .object([:]), filterBy: [String] = []) {
        matchMaker.define(name, roomType, defaultOptions: defaultOptions, filterBy: filterBy)
    }

    /// Serves until SIGINT/SIGTERM or ``shutdown()``; then stops matchmaking (503), closes every client
    /// with 4001, awaits each room's `onDispose`, and stops listening. `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router(context: ColyseusRequestContext.self)
        router.add(middleware: ColyseusHTTPMiddleware())
        MatchmakingRoutes(matchMaker: matchMaker).register(on: router)

        let matchMaker = self.matchMaker, configuration = self.configuration, logger = self.logger
        let application = Application(
            router: router,
            server: .http1WebSocketUpgrade(
                configuration: .init(
                    http1: .init(),
                    ws: WebSocketServerConfiguration(
                        maxFrameSize: configuration.maxMessageSize,
                        autoPing: .enabled(timePeriod: configuration.pingInterval),
                        closeTimeout: .seconds(2)
                    )
                )
            ) { request, channel, _ in
                let session = WebSocketSession(
                    matchMaker: matchMaker,
                    maxMessageSize: configuration.maxMessageSize,
                    url: ConnectionURL(request.path ?? "/"),
                    headers: request.headerFields,
                    channel: channel,
                    logger: logger
                )
                return .upgrade([:]) { inbound, outbound, _ in
                    await session.run(inbound: inbound, outbound: outbound)
                }
            },
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.info("Colyseus server listening on ws://\(configuration.host):\(port)")
                await onListening(port)
            },
            logger: logger
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: application),
                    .init(service: RoomShutdownService(matchMaker: matchMaker), successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        serviceGroup.withLock { $0 = group }
        try await group.run()
    }

    /// Starts the graceful shutdown of a running server (as SIGTERM does).
    public func shutdown() async {
        guard let group = serviceGroup.withLock({ $0 }) else { return }
        await group.triggerGracefulShutdown()
    }
}

/// Disposes every room when the service group shuts down, before the HTTP server stops.
struct RoomShutdownService: Service {
    let matchMaker: MatchMaker

    func run() async throws {
        try? await gracefulShutdown()
        await matchMaker.shutdown()
    }
}
