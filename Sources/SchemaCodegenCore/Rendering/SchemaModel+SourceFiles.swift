extension SchemaModel {
    /// The schemas grouped by the file that declares them, files in model order; each renderer writes
    /// one output file per group.
    var schemasBySourceFile: [(path: String, schemas: [SchemaDefinition])] {
        var paths: [String] = []
        var schemasByPath: [String: [SchemaDefinition]] = [:]
        for schema in schemas {
            if schemasByPath[schema.sourceFile] == nil { paths.append(schema.sourceFile) }
            schemasByPath[schema.sourceFile, default: []].append(schema)
        }
        return paths.map { ($0, schemasByPath[$0] ?? []) }
    }
}
