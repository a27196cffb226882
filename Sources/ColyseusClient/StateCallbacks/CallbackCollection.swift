import ColyseusSchema

/// A schema collection whose items and keys callbacks hand out typed: `MapSchema<V>` gives `(V, String)`,
/// `ArraySchema<E>` gives `(E, Int)` (the position), `SetSchema<E>` and `CollectionSchema<E>` give
/// `(E, Int)` (the item's wire index).
public protocol CallbackCollection: AnySchemaCollection {
    /// The item type.
    associatedtype Item
    /// The key type.
    associatedtype ItemKey: Hashable
    /// The typed key of a decoder change key, nil when it is of the other kind.
    static func itemKey(_ key: CollectionKey) -> ItemKey?
}

extension MapSchema: CallbackCollection {
    public typealias Item = Value
    public static func itemKey(_ key: CollectionKey) -> String? {
        if case .key(let key) = key { key } else { nil }
    }
}

extension ArraySchema: CallbackCollection {
    public typealias Item = Element
    public static func itemKey(_ key: CollectionKey) -> Int? {
        if case .index(let index) = key { index } else { nil }
    }
}

extension SetSchema: CallbackCollection {
    public typealias Item = Element
    public static func itemKey(_ key: CollectionKey) -> Int? {
        if case .index(let index) = key { index } else { nil }
    }
}

extension CollectionSchema: CallbackCollection {
    public typealias Item = Element
    public static func itemKey(_ key: CollectionKey) -> Int? {
        if case .index(let index) = key { index } else { nil }
    }
}
