import Foundation
import SchemaCodegenCore
import Testing

/// For the schemas of the reference vectors (Tests/VectorStates), of Schemas/ and of the Swift goldens, the
/// TypeScript written for them, read back as input, gives the same model: the same schemas in the same
/// files, with the same fields, indexes, types, optionality, defaults, view tags and documentation.
/// (Only the order of the schemas within a file may change: TypeScript defines a class before the
/// classes that name it.)
@Suite struct TypeScriptRoundTripTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `.schema` files of a folder of the repository, sorted, shown with their repository path.
    static func schemaSources(in folder: String) throws -> [SchemaSource] {
        let url = repository.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".schema") }.sorted().map {
            try SchemaSource(contentsOfFile: url.appendingPathComponent($0).path, displayPath: "\(folder)/\($0)")
        }
    }

    /// Each schema's shape line prefixed with the name of its file, sorted.
    private func fileShapes(_ model: SchemaModel) -> [String] {
        zip(model.schemas, shape(model)).map { "\(GeneratedFile.stem(ofSource: $0.sourceFile)): \($1)" }.sorted()
    }

    private func checkRoundTrip(_ sources: [SchemaSource]) throws {
        let model = try SchemaCompiler.compile(sources: sources)
        let typeScript = try TypeScriptRenderer().render(model)
        let readBack = try SchemaCompiler.compile(sources: typeScript.map { SchemaSource(path: $0.name, text: $0.contents) })
        #expect(fileShapes(readBack) == fileShapes(model))
        #expect(readBack.schemas.count == model.schemas.count)
    }

    @Test func vectorSchemas() throws {
        try checkRoundTrip(try Self.schemaSources(in: "Tests/VectorStates"))
    }

    @Test func schemasOfTheDemoServer() throws {
        try checkRoundTrip(try Self.schemaSources(in: "Schemas"))
    }

    @Test func swiftGoldenInputs() throws {
        try checkRoundTrip(try Self.schemaSources(in: "Tests/GeneratedCodeTests/Golden"))
    }

    @Test func emptyCollectionDefaults() throws {
        // `= []` makes an optional collection start present (TypeScript: `= new ArraySchema<Item>()`); a
        // collection that is never absent starts empty anyway, so there it is no default.
        let source = SchemaSource(path: "Bag.schema", text: """
            schema Item {}
            schema Bag {
                items: array<Item>? = []
                scores: map<number>? = []
                names: array<string> = []
                absent: set<string>?
            }
            """)
        let model = try SchemaCompiler.compile(sources: [source])
        #expect(model.schema(named: "Bag")?.ownFields.map(\.defaultValue) == [.array([]), .array([]), nil, nil])
        try checkRoundTrip([source])
        let typeScript = try TypeScriptRenderer().render(model)[0].contents
        #expect(typeScript.contains("@type([ Item ]) public items?: ArraySchema<Item> = new ArraySchema<Item>();"))
        #expect(typeScript.contains("@type({ set: \"string\" }) public absent?: SetSchema<string>;"))
    }

    @Test func typeScriptInputWrittenAgainIsUnchanged() throws {
        // TypeScript read and written again gives the same text: the output is a fixed point.
        let sources = try Self.schemaSources(in: "Schemas")
        let first = try TypeScriptRenderer().render(try SchemaCompiler.compile(sources: sources))
        let second = try TypeScriptRenderer().render(
            try SchemaCompiler.compile(sources: first.map { SchemaSource(path: $0.name, text: $0.contents) }))
        #expect(second.map(\.name) == first.map(\.name))
        #expect(second.map { $0.contents.split(separator: "\n").dropFirst() } == first.map { $0.contents.split(separator: "\n").dropFirst() })
    }
}
