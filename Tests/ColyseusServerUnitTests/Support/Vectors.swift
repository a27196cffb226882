import Foundation
import NIOCore
import enum SchemaTestSupport.Fixtures

@testable import ColyseusServer

/// `Tests/Fixtures/vectors/protocol/frames.json`, read for the server frames only.
struct ServerFrameVectors: Decodable, Sendable {
    struct Frame: Decodable, Sendable {
        let description: String
        let `protocol`: String
        let hex: String
        let type: JSONValue?
        let payloadHex: String?
        let code: Int?
        let message: String?
    }

    let serverToClient: [Frame]

    private static let loaded = Result { try Fixtures.decode(ServerFrameVectors.self, from: "vectors/protocol/frames.json") }

    /// The file's frames; throws a ``FixtureError`` naming the file when it is missing or malformed.
    static func load() throws -> ServerFrameVectors { try loaded.get() }
}

/// Lowercase hex of `bytes`.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}

/// Bytes from hex (spaces allowed).
func bytes(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { $0 != " " })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// Lowercase hex of a frame buffer.
func hex(_ buffer: ByteBuffer) -> String { hex(buffer.readableBytesView) }
