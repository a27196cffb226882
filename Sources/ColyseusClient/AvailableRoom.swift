import Foundation

/// A room that matchmaking would let a client join (the seed's `getAvailableRooms`): locked and private
/// rooms are not listed.
public struct AvailableRoom<Metadata: Decodable & Sendable>: Decodable, Sendable {
    public let roomId: String
    /// The room type's name.
    public let name: String
    /// Clients in the room, open seat reservations included.
    public let clients: Int
    /// nil when the room has no limit.
    public let maxClients: Int?
    /// What the room published with `setMetadata`, decoded as `Metadata` (nil when it published none).
    /// `AvailableRoom<MessagePackValue>` reads any metadata untyped.
    public let metadata: Metadata?
    /// When the room was created.
    public let createdAt: Date?

    enum CodingKeys: String, CodingKey {
        case roomId, name, clients, maxClients, metadata, createdAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        roomId = try container.decode(String.self, forKey: .roomId)
        name = try container.decode(String.self, forKey: .name)
        clients = try container.decode(Int.self, forKey: .clients)
        maxClients = try container.decodeIfPresent(Int.self, forKey: .maxClients)
        do {
            metadata = try container.decodeIfPresent(Metadata.self, forKey: .metadata)
        } catch {
            // A room that never called setMetadata lists `{}`: no metadata rather than a failed listing.
            guard let empty = try? container.decode([String: Int].self, forKey: .metadata), empty.isEmpty else { throw error }
            metadata = nil
        }
        createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
    }
}
