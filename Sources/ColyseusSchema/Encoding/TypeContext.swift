/// The type ids of a state: one per schema class reachable from the root class, numbered by the
/// reference's depth-first discovery (PROTOCOL.md §8.15): the class itself, its known subclasses,
/// its ancestors, then the schema types of its fields in index order.
public final class TypeContext: Sendable {
    /// Classes in type-id order.
    public let types: [Schema.Type]
    private let idByClass: [ObjectIdentifier: Int]
    /// The `@view` fields of each class, by type id.
    let viewFields: [ViewFields]
    /// Whether any class has `@view` fields (the encoder then keeps per-view change lists).
    public let hasViewFields: Bool

    /// Discovers the types reachable from `root`.
    public init(root: Schema.Type) {
        var types: [Schema.Type] = []
        var ids: [ObjectIdentifier: Int] = [:]
        func discover(_ type: Schema.Type) {
            let key = ObjectIdentifier(type)
            guard ids[key] == nil else { return }
            ids[key] = types.count
            types.append(type)
            for subclass in type.knownSubclasses { discover(subclass) }
            var ancestor = type.parentSchema
            while let current = ancestor {
                discover(current)
                ancestor = current.parentSchema
            }
            for field in type.allFields {
                if let referenced = field.type.referencedSchema { discover(referenced) }
            }
        }
        discover(root)
        self.types = types
        self.idByClass = ids
        viewFields = types.map(ViewFields.init)
        hasViewFields = viewFields.contains { $0.taggedMask != 0 }
    }

    /// The `@view` fields of `type` (a class of this context).
    func viewFields(of type: Schema.Type) -> ViewFields {
        guard let id = id(of: type) else { preconditionFailure("\(type.schemaName) is not reachable from the encoded state's root type") }
        return viewFields[id]
    }

    /// The type id of `type`, or nil when the class is not part of this context.
    public func id(of type: Schema.Type) -> Int? {
        idByClass[ObjectIdentifier(type)]
    }

    /// The class with type id `id`.
    public func type(withId id: Int) -> Schema.Type? {
        id >= 0 && id < types.count ? types[id] : nil
    }
}
