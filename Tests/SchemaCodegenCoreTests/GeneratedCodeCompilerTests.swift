import Foundation
import SchemaCodegenCore
import Testing

/// The generated TypeScript type-checks with tsc (Debian's node-typescript) against a stand-in of the
/// @colyseus/schema declarations (StandIns/colyseus-schema.d.ts); the generated C# compiles with mono's
/// mcs against a stand-in of the Unity/C# SDK's types and passes the SDK's reflection rules when run.
@Suite struct GeneratedCodeCompilerTests {
    static let standIns = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("StandIns")

    private static func standIn(_ name: String) throws -> String {
        try String(contentsOf: standIns.appendingPathComponent(name), encoding: .utf8)
    }

    /// `files` in `folder/subfolder`, and their relative paths.
    private static func write(_ files: [GeneratedFile], to subfolder: String, in folder: TemporaryFolder) throws -> [String] {
        try files.map { file in
            try folder.write(file.contents, to: "\(subfolder)/\(file.name)")
            return "\(subfolder)/\(file.name)"
        }
    }

    private static let tscArguments = [
        "--noEmit", "--strict", "--noUnusedLocals", "--experimentalDecorators", "--target", "es2020",
        "--module", "commonjs", "--moduleResolution", "node",
    ]

    @Test func typeScriptTypeChecks() async throws {
        let tsc = try ExternalCompiler.require("tsc", debianPackage: "node-typescript")
        let folder = try TemporaryFolder()
        try folder.write(try Self.standIn("colyseus-schema.d.ts"), to: "node_modules/@colyseus/schema/index.d.ts")
        var files = try Self.write(TypeScriptRenderer().render(GoldenFileTests.goldenModel()), to: "golden", in: folder)
        var expectedFiles = files.count + 1
        for (name, folderName) in [("schemas", "Schemas"), ("vectors", "Tests/VectorStates")] {
            let sources = try TypeScriptRoundTripTests.schemaSources(in: folderName)
            expectedFiles += sources.count
            files += try Self.write(TypeScriptRenderer().render(SchemaCompiler.compile(sources: sources)), to: name, in: folder)
        }
        // The TypeScript input of the build plugin's test target is valid TypeScript too.
        let input = TypeScriptRoundTripTests.repository.appendingPathComponent("Tests/TypeScriptVectorTests/VectorSchemas.ts")
        try folder.write(try String(contentsOf: input, encoding: .utf8), to: "input/VectorSchemas.ts")
        files.append("input/VectorSchemas.ts")

        let result = try await tsc.run(Self.tscArguments + files, in: folder.url)
        #expect(result.status == 0, "tsc failed:\n\(result.output)")
        #expect(files.count == expectedFiles, "one TypeScript file per schema file")
    }

    @Test func typeScriptStandInRejectsAWrongFieldType() async throws {
        // The stand-in checks what matters: a definition @colyseus/schema does not accept fails.
        let tsc = try ExternalCompiler.require("tsc", debianPackage: "node-typescript")
        let folder = try TemporaryFolder()
        try folder.write(try Self.standIn("colyseus-schema.d.ts"), to: "node_modules/@colyseus/schema/index.d.ts")
        try folder.write("""
            import { Schema, type, MapSchema } from "@colyseus/schema";
            export class Item extends Schema {}
            export class Bag extends Schema {
                @type({ mapp: Item }) public items: MapSchema<Item> = new MapSchema<Item>();
            }

            """, to: "Wrong.ts")
        let result = try await tsc.run(Self.tscArguments + ["Wrong.ts"], in: folder.url)
        #expect(result.status != 0)
        #expect(result.output.contains("Wrong.ts(4,"), "\(result.output)")
    }

    @Test func csharpCompilesAndFollowsTheSDKsReflectionRules() async throws {
        let mcs = try ExternalCompiler.require("mcs", debianPackage: "mono-mcs")
        let mono = try ExternalCompiler.require("mono", debianPackage: "mono-runtime")
        let folder = try TemporaryFolder()
        try folder.write(try Self.standIn("ColyseusSchemaStandIn.cs"), to: "ColyseusSchemaStandIn.cs")
        try folder.write(try Self.standIn("FieldTypeCheck.cs"), to: "FieldTypeCheck.cs")
        var files = try Self.write(
            CSharpRenderer(options: TypeScriptAndCSharpGoldenTests.csharpOptions).render(TypeScriptAndCSharpGoldenTests.csharpModel()),
            to: "golden", in: folder)
        // The demo server's schemas that the SDK can decode, in the global namespace.
        let demo = try TypeScriptRoundTripTests.schemaSources(in: "Schemas").filter { !$0.path.hasSuffix("Battle.schema") }
        files += try Self.write(CSharpRenderer().render(SchemaCompiler.compile(sources: demo)), to: "schemas", in: folder)

        let compiled = try await mcs.run(
            ["-warnaserror+", "-out:check.exe", "ColyseusSchemaStandIn.cs", "FieldTypeCheck.cs"] + files, in: folder.url)
        try #require(compiled.status == 0, "mcs failed:\n\(compiled.output)")
        let checked = try await mono.run(["check.exe"], in: folder.url)
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output == "checked 47 fields\n")
    }
}
