/// What generated `decodeField` code and collections use while applying one state message.
public struct DecodingContext {
    /// The message being read.
    public var reader: ByteReader
    let tracker: ReferenceTracker
    let types: TypeContext
    /// Whether to build the ``DataChange`` list.
    public let collectsChanges: Bool
    /// The refId of the ref whose section is being read.
    public internal(set) var currentRefId = 0
    @usableFromInline var changes: [DataChange] = []
    /// Whether the field being decoded had no value from the wire before this operation.
    @usableFromInline var isFirstValue = false
    /// Empty collection slots this message may still open (see ``reserveSlots(upTo:count:operation:on:offset:)``).
    var remainingEmptySlots = DecodingContext.maxEmptySlotsPerMessage

    /// The number of empty slots one message may make collections allocate, all collections together.
    ///
    /// Collections keep their items densely by wire index, so an index past the end allocates every slot
    /// before it. Gaps are legitimate (map, set and collection indexes are never reused, and a client that
    /// joins late, or misses entries added and deleted within one patch, sees indexes past its end), but a
    /// corrupt or hostile index (up to 2^53) must not allocate gigabytes and abort. A budget per message
    /// bounds what one message can claim beyond its own size to 2^20 slots (tens of MB) however many
    /// collections it touches, and still accepts a collection a server has given a million indexes since
    /// its last clear that this client never saw (such a server holds as many slots itself).
    static let maxEmptySlotsPerMessage = 1 << 20

    init(reader: ByteReader, tracker: ReferenceTracker, types: TypeContext, collectsChanges: Bool) {
        self.reader = reader
        self.tracker = tracker
        self.types = types
        self.collectsChanges = collectsChanges
    }

    // MARK: change reports

    /// Reports a field change when the value differs (or is the field's first value).
    @inlinable
    public mutating func reportField<T: Equatable>(_ ref: SchemaRef, _ field: String, _ operation: UInt8, previous: T?, value: T?) {
        guard collectsChanges, previous != value || isFirstValue else { return }
        changes.append(DataChange(ref: ref, refId: currentRefId, operation: operation, field: field, key: nil, previousValue: isFirstValue ? nil : previous, value: value))
    }

    /// Reports a ref-valued field change when the instance differs.
    @inlinable
    public mutating func reportField(_ ref: SchemaRef, _ field: String, _ operation: UInt8, previous: SchemaRef?, value: SchemaRef?) {
        guard collectsChanges, previous !== value || isFirstValue else { return }
        changes.append(DataChange(ref: ref, refId: currentRefId, operation: operation, field: field, key: nil, previousValue: previous, value: value))
    }

    mutating func reportItem(_ ref: SchemaRef, _ key: CollectionKey, _ operation: UInt8, previous: Any?, value: Any?) {
        guard collectsChanges else { return }
        changes.append(DataChange(ref: ref, refId: currentRefId, operation: operation, field: nil, key: key, previousValue: previous, value: value))
    }

    // MARK: refs

    /// Applies a Schema-typed field operation: releases the previous instance on DELETE, reads the refId
    /// (and TYPE_ID) on ADD and returns the instance, creating and registering it when new.
    @inlinable
    public mutating func child<S: Schema>(_ declared: S.Type, operation: UInt8, previous: S?) throws(SchemaDecodingError) -> S? {
        try childInstance(declared, operation: operation, previous: previous).map { unsafeDowncast($0, to: S.self) }
    }

    /// The non-generic core of ``child(_:operation:previous:)``, also used by collections. Applies a Schema-typed slot operation: releases the previous instance on DELETE, reads the refId
    /// (and TYPE_ID) on ADD and returns the instance, creating and registering it when new.
    @usableFromInline mutating func childInstance(_ declared: Schema.Type, operation: UInt8, previous: Schema?) throws(SchemaDecodingError) -> Schema? {
        if Operation.hasDelete(operation), let previous, previous.refId >= 0 {
            tracker.release(previous.refId)
        }
        if operation == Operation.delete { return nil }
        let start = reader.offset
        let refId = try reader.index()
        var existing = tracker.ref(refId)
        guard Operation.hasAdd(operation) else {
            guard let existing else { throw .unknownRefId(refId, offset: start) }
            guard let value = existing as? Schema, type(of: value).isSameOrSubclass(of: declared) else {
                throw .typeMismatch(refId: refId, expected: declared.schemaName, found: existing.typeDescription, offset: start)
            }
            return value
        }
        var concreteType: Schema.Type = declared
        if reader.peek() == Operation.typeId {
            _ = try reader.byte()
            let typeIdOffset = reader.offset
            let typeId = try reader.index()
            guard let type = types.type(withId: typeId) else { throw .unknownTypeId(typeId, offset: typeIdOffset) }
            concreteType = type
        }
        if existing == nil {
            let created = concreteType.init(decoding: DecodingConstruction())
            existing = created
        }
        guard let value = existing as? Schema, type(of: value).isSameOrSubclass(of: declared) else {
            throw .typeMismatch(refId: refId, expected: declared.schemaName, found: existing!.typeDescription, offset: start)
        }
        tracker.add(value, refId: refId, counting: value !== previous || operation == Operation.deleteAndAdd)
        return value
    }

    /// Applies a collection-typed field operation. A collection replaced by another one is released
    /// (and its items with it, at the end of the message).
    public mutating func collection<C: SchemaRef>(operation: UInt8, previous: C?, make: () -> C) throws(SchemaDecodingError) -> C? {
        if Operation.hasDelete(operation), let previous, previous.refId >= 0 {
            tracker.release(previous.refId)
        }
        if operation == Operation.delete { return nil }
        let start = reader.offset
        let refId = try reader.index()
        let value: C
        if let existing = tracker.ref(refId) {
            guard let typed = existing as? C else {
                throw .typeMismatch(refId: refId, expected: String(describing: C.self), found: existing.typeDescription, offset: start)
            }
            value = typed
        } else {
            value = make()
        }
        if let previous, previous !== value, !Operation.hasDelete(operation), previous.refId >= 0 {
            // Replaced without a DELETE bit: release the old collection all the same; garbage collection
            // then releases its items exactly once.
            tracker.release(previous.refId)
        }
        tracker.add(value, refId: refId, counting: value !== previous || operation == Operation.deleteAndAdd)
        return value
    }

    /// Checks, before a collection stores an item at wire `index` while holding `count` slots, that the
    /// empty slots this opens fit in the message's budget, and takes them from it.
    mutating func reserveSlots(upTo index: Int, count: Int, operation: UInt8, on type: @autoclosure () -> String, offset: Int) throws(SchemaDecodingError) {
        let gap = index - count
        guard gap > 0 else { return }
        guard gap <= remainingEmptySlots else {
            throw .invalidOperation(operation, on: "\(type()) (index \(index) is \(gap) slots past its end; one message may open at most \(Self.maxEmptySlotsPerMessage))", offset: offset)
        }
        remainingEmptySlots -= gap
    }

    /// Releases every ref item of `collection` and reports each item as deleted (CLEAR).
    mutating func releaseItems(of collection: SchemaRef, keyedItems: [(CollectionKey, Any)]) {
        for (key, item) in keyedItems {
            if let ref = item as? SchemaRef, ref.refId >= 0 { tracker.release(ref.refId) }
            reportItem(collection, key, Operation.delete, previous: item, value: nil)
        }
    }
}
