/// A validated field of a schema.
public struct FieldDefinition: Sendable, Equatable {
    /// The field name, a valid Swift identifier that does not collide with the runtime.
    public var name: String
    /// The `///` lines written before the field, one string per line.
    public var documentation: [String]
    /// The field's wire index (0...63): inherited fields come first, then own fields in
    /// declaration order.
    public var index: Int
    /// The field type, without optionality.
    public var type: FieldType
    /// Whether the field was declared with `?` and may be absent (`nil`).
    public var isOptional: Bool
    /// The value the field starts with, if one was declared.
    public var defaultValue: DefaultValue?
    /// The `@view` tag: `-1` for plain `@view`, `n` for `@view(n)`, `nil` without the attribute.
    public var viewTag: Int?
    /// Where the field name was written.
    public var location: SourceLocation

    /// Creates a field definition.
    public init(
        name: String, documentation: [String] = [], index: Int, type: FieldType, isOptional: Bool = false,
        defaultValue: DefaultValue? = nil, viewTag: Int? = nil, location: SourceLocation
    ) {
        self.name = name
        self.documentation = documentation
        self.index = index
        self.type = type
        self.isOptional = isOptional
        self.defaultValue = defaultValue
        self.viewTag = viewTag
        self.location = location
    }
}
