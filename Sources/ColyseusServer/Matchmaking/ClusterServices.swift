/// What a ``MatchMaker`` needs to share matchmaking with other server processes: the rooms' listings,
/// the process registry and the `joinOrCreate` lock, all on one storage that every process reaches
/// (Redis: `RedisCluster` in module ColyseusRedis). The ``Presence`` of the same matchmaker must be
/// shared too: requests between processes travel over its pub/sub.
public struct ClusterServices: Sendable {
    public var driver: any RoomDriver
    public var registry: any ProcessRegistry
    public var lock: any MatchmakingLock
    /// How long a request to another process waits for its answer. Default 2 s (the reference's
    /// `COLYSEUS_PRESENCE_SHORT_TIMEOUT`).
    public var requestTimeout: Duration
    /// How often the process renews its heartbeat and looks for dead processes. Default 1 s.
    public var heartbeatInterval: Duration
    /// How long a heartbeat keeps a process alive without renewal. Default 3 s.
    public var heartbeatTTL: Duration

    public init(
        driver: any RoomDriver, registry: any ProcessRegistry, lock: any MatchmakingLock,
        requestTimeout: Duration = .seconds(2), heartbeatInterval: Duration = .seconds(1), heartbeatTTL: Duration = .seconds(3)
    ) {
        self.driver = driver
        self.registry = registry
        self.lock = lock
        self.requestTimeout = requestTimeout
        self.heartbeatInterval = heartbeatInterval
        self.heartbeatTTL = heartbeatTTL
    }
}
