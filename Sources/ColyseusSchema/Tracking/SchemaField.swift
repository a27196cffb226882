/// Static description of one field of a generated schema class (used for type ids, the reflection
/// handshake and diagnostics; encoding itself is generated straight-line code).
public struct SchemaField: Sendable {
    /// The field index (inherited fields first, then declaration order).
    public let index: Int
    /// The field name as written in the schema file.
    public let name: String
    /// The declared type.
    public let type: SchemaFieldType
    /// The `@view` tag: -1 for the default tag, n for `@view(n)`, nil when the field is not filtered.
    public let viewTag: Int?

    public init(index: Int, name: String, type: SchemaFieldType, viewTag: Int? = nil) {
        self.index = index
        self.name = name
        self.type = type
        self.viewTag = viewTag
    }
}

/// The declared type of a field.
public enum SchemaFieldType: Sendable {
    case primitive(PrimitiveType)
    case schema(Schema.Type)
    case collection(CollectionKind, CollectionElementType)

    /// The schema class this field refers to (directly or as collection element), if any.
    public var referencedSchema: Schema.Type? {
        switch self {
        case .primitive: nil
        case let .schema(type): type
        case let .collection(_, .schema(type)): type
        case .collection(_, .primitive): nil
        }
    }
}

/// The four collection kinds of @colyseus/schema.
public enum CollectionKind: String, Sendable {
    case array, map, set, collection
}

/// The element type of a collection.
public enum CollectionElementType: Sendable {
    case primitive(PrimitiveType)
    case schema(Schema.Type)
}
