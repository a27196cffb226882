import Foundation
import PackagePlugin

/// Generates Swift state classes for every `.schema` file and every TypeScript file (`.ts`, with
/// @colyseus/schema classes) of a target at build time.
///
/// All schema sources of the target are compiled together in one command (schemas may refer to each
/// other across files); each gives one `<name>.schema.swift` file. Only the target's own files are read
/// (`--no-follow-imports`): a TypeScript class may extend a class of another file of the target.
@main
struct SchemaCodegenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let typeScript = target.sourceFiles(withSuffix: "ts").map(\.url).filter { !$0.path.hasSuffix(".d.ts") }
        let inputs = (target.sourceFiles(withSuffix: "schema").map(\.url) + typeScript).sorted { $0.path < $1.path }
        guard !inputs.isEmpty else { return [] }
        let outputFolder = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedSources")
        let outputs = inputs.map { input in
            outputFolder.appendingPathComponent(Self.stem(of: input.lastPathComponent) + ".schema.swift")
        }
        return [
            .buildCommand(
                displayName: "Generating Swift from \(inputs.count) schema file(s) of \(target.name)",
                executable: try context.tool(named: "schema-codegen").url,
                arguments: inputs.map(\.path) + ["--swift-out", outputFolder.path, "--no-follow-imports"],
                inputFiles: inputs,
                outputFiles: outputs
            )
        ]
    }

    /// The name schema-codegen gives a source's output: `Game` for `Game.schema`, `Game.ts` and `Game.schema.ts`.
    private static func stem(of fileName: String) -> String {
        var name = fileName
        for ending in [".ts", ".schema"] where name.hasSuffix(ending) { name.removeLast(ending.count) }
        return name
    }
}
