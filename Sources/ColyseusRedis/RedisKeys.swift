/// Where a cluster keeps its matchmaking state in Redis (`prefix` defaults to `colyseus:`).
///
/// - `<prefix>rooms`: hash, room id → stored listing (``RoomListing/storedJSON()``)
/// - `<prefix>process-rooms:<processId>`: set of the room ids of one process, to remove them with it
/// - `<prefix>processes`: hash, process id → room count (rooms plus creations under way or reserved)
/// - `<prefix>heartbeat:<processId>`: the process's ``ProcessRecord`` as JSON, expiring unless renewed
/// - `<prefix>lock:<room name>:<filter options>`: the `joinOrCreate` lock, expiring
struct RedisKeys: Sendable {
    var prefix = "colyseus:"

    var rooms: String { prefix + "rooms" }
    var processes: String { prefix + "processes" }
    var heartbeatPrefix: String { prefix + "heartbeat:" }
    func processRooms(_ processId: String) -> String { prefix + "process-rooms:" + processId }
    func heartbeat(_ processId: String) -> String { heartbeatPrefix + processId }
    func lock(_ key: String) -> String { prefix + "lock:" + key }
}

extension RedisClient {
    /// Runs a Lua script (`EVAL`): keys first, then arguments.
    func eval(_ script: String, keys: [String], arguments: [String]) async throws -> RESPValue {
        try await send(RESPCommand(["EVAL", script, String(keys.count)] + keys + arguments))
    }

    /// Sends `commands` in one round trip and throws the first error reply.
    func pipelineChecked(_ commands: [RESPCommand]) async throws -> [RESPValue] {
        let replies = try await pipeline(commands)
        for reply in replies {
            if case .error(let message) = reply { throw RedisError.server(message) }
        }
        return replies
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (what `PX` takes).
    var milliseconds: Int64 {
        max(1, components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
