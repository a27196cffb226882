/// A server process as the others see it.
public struct ProcessRecord: Sendable, Codable, Equatable {
    public var processId: String
    /// Where clients reach it (its seat reservations carry it).
    public var publicAddress: String?
    /// Rooms it hosts, plus creations under way.
    public var roomCount: Int

    public init(processId: String, publicAddress: String?, roomCount: Int) {
        self.processId = processId
        self.publicAddress = publicAddress
        self.roomCount = roomCount
    }
}

/// Which server processes are alive, and where new rooms go (the reference's `Stats.ts`, health checks
/// and `selectProcessIdToCreateRoom`). `RedisProcessRegistry` (module ColyseusRedis) keeps it in Redis.
///
/// A process is alive while it renews its heartbeat and listens on its ``ProcessChannel``; a process
/// that stopped either (killed, hung, cut off) is removed with its rooms by ``removeDeadProcesses()``,
/// which every process calls every second.
public protocol ProcessRegistry: Sendable {
    /// Marks the process alive for `ttl` with its room count. Returns false when the registry did not
    /// know it (first heartbeat, storage restarted empty, or the process was taken for dead): the caller
    /// then persists its rooms again.
    func heartbeat(_ record: ProcessRecord, ttl: Duration) async throws -> Bool
    /// Removes processes that stopped renewing their heartbeat or listening, and their rooms' listings;
    /// returns their ids.
    func removeDeadProcesses() async throws -> [String]
    /// Picks the live process with the fewest rooms and counts one more room for it in the same atomic
    /// step, so that concurrent creations spread; nil when no process is registered.
    func reserveRoom() async throws -> ProcessRecord?
    /// Removes a process and its rooms' listings (its graceful shutdown).
    func remove(processId: String) async throws
}

/// The pub/sub channel on which a process receives requests and replies from the others.
public enum ProcessChannel {
    public static func name(_ processId: String) -> String { "colyseus:process:\(processId)" }
}
