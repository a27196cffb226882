/// Renders C# classes for the Colyseus Unity/C# SDK: one `Game.schema.cs` per schema file, each schema a
/// `public partial class X : Schema` (or its parent) with `[Type(index, "type", …)]` fields, in the shape
/// the reference's own `--csharp` target writes. Output depends only on the model and the options.
///
/// The SDK decodes the fields it finds by reflection: a field's C# type must be the one the SDK's decoder
/// produces (`number` is `float`, as in the reference), and it has no set, collection or BigInt decoding,
/// so schemas with such fields are a ``RenderingError``.
public struct CSharpRenderer: Sendable {
    /// How the output is shaped.
    public let options: CSharpRenderingOptions

    /// Creates a renderer with `options`.
    public init(options: CSharpRenderingOptions = CSharpRenderingOptions()) {
        self.options = options
    }

    /// The file name for a schema file path: `Game.schema` gives `Game.schema.cs`.
    public static func fileName(forSchemaFile path: String) -> String {
        GeneratedFile.stem(ofSource: path) + ".schema.cs"
    }

    /// Renders every schema, grouped by the file that declares it, files in model order.
    ///
    /// - Throws: ``RenderingError`` for fields the C# SDK cannot decode.
    public func render(_ model: SchemaModel) throws(RenderingError) -> [GeneratedFile] {
        let problems = model.schemas.flatMap(Self.problems)
        guard problems.isEmpty else { throw RenderingError(problems: problems) }
        return model.schemasBySourceFile.map { path, schemas in
            GeneratedFile(name: Self.fileName(forSchemaFile: path), contents: renderFile(path: path, schemas: schemas))
        }
    }

    private static func problems(_ schema: SchemaDefinition) -> [RenderingError.Problem] {
        schema.ownFields.compactMap { field in
            let message: String? = switch field.type {
            case .collection(let kind, _) where kind == .set || kind == .collection:
                "the Colyseus C# SDK cannot decode \(kind.rawValue) fields (it has no \(kind.className)); use array or map for field '\(field.name)'"
            case .primitive(let primitive) where primitive.csharpType == nil,
                 .collection(_, .primitive(let primitive)) where primitive.csharpType == nil:
                "the Colyseus C# SDK cannot decode \(primitive.rawValue) values; use \(primitive == .bigint64 ? "int64" : "uint64") for field '\(field.name)'"
            case _ where field.name == schema.name:
                "C# does not allow a member named like its class; rename field '\(field.name)' of '\(schema.name)'"
            default:
                nil
            }
            return message.map { RenderingError.Problem(message: $0, location: field.location) }
        }
    }

    private func renderFile(path: String, schemas: [SchemaDefinition]) -> String {
        var writer = CodeWriter()
        let base = path.split(separator: "/").last.map(String.init) ?? path
        writer.line("\(GeneratedFile.headerPrefix) from \(base). Do not edit: change the schema file and regenerate.")
        writer.line()
        writer.line("using Colyseus.Schema;")
        writer.line("#if UNITY_5_3_OR_NEWER")
        writer.line("using UnityEngine.Scripting;")
        writer.line("#endif")
        writer.line()
        if options.namespace.isEmpty {
            renderClasses(schemas, into: &writer)
        } else {
            writer.block("namespace \(options.namespace) {") { renderClasses(schemas, into: &$0) }
        }
        return writer.text
    }

    private func renderClasses(_ schemas: [SchemaDefinition], into writer: inout CodeWriter) {
        for (position, schema) in schemas.enumerated() {
            if position > 0 { writer.line() }
            renderClass(schema, into: &writer)
        }
    }

    private func renderClass(_ schema: SchemaDefinition, into writer: inout CodeWriter) {
        let name = Self.identifier(schema.name)
        Self.documentation(schema.documentation, into: &writer)
        writer.block("public partial class \(name) : \(schema.parentName.map(Self.identifier) ?? "Schema") {") { body in
            // IL2CPP strips constructors only reached by reflection unless they are preserved.
            body.directive("#if UNITY_5_3_OR_NEWER")
            body.line("[Preserve]")
            body.directive("#endif")
            body.line("public \(name)() { }")
            for field in schema.ownFields {
                body.line()
                Self.documentation(field.documentation, into: &body)
                body.line(attribute(field))
                body.line("public \(field.type.csharpType) \(Self.identifier(field.name)) = \(field.type.isCSharpReference ? "null" : "default(\(field.type.csharpType))");")
            }
        }
    }

    /// `[Type(index, "type")]`, with the C# type of a child or collection and the element's primitive type name.
    private func attribute(_ field: FieldDefinition) -> String {
        switch field.type {
        case .primitive(let primitive):
            "[Type(\(field.index), \"\(primitive.rawValue)\")]"
        case .schema(let name):
            "[Type(\(field.index), \"ref\", typeof(\(Self.identifier(name))))]"
        case .collection(let kind, .schema):
            "[Type(\(field.index), \"\(kind.rawValue)\", typeof(\(field.type.csharpType)))]"
        case .collection(let kind, .primitive(let primitive)):
            "[Type(\(field.index), \"\(kind.rawValue)\", typeof(\(field.type.csharpType)), \"\(primitive.rawValue)\")]"
        }
    }

    private static func documentation(_ lines: [String], into writer: inout CodeWriter) {
        guard !lines.isEmpty else { return }
        let escaped = lines.map {
            $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        writer.line("/// <summary>")
        for line in escaped { writer.line(line.isEmpty ? "///" : "/// \(line)") }
        writer.line("/// </summary>")
    }

    /// `name`, prefixed with `@` when it is a C# keyword (the SDK sees the name without the `@`).
    static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "@" + name : name
    }

    private static let keywords: Set<String> = [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ]
}

/// How generated C# is shaped.
public struct CSharpRenderingOptions: Sendable, Equatable {
    /// The namespace of the generated classes (`Game.State`); empty for the global namespace.
    public var namespace: String

    /// Creates options; by default the classes are in the global namespace.
    public init(namespace: String = "") {
        self.namespace = namespace
    }
}

extension PrimitiveType {
    /// The C# type the SDK decodes values of this type to (`number` is `float`, as in the reference);
    /// `nil` for the BigInt types, which it cannot decode.
    var csharpType: String? {
        switch self {
        case .string: "string"
        case .number, .float32: "float"
        case .float64: "double"
        case .boolean: "bool"
        case .int8: "sbyte"
        case .uint8: "byte"
        case .int16: "short"
        case .uint16: "ushort"
        case .int32: "int"
        case .uint32: "uint"
        case .int64: "long"
        case .uint64: "ulong"
        case .bigint64, .biguint64: nil
        }
    }
}

extension FieldType {
    /// The C# type of a field the C# renderer accepts.
    var csharpType: String {
        switch self {
        case .primitive(let primitive): primitive.csharpType ?? ""
        case .schema(let name): CSharpRenderer.identifier(name)
        case .collection(let kind, .schema(let name)): "\(kind.className)<\(CSharpRenderer.identifier(name))>"
        case .collection(let kind, .primitive(let primitive)): "\(kind.className)<\(primitive.csharpType ?? "")>"
        }
    }

    /// Whether the C# field holds a reference that starts as `null` (children and collections).
    var isCSharpReference: Bool {
        if case .primitive = self { return false }
        return true
    }
}
