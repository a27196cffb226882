/// Renders C++17 client headers: one `Game.schema.hpp` per schema file, one class per schema with
/// typed members, a constexpr field table and the decode dispatch of the C++ runtime (`cpp/`).
/// Output depends only on the model and the options (same input, same bytes).
///
/// A header declares its classes first (they only need forward declarations of other schemas, and
/// the complete class of a parent from another file), then includes the headers of the other files
/// it refers to, then defines the member functions, which need every type complete.
public struct CppRenderer: Sendable {
    public let options: CppRenderingOptions

    public init(options: CppRenderingOptions = CppRenderingOptions()) {
        self.options = options
    }

    /// The header name for a schema file path: `Game.schema` gives `Game.schema.hpp`.
    public static func headerName(forSchemaFile path: String) -> String {
        GeneratedFile.stem(ofSource: path) + ".schema.hpp"
    }

    /// Renders every schema, grouped by the file that declares it, files in model order.
    public func render(_ model: SchemaModel) -> [GeneratedFile] {
        var sourceFiles: [String] = []
        var schemasByFile: [String: [SchemaDefinition]] = [:]
        for schema in model.schemas {
            if schemasByFile[schema.sourceFile] == nil { sourceFiles.append(schema.sourceFile) }
            schemasByFile[schema.sourceFile, default: []].append(schema)
        }
        return sourceFiles.map { path in
            GeneratedFile(
                name: Self.headerName(forSchemaFile: path),
                contents: renderFile(path: path, schemas: schemasByFile[path] ?? [], model: model))
        }
    }

    private func renderFile(path: String, schemas: [SchemaDefinition], model: SchemaModel) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let header = Self.headerName(forSchemaFile: path)
        let ordered = parentsFirst(schemas, model: model)
        let referenced = Set(schemas.flatMap { schema in
            schema.ownFields.compactMap { CppNames.referencedSchema($0.type) } + [schema.parentName].compactMap { $0 }
                + model.directSubclasses(of: schema).map(\.name)
        })
        let otherFiles = { (names: Set<String>) in
            Set(names.compactMap { model.schema(named: $0)?.sourceFile }.filter { $0 != path })
                .map(Self.headerName(forSchemaFile:)).sorted()
        }
        let parentHeaders = otherFiles(Set(schemas.compactMap(\.parentName)))
        let definitionHeaders = otherFiles(referenced).filter { !parentHeaders.contains($0) }
        let forwardDeclared = referenced.union(schemas.map(\.name)).map(CppNames.className).sorted()

        var writer = CodeWriter()
        let guardName = "COLYSEUS_GENERATED_" + header.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        writer.line("\(GeneratedFile.headerPrefix) from \(base). Do not edit: change the schema file and regenerate.")
        writer.line("#ifndef \(guardName)")
        if parentHeaders.isEmpty { writer.line("#define \(guardName)") }
        writer.line()
        for include in ["array", "cstdint", "functional", "limits", "memory", "optional", "string"] {
            writer.line("#include <\(include)>")
        }
        writer.line()
        writer.line("#include <colyseus/schema.hpp>")
        if !parentHeaders.isEmpty {
            writer.line("// Parent classes of other files. The guard is defined after them, so that when a parent's header")
            writer.line("// includes this one back, this header's classes still come before the parent's member functions.")
            for include in parentHeaders { writer.line("#include \"\(include)\"") }
            writer.line("#ifndef \(guardName)")
            writer.line("#define \(guardName)")
        }
        writer.line()
        openNamespace(&writer)
        for name in forwardDeclared { writer.line("class \(name);") }
        for schema in ordered {
            writer.line()
            CppClassRenderer(schema: schema, model: model).renderDeclaration(into: &writer)
        }
        if !definitionHeaders.isEmpty {
            closeNamespace(&writer)
            writer.line()
            writer.line("// The member functions below need the complete classes of these files.")
            for include in definitionHeaders { writer.line("#include \"\(include)\"") }
            writer.line()
            openNamespace(&writer)
        }
        for schema in ordered {
            writer.line()
            CppClassRenderer(schema: schema, model: model).renderDefinitions(into: &writer)
        }
        closeNamespace(&writer)
        writer.line()
        writer.line("#endif")
        if !parentHeaders.isEmpty { writer.line("#endif") }
        return writer.text
    }

    private func openNamespace(_ writer: inout CodeWriter) {
        guard !options.namespace.isEmpty else { return }
        writer.line("namespace \(options.namespace) {")
        writer.line()
    }

    private func closeNamespace(_ writer: inout CodeWriter) {
        guard !options.namespace.isEmpty else { return }
        writer.line()
        writer.line("}  // namespace \(options.namespace)")
    }

    /// The schemas of one file in declaration order, except that a parent declared in the same file
    /// comes before its subclasses (C++ needs the complete base class).
    private func parentsFirst(_ schemas: [SchemaDefinition], model: SchemaModel) -> [SchemaDefinition] {
        let names = Set(schemas.map(\.name))
        var placed: Set<String> = []
        var ordered: [SchemaDefinition] = []
        func place(_ schema: SchemaDefinition) {
            guard !placed.contains(schema.name) else { return }
            placed.insert(schema.name)
            if let parent = model.parent(of: schema), names.contains(parent.name) { place(parent) }
            ordered.append(schema)
        }
        schemas.forEach(place)
        return ordered
    }
}
