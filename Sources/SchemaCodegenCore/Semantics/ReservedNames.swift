/// Names that generated Swift code cannot use for schemas or fields.
enum ReservedNames {
    /// Swift keywords that cannot be used as identifiers without backticks, plus the contextual
    /// keywords that are ambiguous as type or member names (`any`, `some`, `Type`, `Protocol`, ...).
    static let swiftKeywords: Set<String> = [
        // Declarations
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate",
        "func", "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias",
        "var",
        // Statements
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
        "guard", "if", "in", "repeat", "return", "switch", "throw", "where", "while",
        // Expressions and types
        "Any", "any", "as", "await", "false", "is", "nil", "self", "Self", "some", "super", "throws",
        "true", "try", "Type", "Protocol", "_",
    ]

    /// Properties of the runtime's schema base type that a generated property of the same name would
    /// override (checked by compiling a schema with a field named after every public member).
    static let runtimeMemberNames: Set<String> = ["refId", "schemaItem"]

    /// Types that generated code refers to and that a schema type would shadow.
    static let runtimeAndStandardTypeNames: Set<String> = [
        "Schema", "SchemaRef", "MapSchema", "ArraySchema", "SetSchema", "CollectionSchema",
        "String", "Int", "Double", "Float", "Bool", "Array", "Dictionary", "Set", "Optional", "Any",
        "AnyObject",
        // Further runtime types named in generated methods.
        "SchemaField", "ByteWriter", "EncodeContext", "DecodingContext", "SchemaDecodingError", "Operation",
        // Standard types of primitive fields and of method signatures.
        "Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Void",
    ]

    /// Why `name` cannot be a schema name, or `nil` if it can.
    static func reasonAgainstSchemaName(_ name: String) -> String? {
        if let reason = reasonAgainstAnyName(name) { return reason }
        if runtimeAndStandardTypeNames.contains(name) {
            return "it collides with a type used by generated code"
        }
        if PrimitiveType(rawValue: name) != nil { return "it is a primitive type name" }
        if CollectionKind(rawValue: name) != nil { return "it is a collection type name" }
        return nil
    }

    /// Why `name` cannot be a field name, or `nil` if it can.
    static func reasonAgainstFieldName(_ name: String) -> String? {
        if let reason = reasonAgainstAnyName(name) { return reason }
        if runtimeMemberNames.contains(name) {
            return "it collides with a member of the runtime's schema type"
        }
        return nil
    }

    private static func reasonAgainstAnyName(_ name: String) -> String? {
        if swiftKeywords.contains(name) { return "it is a Swift keyword" }
        if name.hasPrefix("__") { return "names starting with '__' are reserved for the runtime" }
        return nil
    }
}
