import ArgumentParser
import Foundation
import SchemaCodegenCore

/// `schema-codegen`: schema files in, Swift state classes out.
@main
struct SchemaCodegenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema-codegen",
        abstract: "Generates Swift state classes from Colyseus schema files.",
        discussion: """
            Each schema file Game.schema gives one Game.schema.swift. All inputs are compiled \
            together, so schemas may refer to schemas of other files.

            Examples:
              schema-codegen Schemas --swift-out Generated
              schema-codegen Schemas/Game.schema Schemas/Lobby.schema --swift-out Sources/Game/State
              schema-codegen Schemas --swift-out Generated --check   # fails when Generated/ is stale
            """,
        version: "0.1.0"
    )

    @Argument(help: "Schema files, or folders searched recursively for *.schema files.")
    var inputs: [String]

    @Option(name: .customLong("swift-out"), help: "Folder that receives the generated Swift files.")
    var swiftOut: String

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
        let files = SwiftRenderer(options: SwiftRenderingOptions(accessLevel: accessLevel, runtimeModule: runtimeModule)).render(model)
        let output = GeneratedFolder(path: swiftOut)
        if check {
            let report = output.differences(from: files)
            if !report.isEmpty {
                FileHandle.standardError.write(Data((report + "\n\n\(swiftOut) is not up to date: run schema-codegen without --check.\n").utf8))
                throw ExitCode.failure
            }
            print("\(swiftOut) is up to date (\(files.count) files).")
        } else {
            let result = try output.write(files)
            print("Generated \(files.count) files in \(swiftOut) (\(result.changedCount) changed).")
        }
    }
}

extension SwiftRenderingOptions.AccessLevel: ExpressibleByArgument {}
