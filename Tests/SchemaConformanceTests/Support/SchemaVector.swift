import Foundation

/// A case file of ../shared/vectors/schema: bytes produced by the reference implementation.
struct SchemaVector: Decodable {
    struct Frame: Decodable {
        let kind: String
        let description: String
        let hex: String
        let decoded: JSONValue
    }

    struct ReflectedTypeEntry: Decodable {
        struct Field: Decodable {
            let index: Int
            let name: String
            let type: String
        }
        let id: Int
        let extendsId: Int?
        let fields: [Field]
    }

    let name: String
    let handshake: String
    let handshakeDecodedTypes: [ReflectedTypeEntry]
    let frames: [Frame]
    let lateJoinFullState: Frame

    /// The shared vectors folder, beside the repository clone.
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/vectors")

    /// The cases of `_upstream-bugs.json`, which share the case file format.
    static func loadUpstreamBugs() throws -> [String: SchemaVector] {
        struct File: Decodable { let knownUpstreamIssues: [SchemaVector] }
        let url = folder.appendingPathComponent("schema/_upstream-bugs.json")
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return Dictionary(uniqueKeysWithValues: file.knownUpstreamIssues.map { ($0.name, $0) })
    }

    static func load(_ name: String) throws -> SchemaVector {
        let url = folder.appendingPathComponent("schema/\(name).json")
        return try JSONDecoder().decode(SchemaVector.self, from: Data(contentsOf: url))
    }
}
