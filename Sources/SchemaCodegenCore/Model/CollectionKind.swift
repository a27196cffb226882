/// The collection types of the schema language; the raw value is the keyword before `<`.
public enum CollectionKind: String, Sendable, Equatable, Hashable, CaseIterable {
    /// An ordered list (`array<E>`).
    case array
    /// A dictionary with string keys (`map<E>`).
    case map
    /// An unordered collection of distinct values (`set<E>`).
    case set
    /// An unordered collection that may repeat values (`collection<E>`).
    case collection
}

extension CollectionKind {
    /// The collection's class in @colyseus/schema, in the Colyseus C# SDK and in this package's runtime
    /// (`MapSchema`, …).
    var className: String {
        switch self {
        case .array: "ArraySchema"
        case .map: "MapSchema"
        case .set: "SetSchema"
        case .collection: "CollectionSchema"
        }
    }
}
