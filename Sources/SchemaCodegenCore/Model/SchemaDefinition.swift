/// A validated schema declaration.
public struct SchemaDefinition: Sendable, Equatable {
    /// The schema name, unique across all sources.
    public var name: String
    /// The `///` lines written before the declaration, one string per line.
    public var documentation: [String]
    /// The schema named after `extends`, if any; it is declared and not part of a cycle.
    public var parentName: String?
    /// The fields declared in this schema, in declaration order.
    public var ownFields: [FieldDefinition]
    /// The number of inherited fields, which is also the index of the first own field.
    public var firstFieldIndex: Int
    /// The ``SchemaSource/path`` of the file that declares the schema.
    public var sourceFile: String
    /// Where the schema name was written.
    public var location: SourceLocation

    /// Creates a schema definition.
    public init(
        name: String, documentation: [String] = [], parentName: String? = nil, ownFields: [FieldDefinition],
        firstFieldIndex: Int = 0, sourceFile: String, location: SourceLocation
    ) {
        self.name = name
        self.documentation = documentation
        self.parentName = parentName
        self.ownFields = ownFields
        self.firstFieldIndex = firstFieldIndex
        self.sourceFile = sourceFile
        self.location = location
    }
}
