import SchemaCodegenCore
import Testing

/// Compiles `text` as a single file named `path` and returns the rendered diagnostics,
/// or records an issue and returns an empty string if it compiled.
func renderedDiagnostics(
    _ text: String, path: String = "Game.schema", sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> String {
    renderedDiagnostics([SchemaSource(path: path, text: text)], sourceLocation: sourceLocation)
}

/// Compiles `sources` and returns the rendered diagnostics, or records an issue and returns an
/// empty string if they compiled.
func renderedDiagnostics(
    _ sources: [SchemaSource], sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> String {
    do {
        _ = try SchemaCompiler.compile(sources: sources)
        Issue.record("expected diagnostics, but the sources compiled", sourceLocation: sourceLocation)
        return ""
    } catch {
        return error.description
    }
}

/// Compiles `text` as a single file; a failure throws the diagnostics into the test.
func compile(_ text: String, path: String = "Game.schema") throws -> SchemaModel {
    try SchemaCompiler.compile(sources: [SchemaSource(path: path, text: text)])
}

/// The schema called `name`, failing the test if there is none.
func schema(_ name: String, in model: SchemaModel) throws -> SchemaDefinition {
    try #require(model.schema(named: name), "no schema named \(name)")
}

/// Every schema of `model` as one line, with its fields in index order: what the model says, without
/// source locations and file names, so that models read from different kinds of input can be compared.
func shape(_ model: SchemaModel) -> [String] {
    model.schemas.map { schema in
        let fields = schema.ownFields.map { field in
            "\(field.index) \(field.name): \(field.type)\(field.isOptional ? "?" : "")"
                + (field.defaultValue.map { " = \($0)" } ?? "") + (field.viewTag.map { " view \($0)" } ?? "")
                + (field.documentation.isEmpty ? "" : " doc \(field.documentation)")
        }
        return "\(schema.name)" + (schema.parentName.map { " extends \($0)" } ?? "")
            + (schema.documentation.isEmpty ? "" : " doc \(schema.documentation)") + " { \(fields.joined(separator: "; ")) }"
    }
}

/// The model of the sources, and its shape; a failure throws the diagnostics into the test.
func shape(of sources: [SchemaSource]) throws -> [String] {
    shape(try SchemaCompiler.compile(sources: sources))
}
