/// Renders TypeScript classes for @colyseus/schema 4: one `Game.schema.ts` per schema file, with the
/// decorators the reference's own `--ts` target writes (`@type("number") public x: number = 0;`),
/// `@view()` / `@view(tag)`, and imports between the files. Output depends only on the model.
///
/// Fields map back to the TypeScript reader's forms, so that reading the output gives the same model:
/// an optional field is `x?: T`, a default is the initialiser, a field that is neither is `x!: T`
/// (primitives) or starts with `new T()` / `new MapSchema<T>()`.
///
/// A class must be defined before the decorators and `extends` clauses that name it, so the classes of
/// a file are written parents and field types first, and schemas that refer to each other (within a
/// file or through the imports of their files) are a ``RenderingError``, as are fields named like a method
/// of @colyseus/schema's `Schema` (`clone`, `toJSON`, …), which they would replace.
public struct TypeScriptRenderer: Sendable {
    /// Creates the renderer; TypeScript output has no options.
    public init() {}

    /// The module the classes import `Schema`, `type` and the collections from.
    public static let runtimeModule = "@colyseus/schema"

    /// The file name for a schema file path: `Game.schema` gives `Game.schema.ts`.
    public static func fileName(forSchemaFile path: String) -> String {
        GeneratedFile.stem(ofSource: path) + ".schema.ts"
    }

    /// Renders every schema, grouped by the file that declares it, files in model order.
    ///
    /// - Throws: ``RenderingError`` for schemas that need each other's classes.
    public func render(_ model: SchemaModel) throws(RenderingError) -> [GeneratedFile] {
        let groups = model.schemasBySourceFile
        var problems = model.schemas.flatMap(\.ownFields).filter { Self.schemaMethods.contains($0.name) }.map { field in
            RenderingError.Problem(
                message: "TypeScript output: field '\(field.name)' would replace the method of @colyseus/schema's Schema; rename it",
                location: field.location)
        }
        problems += Self.fileCycleProblems(groups, model: model)
        var files: [GeneratedFile] = []
        for (path, schemas) in groups {
            let (ordered, cycleProblems) = Self.definitionOrder(schemas, model: model)
            problems += cycleProblems
            files.append(GeneratedFile(name: Self.fileName(forSchemaFile: path), contents: renderFile(path: path, schemas: ordered, model: model)))
        }
        guard problems.isEmpty else { throw RenderingError(problems: problems) }
        return files
    }

    /// The instance methods of @colyseus/schema 4's `Schema` (src/Schema.ts).
    static let schemaMethods: Set<String> = ["constructor", "assign", "restore", "setDirty", "clone", "toJSON", "discardAllChanges"]

    // MARK: order of definition

    /// The schemas a schema names in its `extends` clause and decorators, with where it names them.
    private static func dependencies(of schema: SchemaDefinition, model: SchemaModel) -> [(name: String, location: SourceLocation)] {
        let parent = schema.parentName.map { [($0, schema.location)] } ?? []
        let fields = schema.ownFields.compactMap { field in field.type.referencedSchema.map { ($0, field.location) } }
        return (parent + fields).filter { $0.0 != schema.name }
    }

    /// The schemas of one file, each after the schemas of the file it depends on (otherwise in declaration order).
    private static func definitionOrder(_ schemas: [SchemaDefinition], model: SchemaModel) -> ([SchemaDefinition], [RenderingError.Problem]) {
        let inFile = Set(schemas.map(\.name))
        var placed: Set<String> = []
        var visiting: [String] = []
        var ordered: [SchemaDefinition] = []
        var problems: [RenderingError.Problem] = []
        func place(_ schema: SchemaDefinition) {
            guard !placed.contains(schema.name) else { return }
            visiting.append(schema.name)
            for dependency in dependencies(of: schema, model: model) where inFile.contains(dependency.name) {
                if let start = visiting.firstIndex(of: dependency.name) {
                    let cycle = (visiting[start...] + [dependency.name]).joined(separator: " -> ")
                    problems.append(.init(
                        message: "TypeScript output: schemas refer to each other (\(cycle)); a class must be defined before "
                            + "the @type decorators that name it, so one of them cannot come first",
                        location: dependency.location))
                } else if let next = model.schema(named: dependency.name) {
                    place(next)
                }
            }
            visiting.removeLast()
            placed.insert(schema.name)
            ordered.append(schema)
        }
        schemas.forEach(place)
        return (ordered, problems)
    }

