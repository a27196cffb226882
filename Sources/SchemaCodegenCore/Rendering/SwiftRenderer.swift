/// The back half of the code generator: a validated ``SchemaModel`` in, one Swift file per schema
/// file out. Output depends only on the model and the options (same input, same bytes).
public struct SwiftRenderer: Sendable {
    public let options: SwiftRenderingOptions

    public init(options: SwiftRenderingOptions = SwiftRenderingOptions()) {
        self.options = options
    }

    /// Renders every schema, grouped by the file that declares it, files in model order.
    public func render(_ model: SchemaModel) -> [GeneratedFile] {
        model.schemasBySourceFile.map { path, schemas in
            GeneratedFile(name: GeneratedFile.name(forSchemaFile: path), contents: renderFile(path: path, schemas: schemas, model: model))
        }
    }

    private func renderFile(path: String, schemas: [SchemaDefinition], model: SchemaModel) -> String {
        var writer = CodeWriter()
        let base = path.split(separator: "/").last.map(String.init) ?? path
        writer.line("\(GeneratedFile.headerPrefix) from \(base). Do not edit: change the schema file and regenerate.")
        if !options.runtimeModule.isEmpty {
            writer.line()
            writer.line("import \(options.runtimeModule)")
        }
        for schema in schemas {
            writer.line()
            SchemaClassRenderer(schema: schema, model: model, access: options.accessLevel.rawValue).render(into: &writer)
        }
        return writer.text
    }
}
