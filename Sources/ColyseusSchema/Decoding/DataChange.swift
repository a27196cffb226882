/// One change applied by a decoder: what a client callback layer needs to tell the game what happened.
public struct DataChange {
    /// The ref that changed (a schema instance or a collection).
    public let ref: SchemaRef
    /// The ref's id.
    public let refId: Int
    /// The wire operation (``Operation``).
    public let operation: UInt8
    /// The field name, for a schema field.
    public let field: String?
    /// The key, for a collection item.
    public let key: CollectionKey?
    /// The value before the change (nil when there was none).
    public let previousValue: Any?
    /// The value after the change (nil when deleted).
    public let value: Any?

    @usableFromInline
    init(ref: SchemaRef, refId: Int, operation: UInt8, field: String?, key: CollectionKey?, previousValue: Any?, value: Any?) {
        self.ref = ref
        self.refId = refId
        self.operation = operation
        self.field = field
        self.key = key
        self.previousValue = previousValue
        self.value = value
    }
}

/// The key of a collection item in a ``DataChange``.
public enum CollectionKey: Hashable, Sendable, CustomStringConvertible {
    /// A MapSchema key.
    case key(String)
    /// An ArraySchema position, or a SetSchema/CollectionSchema wire index.
    case index(Int)

    public var description: String {
        switch self {
        case let .key(key): key
        case let .index(index): String(index)
        }
    }
}