    /// Files whose classes need each other's: ES modules that import each other cannot both define their
    /// classes before the other file's decorators run.
    private static func fileCycleProblems(_ groups: [(path: String, schemas: [SchemaDefinition])], model: SchemaModel) -> [RenderingError.Problem] {
        var edges: [String: [(file: String, location: SourceLocation)]] = [:]
        for (path, schemas) in groups {
            for schema in schemas {
                for dependency in dependencies(of: schema, model: model) {
                    guard let file = model.schema(named: dependency.name)?.sourceFile, file != path,
                          !(edges[path] ?? []).contains(where: { $0.file == file })
                    else { continue }
                    edges[path, default: []].append((file, dependency.location))
                }
            }
        }
        var problems: [RenderingError.Problem] = []
        var finished: Set<String> = []
        var visiting: [String] = []
        func visit(_ path: String) {
            guard !finished.contains(path) else { return }
            visiting.append(path)
            for edge in edges[path] ?? [] {
                if let start = visiting.firstIndex(of: edge.file) {
                    let cycle = (visiting[start...] + [edge.file]).map { GeneratedFile.stem(ofSource: $0) }.joined(separator: " -> ")
                    problems.append(.init(
                        message: "TypeScript output: files import each other (\(cycle)); a class must be defined before the "
                            + "@type decorators and 'extends' clauses that name it, so move these schemas into one file",
                        location: edge.location))
                } else {
                    visit(edge.file)
                }
            }
            visiting.removeLast()
            finished.insert(path)
        }
        groups.map(\.path).forEach(visit)
        return problems
    }

    // MARK: files

    private func renderFile(path: String, schemas: [SchemaDefinition], model: SchemaModel) -> String {
        var writer = CodeWriter()
        let base = path.split(separator: "/").last.map(String.init) ?? path
        writer.line("\(GeneratedFile.headerPrefix) from \(base). Do not edit: change the schema file and regenerate.")
        writer.line()
        writer.line("import { \(runtimeImports(schemas).joined(separator: ", ")) } from \"\(Self.runtimeModule)\";")
        var importsByFile: [String: Set<String>] = [:]
        for schema in schemas {
            for dependency in Self.dependencies(of: schema, model: model) {
                guard let file = model.schema(named: dependency.name)?.sourceFile, file != path else { continue }
                importsByFile[Self.fileName(forSchemaFile: file), default: []].insert(dependency.name)
            }
        }
        for (file, names) in importsByFile.sorted(by: { $0.key < $1.key }) {
            let module = "./" + file.dropLast(".ts".count)
            writer.line("import { \(names.sorted().joined(separator: ", ")) } from \"\(module)\";")
        }
        for schema in schemas {
            writer.line()
            renderClass(schema, into: &writer)
        }
        return writer.text
    }

    /// What the file takes from @colyseus/schema, in a fixed order.
    private func runtimeImports(_ schemas: [SchemaDefinition]) -> [String] {
        let fields = schemas.flatMap(\.ownFields)
        let kinds = Set(fields.compactMap { field -> CollectionKind? in
            if case .collection(let kind, _) = field.type { return kind }
            return nil
        })
        var names: [String] = []
        if schemas.contains(where: { $0.parentName == nil }) { names.append("Schema") }
        if !fields.isEmpty { names.append("type") }
        if fields.contains(where: { $0.viewTag != nil }) { names.append("view") }
        names += CollectionKind.allCases.filter(kinds.contains).map(\.className)
        return names
    }

    private func renderClass(_ schema: SchemaDefinition, into writer: inout CodeWriter) {
        Self.documentation(schema.documentation, into: &writer)
        writer.block("export class \(schema.name) extends \(schema.parentName ?? "Schema") {") { body in
            for field in schema.ownFields {
                Self.documentation(field.documentation, into: &body)
                body.line(fieldDeclaration(field))
            }
        }
    }

    private static func documentation(_ lines: [String], into writer: inout CodeWriter) {
        let escaped = lines.map { $0.replacingOccurrences(of: "*/", with: "*\\/") }
        switch escaped.count {
        case 0: return
        case 1: writer.line("/** \(escaped[0]) */")
        default:
            writer.line("/**")
            for line in escaped { writer.line(line.isEmpty ? " *" : " * \(line)") }
            writer.line(" */")
        }
    }

