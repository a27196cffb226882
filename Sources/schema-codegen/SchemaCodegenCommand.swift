import ArgumentParser
import Foundation
import SchemaCodegenCore

/// `schema-codegen`: schema files in, Swift state classes out.
@main
struct SchemaCodegenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema-codegen",
        abstract: "Generates Swift state classes and C++ client headers from Colyseus schema files.",
        discussion: """
            Each schema file Game.schema gives one Game.schema.swift (--swift-out) and one \
            Game.schema.hpp (--cpp-out). All inputs are compiled together, so schemas may refer to \
            schemas of other files.

            Examples:
              schema-codegen Schemas --swift-out Generated
              schema-codegen Schemas/Game.schema Schemas/Lobby.schema --swift-out Sources/Game/State
              schema-codegen Schemas --swift-out Generated --check   # fails when Generated/ is stale
              schema-codegen Schemas --cpp-out Generated/cpp --cpp-namespace game
              schema-codegen include/Game.hpp --swift-out Sources/GameState   # C++ header as schema input
            """,
        version: "0.1.0"
    )

    @Argument(help: "Schema files, annotated C++ headers (.hpp, .h, ...; read with libclang), or folders searched recursively for *.schema files.")
    var inputs: [String]

    @Option(name: .customLong("swift-out"), help: "Folder that receives the generated Swift files.")
    var swiftOut: String?

    @Option(name: .customLong("cpp-out"), help: "Folder that receives the generated C++17 client headers.")
    var cppOut: String?

    @Option(name: .customLong("cpp-namespace"), help: "Namespace of the generated C++ classes (default: the global namespace).")
    var cppNamespace: String = ""

    @Option(help: "Access level of the generated declarations: public, package or internal.")
    var accessLevel: SwiftRenderingOptions.AccessLevel = .public

    @Option(help: "Module providing the schema runtime; \"\" for code inside that module.")
    var runtimeModule: String = "ColyseusSchema"

    @Flag(help: "Write nothing; exit with status 1 and show a diff when the output folder is not up to date.")
    var check = false

    func run() throws {
        let schemaFiles: [String]
        do {
            schemaFiles = try SchemaFileFinder.validatedSchemaFiles(in: inputs)
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
        if swiftOut == nil && cppOut == nil {
            throw ValidationError("Give at least one of --swift-out and --cpp-out.")
        }
    }
}

extension SwiftRenderingOptions.AccessLevel: ExpressibleByArgument {}
