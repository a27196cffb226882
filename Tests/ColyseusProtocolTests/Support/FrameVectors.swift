import ColyseusProtocol
import ColyseusSchema
import Foundation
import SchemaTestSupport
import Testing

/// `Tests/Fixtures/vectors/protocol/frames.json`: frames of both directions as the reference implementation writes them.
struct FrameVectors: Decodable, Sendable {
    /// One frame. `type` and `payloadHex` are given for ROOM_DATA, `reconnectionToken`, `serializerId` and
    /// `handshakeHex` for the first JOIN_ROOM, `code` and `message` for ERROR.
    struct Frame: Decodable, Sendable, CustomTestStringConvertible {
        let description: String
        let `protocol`: String
        let hex: String
        let type: JSONValue?
        let payloadHex: String?
        let reconnectionToken: String?
        let serializerId: String?
        let handshakeHex: String?
        let code: Int?
        let message: String?

        var testDescription: String { description }
        var bytes: [UInt8] { Hex.decode(hex) }

        /// The vector's message type, when it states one.
        var messageType: MessageType? {
            switch type {
            case .string(let text): .string(text)
            case .number(let number): Int(exactly: number).map(MessageType.integer)
            default: nil
            }
        }
    }

    let protocolCodes: [String: UInt8]
    let serverToClient: [Frame]
    let clientToServer: [Frame]

    private static let loaded = Result { try Fixtures.decode(FrameVectors.self, from: "vectors/protocol/frames.json") }

    /// The file's frames; throws a ``FixtureError`` naming the file when it is missing or malformed.
    static func load() throws -> FrameVectors { try loaded.get() }
}

/// Bytes from hex as PROTOCOL.md writes them (spaces allowed).
func hex(_ text: String) -> [UInt8] { Hex.decode(text) }

/// Lowercase hex of `bytes`.
func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

/// The bytes `body` writes into a fresh writer.
func written(_ body: (inout ByteWriter) -> Void) -> [UInt8] {
    var writer = ByteWriter(initialCapacity: 16)
    body(&writer)
    return writer.bytes
}
