import Foundation
import NIOCore

@testable import ColyseusServer

/// `../shared/vectors/protocol/frames.json`, read for the server frames only.
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

    static let file: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // ColyseusServerUnitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // <package root>
        .appendingPathComponent("../shared/vectors/protocol/frames.json")
        .standardizedFileURL

    static let shared: ServerFrameVectors = {
        do {
            return try JSONDecoder().decode(ServerFrameVectors.self, from: Data(contentsOf: file))
        } catch {
            fatalError("cannot read \(file.path): \(error)")
        }
    }()
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
