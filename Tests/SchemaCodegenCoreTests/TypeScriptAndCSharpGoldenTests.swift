import Foundation
import SchemaCodegenCore
import Testing

/// The TypeScript output of the Swift goldens' inputs (Tests/GeneratedCodeTests/Golden/*.schema) and the
/// C# output of Golden/CSharp/Unity.schema, compared byte for byte with the files of
/// Golden/TypeScript and Golden/CSharp; `RECORD_GOLDENS=1` re-records them, as for the Swift goldens
/// (see ``GoldenFileTests``); ``GeneratedCodeCompilerTests`` compiles them.
@Suite struct TypeScriptAndCSharpGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The model of the C# golden input.
    static func csharpModel() throws -> SchemaModel {
        try SchemaCompiler.compile(sources: [
            SchemaSource(contentsOfFile: folder.appendingPathComponent("CSharp/Unity.schema").path, displayPath: "Golden/CSharp/Unity.schema"),
        ])
    }

    /// The golden C# namespace, to show the namespace block.
    static let csharpOptions = CSharpRenderingOptions(namespace: "Game.State")

    @Test func renderedTypeScriptMatchesGoldenFiles() throws {
        let files = try TypeScriptRenderer().render(try GoldenFileTests.goldenModel())
        #expect(files.map(\.name) == ["Collections.schema.ts", "Entities.schema.ts", "Monsters.schema.ts", "Primitives.schema.ts"])
        try Self.compare(files, withFolder: "TypeScript", fileExtension: ".ts")
    }

    @Test func renderedCSharpMatchesGoldenFiles() throws {
        let files = try CSharpRenderer(options: Self.csharpOptions).render(try Self.csharpModel())
        #expect(files.map(\.name) == ["Unity.schema.cs"])
        try Self.compare(files, withFolder: "CSharp", fileExtension: ".cs")
    }

    private static func compare(_ files: [GeneratedFile], withFolder name: String, fileExtension: String) throws {
        let folder = Self.folder.appendingPathComponent(name)
        if GoldenFileTests.isRecording {
            try GeneratedFolder(path: folder.path, fileExtension: fileExtension).write(files)
            Issue.record("RECORD_GOLDENS=1: rewrote \(files.count) golden files; check them with git diff and run again without the variable")
            return
        }
        for file in files {
            guard let expected = try? String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8) else {
                Issue.record("missing golden file \(name)/\(file.name); record it with RECORD_GOLDENS=1")
                continue
            }
            if expected != file.contents {
                let diff = TextDiff.unified(old: expected, new: file.contents, oldName: "\(name)/\(file.name) (expected)", newName: "\(file.name) (rendered)")
                Issue.record("rendered \(file.name) differs from its golden file (RECORD_GOLDENS=1 re-records):\n\(diff)")
            }
        }
        let goldens = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(fileExtension) }
        #expect(Set(goldens) == Set(files.map(\.name)), "every golden \(fileExtension) file needs its input")
    }

    @Test func renderingIsDeterministic() throws {
        let model = try GoldenFileTests.goldenModel()
        #expect(try TypeScriptRenderer().render(model) == TypeScriptRenderer().render(model))
        let csharp = try Self.csharpModel()
        #expect(try CSharpRenderer(options: Self.csharpOptions).render(csharp) == CSharpRenderer(options: Self.csharpOptions).render(csharp))
    }

    @Test func csharpWithoutNamespaceHasNoNamespaceBlock() throws {
        let model = try compile("schema S { x: number }")
        let text = try CSharpRenderer().render(model)[0].contents
        #expect(!text.contains("namespace"))
        #expect(text.contains("\npublic partial class S : Schema {\n#if UNITY_5_3_OR_NEWER\n    [Preserve]\n#endif\n    public S() { }\n\n    [Type(0, \"number\")]\n    public float x = default(float);\n}\n"))
    }

    @Test func csharpRejectsWhatTheSDKCannotDecode() throws {
        let battle = try SchemaSource(
            contentsOfFile: TypeScriptRoundTripTests.repository.appendingPathComponent("Schemas/Battle.schema").path, displayPath: "Schemas/Battle.schema")
        let model = try SchemaCompiler.compile(sources: [battle, SchemaSource(path: "Named.schema", text: "schema Named { Named: string }")])
        #expect(throws: RenderingError.self) { try CSharpRenderer().render(model) }
        do {
            _ = try CSharpRenderer().render(model)
        } catch {
            #expect(error.description == """
                Schemas/Battle.schema:16:5: error: the Colyseus C# SDK cannot decode set fields (it has no SetSchema); use array or map for field 'winners'
                Schemas/Battle.schema:18:5: error: the Colyseus C# SDK cannot decode collection fields (it has no CollectionSchema); use array or map for field 'chat'
                Schemas/Battle.schema:81:5: error: the Colyseus C# SDK cannot decode biguint64 values; use uint64 for field 'lootValue'
                Schemas/Battle.schema:82:5: error: the Colyseus C# SDK cannot decode bigint64 values; use int64 for field 'damageTaken'
                Named.schema:1:16: error: C# does not allow a member named like its class; rename field 'Named' of 'Named'
                """)
        }
    }

    @Test func typeScriptRejectsWhatDecoratedClassesCannotExpress() throws {
        let model = try SchemaCompiler.compile(sources: [
            SchemaSource(path: "A.schema", text: "schema A { b: B? }\nschema B { a: A? }\nschema Tree { children: array<Tree> }"),
            SchemaSource(path: "C.schema", text: "schema C { d: D }"),
            SchemaSource(path: "D.schema", text: "schema D extends Base {}\nschema Base { c: C? }"),
            SchemaSource(path: "E.schema", text: "schema E {\n    clone: string\n    toJSON: string\n}"),
        ])
        do {
            _ = try TypeScriptRenderer().render(model)
            Issue.record("rendered schemas that need each other")
        } catch {
            #expect(error.description == """
                E.schema:2:5: error: TypeScript output: field 'clone' would replace the method of @colyseus/schema's Schema; rename it
                E.schema:3:5: error: TypeScript output: field 'toJSON' would replace the method of @colyseus/schema's Schema; rename it
                D.schema:2:15: error: TypeScript output: files import each other (C -> D -> C); a class must be defined before the @type decorators and 'extends' clauses that name it, so move these schemas into one file
                A.schema:2:12: error: TypeScript output: schemas refer to each other (A -> B -> A); a class must be defined before the @type decorators that name it, so one of them cannot come first
                """)
        }
    }
}
