/// All schemas of a compiler run, validated and ready to be rendered.
public struct SchemaModel: Sendable, Equatable {
    /// The schemas in declaration order, files taken in the order they were given.
    public let schemas: [SchemaDefinition]
    private let positionByName: [String: Int]

    /// Creates a model; if two schemas share a name, lookups find the first.
    public init(schemas: [SchemaDefinition]) {
        self.schemas = schemas
        positionByName = Dictionary(
            schemas.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// The schema called `name`, if there is one.
    public func schema(named name: String) -> SchemaDefinition? {
        positionByName[name].map { schemas[$0] }
    }

    /// The parent of `schema`, if it extends one.
    public func parent(of schema: SchemaDefinition) -> SchemaDefinition? {
        schema.parentName.flatMap(self.schema(named:))
    }

    /// Every field of `schema` in index order: inherited fields first, then its own.
    ///
    /// Compiled models have no inheritance cycles; a hand-built model must not have any either.
    public func allFields(of schema: SchemaDefinition) -> [FieldDefinition] {
        (parent(of: schema).map(allFields(of:)) ?? []) + schema.ownFields
    }

    /// The schemas that extend `schema` directly, in declaration order.
    public func directSubclasses(of schema: SchemaDefinition) -> [SchemaDefinition] {
        schemas.filter { $0.parentName == schema.name }
    }
}
