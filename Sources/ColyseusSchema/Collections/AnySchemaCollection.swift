/// Type-erased read access to any schema collection, for inspection, JSON and callbacks.
public protocol AnySchemaCollection: SchemaRef {
    /// The collection kind.
    static var kind: CollectionKind { get }
    /// The items with their keys, in iteration order.
    var anyEntries: [(key: CollectionKey, value: Any)] { get }
}

extension MapSchema: AnySchemaCollection {
    public static var kind: CollectionKind { .map }
    public var anyEntries: [(key: CollectionKey, value: Any)] { keyedEntries }
}

extension ArraySchema: AnySchemaCollection {
    public static var kind: CollectionKind { .array }
    public var anyEntries: [(key: CollectionKey, value: Any)] {
        items.enumerated().map { (CollectionKey.index($0.offset), Element.fromSchemaItem($0.element) as Any) }
    }
}

extension SetSchema: AnySchemaCollection {
    public static var kind: CollectionKind { .set }
    public var anyEntries: [(key: CollectionKey, value: Any)] { indexedEntries }
}

extension CollectionSchema: AnySchemaCollection {
    public static var kind: CollectionKind { .collection }
    public var anyEntries: [(key: CollectionKey, value: Any)] { indexedEntries }
}
