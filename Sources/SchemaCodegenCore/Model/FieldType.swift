/// The resolved type of a field, without its optionality (see ``FieldDefinition/isOptional``).
public enum FieldType: Sendable, Equatable, Hashable, CustomStringConvertible {
    case primitive(PrimitiveType)
    /// A child schema, by name; the name is known to be declared.
    case schema(String)
    case collection(CollectionKind, element: ElementType)

    /// The type spelled as in the schema language, e.g. `array<float32>`.
    public var description: String {
        switch self {
        case .primitive(let primitive): primitive.rawValue
        case .schema(let name): name
        case .collection(let kind, let element): "\(kind.rawValue)<\(element)>"
        }
    }
}
