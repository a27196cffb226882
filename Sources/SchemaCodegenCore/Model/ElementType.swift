/// The type of the elements of a collection field; collections cannot nest.
public enum ElementType: Sendable, Equatable, Hashable, CustomStringConvertible {
    case primitive(PrimitiveType)
    /// A schema, by name; the name is known to be declared.
    case schema(String)

    /// The element type spelled as in the schema language.
    public var description: String {
        switch self {
        case .primitive(let primitive): primitive.rawValue
        case .schema(let name): name
        }
    }
}
