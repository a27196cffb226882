import ColyseusServer
import Foundation

/// The cluster's processes in Redis: a hash of room counts for placement, and a heartbeat key per
/// process that expires unless renewed. A process is dead when its heartbeat expired or nobody listens
/// on its ``ProcessChannel`` any more: Redis drops a killed process's subscription as soon as the
/// kernel closes its socket, so a SIGKILLed process is found dead on the next look, without waiting
/// for its heartbeat to expire.
public struct RedisProcessRegistry: ProcessRegistry {
    private let redis: RedisClient
    private let keys: RedisKeys

    init(redis: RedisClient, keys: RedisKeys) {
        self.redis = redis
        self.keys = keys
    }

    public func heartbeat(_ record: ProcessRecord, ttl: Duration) async throws -> Bool {
        let script = """
            local known = redis.call('HEXISTS', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
            return known
            """
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        let known = try await redis.eval(
            script, keys: [keys.processes, keys.heartbeat(record.processId)],
            arguments: [record.processId, String(record.roomCount), json, String(ttl.milliseconds)]
        )
        return known.integer == 1
    }

    public func removeDeadProcesses() async throws -> [String] {
        let processIds = try await redis.send(["HKEYS", keys.processes]).elements?.compactMap(\.string) ?? []
        guard !processIds.isEmpty else { return [] }
        var commands = processIds.map { RESPCommand(["EXISTS", keys.heartbeat($0)]) }
        commands.append(RESPCommand(["PUBSUB", "NUMSUB"] + processIds.map(ProcessChannel.name)))
        let replies = try await redis.pipelineChecked(commands)
        let listeners = Self.subscriberCounts(replies[processIds.count])
        var dead: [String] = []
        for (index, processId) in processIds.enumerated() {
            let beating = replies[index].integer == 1
            let listening = (listeners[ProcessChannel.name(processId)] ?? 0) > 0
            if !beating || !listening {
                try await remove(processId: processId)
                dead.append(processId)
            }
        }
        return dead
    }

    public func reserveRoom() async throws -> ProcessRecord? {
        let script = """
            local entries = redis.call('HGETALL', KEYS[1])
            local best, bestCount
            for i = 1, #entries, 2 do
              local count = tonumber(entries[i + 1]) or 0
              if (best == nil or count < bestCount) and redis.call('EXISTS', ARGV[1] .. entries[i]) == 1 then
                best, bestCount = entries[i], count
              end
            end
            if best == nil then return nil end
            redis.call('HINCRBY', KEYS[1], best, 1)
            return redis.call('GET', ARGV[1] .. best)
            """
        guard case .bulkString(let json) = try await redis.eval(script, keys: [keys.processes], arguments: [keys.heartbeatPrefix]) else {
            return nil
        }
        return try JSONDecoder().decode(ProcessRecord.self, from: Data(json))
    }

    public func remove(processId: String) async throws {
        let script = """
            local rooms = redis.call('SMEMBERS', KEYS[2])
            for _, roomId in ipairs(rooms) do redis.call('HDEL', KEYS[3], roomId) end
            redis.call('DEL', KEYS[2], KEYS[4])
            redis.call('HDEL', KEYS[1], ARGV[1])
            return #rooms
            """
        _ = try await redis.eval(
            script, keys: [keys.processes, keys.processRooms(processId), keys.rooms, keys.heartbeat(processId)], arguments: [processId]
        )
    }

    /// `PUBSUB NUMSUB`'s channel, count, channel, count… (a map in RESP3).
    private static func subscriberCounts(_ reply: RESPValue) -> [String: Int] {
        let flat = reply.elements ?? []
        var counts: [String: Int] = [:]
        for index in stride(from: 0, to: flat.count - 1, by: 2) {
            if let channel = flat[index].string { counts[channel] = flat[index + 1].integer ?? 0 }
        }
        return counts
    }
}
