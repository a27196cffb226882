/// Where the listings of every process's rooms are kept, so that any process finds any room (the
/// reference's MatchMakerDriver). A ``MatchMaker`` without one knows only its own rooms; `RedisRoomDriver`
/// (module ColyseusRedis) shares them between processes.
///
/// Every method throws when the storage is unreachable; matchmaking then answers 503.
public protocol RoomDriver: Sendable {
    /// Adds or replaces listings of rooms of one process (in one round trip).
    func persist(_ listings: [RoomListing]) async throws
    /// Removes the listing of a room of process `processId`.
    func remove(roomId: String, processId: String) async throws
    /// The listing of `roomId`, of any process.
    func listing(roomId: String) async throws -> RoomListing?
    /// The listings of every process, of room type `name` when given.
    func listings(name: String?) async throws -> [RoomListing]
}
