import Foundation
import PackagePlugin

/// Generates Swift state classes for every `.schema` file of a target at build time.
///
/// All schema files of the target are compiled together in one command (schemas may refer to each
/// other across files); each gives one `<name>.schema.swift` file.
@main
struct SchemaCodegenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let inputs = target.sourceFiles(withSuffix: "schema").map(\.url).sorted { $0.path < $1.path }
        guard !inputs.isEmpty else { return [] }
        let outputFolder = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedSources")
        let outputs = inputs.map { input in
            outputFolder.appendingPathComponent(input.deletingPathExtension().lastPathComponent + ".schema.swift")
        }
        return [
            .buildCommand(
                displayName: "Generating Swift from \(inputs.count) schema file(s) of \(target.name)",
                executable: try context.tool(named: "schema-codegen").url,
                arguments: inputs.map(\.path) + ["--swift-out", outputFolder.path],
                inputFiles: inputs,
                outputFiles: outputs
            )
        ]
    }
}
