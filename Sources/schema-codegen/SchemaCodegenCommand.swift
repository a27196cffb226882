import ArgumentParser
import Foundation
import SchemaCodegenCore

/// `schema-codegen`: schema files, TypeScript schema classes or C++ headers in; Swift, C++, TypeScript and C# classes out.
@main
struct SchemaCodegenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema-codegen",
        abstract: "Generates Swift, C++, TypeScript and C# state classes from Colyseus schema files, TypeScript schema classes or C++ headers.",
        discussion: """
            Each input file Game.schema (or Game.ts, Game.hpp) gives one Game.schema.swift (--swift-out), \
            Game.schema.hpp (--cpp-out), Game.schema.ts (--ts-out) and Game.schema.cs (--csharp-out). \
            All inputs are compiled together, so schemas may refer to schemas of other files; TypeScript \
            files bring the files they import through relative paths.

            Examples:
              schema-codegen Schemas --swift-out Generated
              schema-codegen Schemas/Game.schema Schemas/Lobby.schema --swift-out Sources/Game/State
              schema-codegen Schemas --swift-out Generated --check   # fails when Generated/ is stale
              schema-codegen Schemas --cpp-out Generated/cpp --cpp-namespace game
              schema-codegen include/Game.hpp --swift-out Sources/GameState   # C++ header as schema input
              schema-codegen server/src/rooms/schema/MyRoomState.ts --swift-out Sources/State   # @colyseus/schema classes
              schema-codegen Schemas/MyRoomState.schema --ts-out web/src/state --csharp-out Unity/Assets/State --csharp-namespace Game.State
            """,
        version: "0.1.0"
    )

    @Argument(help: "Schema files, TypeScript files with @colyseus/schema classes (.ts, .js, ...), annotated C++ headers (.hpp, .h, ...; read with libclang), or folders searched recursively for *.schema and *.ts files.")
    var inputs: [String]

    @Option(name: .customLong("swift-out"), help: "Folder that receives the generated Swift files.")
    var swiftOut: String?

    @Option(name: .customLong("cpp-out"), help: "Folder that receives the generated C++17 client headers.")
    var cppOut: String?

    @Option(name: .customLong("cpp-namespace"), help: "Namespace of the generated C++ classes (default: the global namespace).")
    var cppNamespace: String = ""

    @Option(name: .customLong("ts-out"), help: "Folder that receives the generated TypeScript classes (@colyseus/schema 4).")
    var tsOut: String?

    @Option(name: .customLong("csharp-out"), help: "Folder that receives the generated C# classes (Colyseus Unity/C# SDK).")
    var csharpOut: String?

    @Option(name: .customLong("csharp-namespace"), help: "Namespace of the generated C# classes (default: the global namespace).")
    var csharpNamespace: String = ""

    @Flag(inversion: .prefixedNo, help: "Also read the TypeScript files that TypeScript inputs import through relative paths.")
    var followImports = true

    @Option(help: "Access level of the generated declarations: public, package or internal.")
    var accessLevel: SwiftRenderingOptions.AccessLevel = .public

    @Option(help: "Module providing the schema runtime; \"\" for code inside that module.")
    var runtimeModule: String = "ColyseusSchema"

    @Flag(help: "Write nothing; exit with status 1 and show a diff when the output folder is not up to date.")
    var check = false

    func run() throws {
        let schemaFiles: [String]
        do {
            schemaFiles = try SchemaFileFinder.validatedSchemaFiles(in: inputs, followingImports: followImports)
        } catch {
            throw ValidationError(error.description)
        }

        let model: SchemaModel
        do {
            model = try SchemaCompiler.compile(filesAtPaths: schemaFiles)
        } catch let error as DiagnosticsError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode.failure
        }
        var outputs: [(folder: GeneratedFolder, files: [GeneratedFile])] = []
        if let swiftOut {
            let renderer = SwiftRenderer(options: SwiftRenderingOptions(accessLevel: accessLevel, runtimeModule: runtimeModule))
            outputs.append((GeneratedFolder(path: swiftOut), renderer.render(model)))
        }
        if let cppOut {
            let renderer = CppRenderer(options: CppRenderingOptions(namespace: cppNamespace))
            outputs.append((GeneratedFolder(path: cppOut, fileExtension: ".hpp"), renderer.render(model)))
        }
        do {
            if let tsOut {
                outputs.append((GeneratedFolder(path: tsOut, fileExtension: ".ts"), try TypeScriptRenderer().render(model)))
            }
            if let csharpOut {
                let renderer = CSharpRenderer(options: CSharpRenderingOptions(namespace: csharpNamespace))
                outputs.append((GeneratedFolder(path: csharpOut, fileExtension: ".cs"), try renderer.render(model)))
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode.failure
        }
        var stale = false
        for (folder, files) in outputs {
            if check {
                let report = folder.differences(from: files)
                if report.isEmpty {
                    print("\(folder.path) is up to date (\(files.count) files).")
                } else {
                    FileHandle.standardError.write(Data((report + "\n\n\(folder.path) is not up to date: run schema-codegen without --check.\n").utf8))
                    stale = true
                }
            } else {
                let result = try folder.write(files)
                print("Generated \(files.count) files in \(folder.path) (\(result.changedCount) changed).")
            }
        }
        if stale { throw ExitCode.failure }
    }

    func validate() throws {
        if swiftOut == nil && cppOut == nil && tsOut == nil && csharpOut == nil {
            throw ValidationError("Give at least one of --swift-out, --cpp-out, --ts-out and --csharp-out.")
        }
    }
}

extension SwiftRenderingOptions.AccessLevel: ExpressibleByArgument {}