    // MARK: fields

    private func fieldDeclaration(_ field: FieldDefinition) -> String {
        var decorators = ""
        if let tag = field.viewTag { decorators += tag < 0 ? "@view() " : "@view(\(tag)) " }
        decorators += "@type(\(typeArgument(field.type))) "
        let initial = initialValue(field)
        let marker = field.isOptional ? "?" : (initial == nil ? "!" : "")
        return "\(decorators)public \(field.name)\(marker): \(field.type.typeScriptType)\(initial.map { " = \($0)" } ?? "");"
    }

    /// The argument of `@type(…)`, spaced as the reference writes it (`[ Item ]`, `{ map: "number" }`).
    private func typeArgument(_ type: FieldType) -> String {
        switch type {
        case .primitive(let primitive): "\"\(primitive.rawValue)\""
        case .schema(let name): name
        case .collection(.array, let element): "[ \(elementArgument(element)) ]"
        case .collection(let kind, let element): "{ \(kind.rawValue): \(elementArgument(element)) }"
        }
    }

    private func elementArgument(_ element: ElementType) -> String {
        switch element {
        case .primitive(let primitive): "\"\(primitive.rawValue)\""
        case .schema(let name): name
        }
    }

    /// The initialiser: the default, or the new instance a field that is never absent starts with;
    /// `nil` for an optional field without default and for a primitive field without default.
    private func initialValue(_ field: FieldDefinition) -> String? {
        switch (field.type, field.defaultValue) {
        case (.primitive(let primitive), let value?):
            return Self.literal(value, of: primitive)
        case (.collection(let kind, let element), let value):
            guard value != nil || !field.isOptional else { return nil }
            let className = "\(kind.className)<\(element.typeScriptType)>"
            guard case .array(let elements)? = value, !elements.isEmpty, case .primitive(let primitive) = element else {
                return "new \(className)()"
            }
            let values = elements.map { Self.literal($0, of: primitive) }.joined(separator: ", ")
            return kind == .array ? "new \(className)(\(values))" : "new \(className)([\(values)])"
        case (.schema(let name), _) where !field.isOptional:
            return "new \(name)()"
        default:
            return nil
        }
    }

    /// A TypeScript literal for a validated default of `type` (the element type for a collection).
    static func literal(_ value: DefaultValue, of type: PrimitiveType) -> String {
        switch value {
        case .integer(let integer): type == .bigint64 || type == .biguint64 ? "\(integer)n" : integer.description
        case .float(let double): number(double)
        case .string(let text): string(text)
        case .boolean(let boolean): boolean ? "true" : "false"
        case .array(let elements): "[" + elements.map { literal($0, of: type) }.joined(separator: ", ") + "]"
        }
    }

    /// A JavaScript number literal that reads back as `value`: whole numbers up to 2^53 without a fraction,
    /// others in Swift's shortest round-trip form (`0.1`, `1e-07`, `1e+308`), which JavaScript reads the same.
    static func number(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        if value == value.rounded(.towardZero), value.magnitude <= 9_007_199_254_740_992 { return String(Int64(value)) }
        return value.description
    }

    /// A double-quoted JavaScript string literal.
    static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension FieldType {
    /// The schema this field names, directly or as its element type.
    var referencedSchema: String? {
        switch self {
        case .schema(let name), .collection(_, .schema(let name)): name
        default: nil
        }
    }

    /// The TypeScript type of the field's values.
    var typeScriptType: String {
        switch self {
        case .primitive(let primitive): primitive.typeScriptType
        case .schema(let name): name
        case .collection(let kind, let element): "\(kind.className)<\(element.typeScriptType)>"
        }
    }
}

extension ElementType {
    /// The TypeScript type of the elements.
    var typeScriptType: String {
        switch self {
        case .primitive(let primitive): primitive.typeScriptType
        case .schema(let name): name
        }
    }
}

extension PrimitiveType {
    /// The TypeScript type of the values (`bigint` for the 64-bit BigInt types, `number` for every other number).
    var typeScriptType: String {
        switch self {
        case .string: "string"
        case .boolean: "boolean"
        case .bigint64, .biguint64: "bigint"
        default: "number"
        }
    }
}
