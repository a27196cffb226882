import Foundation

/// The reference vectors of `../shared/vectors/schema` (the repository root is three levels above this
/// file's folder's parent: `<repo>/Tests/ColyseusSchemaTests/Support/`; `shared` sits beside `<repo>`).
enum Vectors {
    static let schemaFolder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // ColyseusSchemaTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // <repo>
        .deletingLastPathComponent()  // beside <repo>
        .appendingPathComponent("shared/vectors/schema")

    struct Frame: Decodable {
        let kind: String
        let description: String
        let hex: String
        let decoded: [String: JSONScalar]?
    }

    struct TypeEntry: Decodable {
        struct Field: Decodable {
            let index: Int
            let name: String
            let type: String
        }
        let id: Int
        let extendsId: Int?
        let fields: [Field]
    }

    struct Case: Decodable {
        let name: String
        let handshake: String
        let handshakeDecodedTypes: [TypeEntry]
        let frames: [Frame]
        let lateJoinFullState: Frame
    }

    /// A decoded JSON value we only read when it is a number.
    enum JSONScalar: Decodable {
        case number(Double)
        case other

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .other }
        }

        var number: Double? { if case let .number(value) = self { value } else { nil } }
    }

    /// The vector file names of the folder, sorted.
    static func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: schemaFolder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
    }

    /// Every case of a file: one for the ordinary files, several for `_upstream-bugs.json`.
    static func cases(inFile fileName: String) throws -> [Case] {
        let data = try Data(contentsOf: schemaFolder.appendingPathComponent(fileName))
        if fileName == "_upstream-bugs.json" {
            struct File: Decodable { let knownUpstreamIssues: [Case] }
            return try JSONDecoder().decode(File.self, from: data).knownUpstreamIssues
        }
        return [try JSONDecoder().decode(Case.self, from: data)]
    }
}
