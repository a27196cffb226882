import ColyseusServer
import Foundation
import Logging

/// The listings of every process's rooms in one Redis hash (the reference's `@colyseus/redis-driver`),
/// with a set per process so that a dead process's rooms go with it.
public struct RedisRoomDriver: RoomDriver {
    private let redis: RedisClient
    private let keys: RedisKeys
    private let logger: Logger

    init(redis: RedisClient, keys: RedisKeys, logger: Logger) {
        self.redis = redis
        self.keys = keys
        self.logger = logger
    }

    public func persist(_ listings: [RoomListing]) async throws {
        var commands: [RESPCommand] = []
        for listing in listings {
            commands.append(RESPCommand(bytes: [Array("HSET".utf8), Array(keys.rooms.utf8), Array(listing.roomId.utf8), Array(try listing.storedJSON())]))
            commands.append(["SADD", keys.processRooms(listing.processId), listing.roomId])
        }
        _ = try await redis.pipelineChecked(commands)
    }

    public func remove(roomId: String, processId: String) async throws {
        _ = try await redis.pipelineChecked([["HDEL", keys.rooms, roomId], ["SREM", keys.processRooms(processId), roomId]])
    }

    public func listing(roomId: String) async throws -> RoomListing? {
        guard case .bulkString(let bytes) = try await redis.send(["HGET", keys.rooms, roomId]) else { return nil }
        return decode(bytes)
    }

    public func listings(name: String?) async throws -> [RoomListing] {
        let values = try await redis.send(["HVALS", keys.rooms]).elements ?? []
        return values.compactMap { value in
            guard case .bulkString(let bytes) = value, let listing = decode(bytes) else { return nil }
            return name == nil || listing.name == name ? listing : nil
        }
    }

    private func decode(_ bytes: [UInt8]) -> RoomListing? {
        do {
            return try RoomListing(storedJSON: Data(bytes))
        } catch {
            logger.warning("skipping a room listing that does not decode", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
