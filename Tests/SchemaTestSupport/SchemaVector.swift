import Foundation

/// A case of ../shared/vectors/schema: bytes produced by the reference implementation.
public struct SchemaVector: Decodable, Sendable {
    public struct Frame: Decodable, Sendable {
        public let kind: String
        public let description: String
        public let hex: String
        public let decoded: JSONValue
    }

    public struct ReflectedTypeEntry: Decodable, Sendable {
        public struct Field: Decodable, Sendable {
            public let index: Int
            public let name: String
            public let type: String
        }
        public let id: Int
        public let extendsId: Int?
        public let fields: [Field]
    }

    public let name: String
    public let handshake: String
    public let handshakeDecodedTypes: [ReflectedTypeEntry]
    public let frames: [Frame]
    public let lateJoinFullState: Frame

    /// `shared/vectors/schema`, beside the repository clone (this file is `<repo>/Tests/SchemaTestSupport/`).
    public static let schemaFolder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SchemaTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // <repo>
        .deletingLastPathComponent()  // beside <repo>
        .appendingPathComponent("shared/vectors/schema")

    /// The case file names of the folder, sorted (`_upstream-bugs.json` included).
    public static func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: schemaFolder.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// Every case of a file: one for the ordinary files, several for `_upstream-bugs.json`.
    public static func cases(inFile fileName: String) throws -> [SchemaVector] {
        let data = try Data(contentsOf: schemaFolder.appendingPathComponent(fileName))
        if fileName == "_upstream-bugs.json" {
            struct File: Decodable { let knownUpstreamIssues: [SchemaVector] }
            return try JSONDecoder().decode(File.self, from: data).knownUpstreamIssues
        }
        return [try JSONDecoder().decode(SchemaVector.self, from: data)]
    }

    /// The case of `<name>.json`.
    public static func load(_ name: String) throws -> SchemaVector {
        try cases(inFile: "\(name).json")[0]
    }

    /// The cases of `_upstream-bugs.json` by name.
    public static func loadUpstreamBugs() throws -> [String: SchemaVector] {
        Dictionary(uniqueKeysWithValues: try cases(inFile: "_upstream-bugs.json").map { ($0.name, $0) })
    }
}
