import Foundation

/// A case of `Tests/Fixtures/vectors/schema`: bytes produced by the reference implementation.
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

    /// `Tests/Fixtures/vectors/schema`.
    public static let schemaFolder: URL = Fixtures.url("vectors/schema")

    /// The case file names of the folder, sorted (`_upstream-bugs.json` included).
    public static func fileNames() throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: schemaFolder.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw FixtureError(path: schemaFolder.path, reason: "cannot be listed (\(error.localizedDescription))")
        }
    }

    /// Every case of a file: one for the ordinary files, several for `_upstream-bugs.json`.
    public static func cases(inFile fileName: String) throws -> [SchemaVector] {
        let path = "vectors/schema/\(fileName)"
        if fileName == "_upstream-bugs.json" {
            struct File: Decodable { let knownUpstreamIssues: [SchemaVector] }
            return try Fixtures.decode(File.self, from: path).knownUpstreamIssues
        }
        return [try Fixtures.decode(SchemaVector.self, from: path)]
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
