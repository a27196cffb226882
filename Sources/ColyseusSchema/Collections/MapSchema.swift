/// A string-keyed synchronized map (`map<T>` in schema files). See ``MapSchemaBase`` for the wire rules.
public final class MapSchema<Value: SchemaValue>: MapSchemaBase, Sequence {
    /// Creates an empty map whose values use `elementType` on the wire.
    public override init(elementType: CollectionElementType = Value.defaultElementType) {
        super.init(elementType: elementType)
    }

    /// Creates a map with `entries`, in order.
    public convenience init(_ entries: KeyValuePairs<String, Value>, elementType: CollectionElementType = Value.defaultElementType) {
        self.init(elementType: elementType)
        for (key, value) in entries { set(key, value) }
    }

    /// The value for `key`; assigning nil removes the entry.
    public subscript(key: String) -> Value? {
        get { item(forKey: key).map(Value.fromSchemaItem) }
        set {
            if let newValue { setItem(key, newValue.schemaItem) } else { removeItem(forKey: key) }
        }
    }

    /// Sets `value` for `key`.
    public func set(_ key: String, _ value: Value) {
        setItem(key, value.schemaItem)
    }

    /// Removes the entry for `key` and returns its value.
    @discardableResult
    public func removeValue(forKey key: String) -> Value? {
        removeItem(forKey: key).map(Value.fromSchemaItem)
    }

    /// Values in iteration order.
    public var values: [Value] { slots.compactMap { $0.map { Value.fromSchemaItem($0.item) } } }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        slots.lazy.compactMap { $0.map { (key: $0.key, value: Value.fromSchemaItem($0.item)) } }.makeIterator()
    }

    override func boxed(_ item: SchemaItem) -> Any { Value.fromSchemaItem(item) }
}

/// The storage and wire behaviour of ``MapSchema``, independent of the value type.
///
/// Each new key takes the next per-map wire index; a deleted key's index is never reused before
/// `removeAll()` (PROTOCOL.md §8.10). Iteration follows wire-index order, which is insertion order.
public class MapSchemaBase: SchemaRef {
    /// The wire type of the values.
    public let elementType: CollectionElementType

    struct Slot {
        var key: String
        var item: SchemaItem
    }

    /// Entries by wire index; nil for deleted ones.
    @exclusivity(unchecked) final var slots: [Slot?] = []
    /// Wire index of every live key and of keys deleted since the last patch (so that re-setting them
    /// within the same patch reuses the index, as the reference does).
    @exclusivity(unchecked) private final var indexByKey: [String: Int] = [:]
    @exclusivity(unchecked) private final var deletedSinceLastPatch: [String] = []
    /// Schema items deleted since the last patch from a map below a `@view` field: a view that saw one
    /// gets its DELETE.
    @exclusivity(unchecked) private final var deletedItems: [(index: Int, item: Schema)] = []
    @exclusivity(unchecked) private final var nextIndex = 0
    /// Number of live entries.
    @exclusivity(unchecked) public private(set) final var count = 0

    init(elementType: CollectionElementType) {
        self.elementType = elementType
        super.init(indexCapacity: 0, hasDiscardHook: true)
    }

    public final var isEmpty: Bool { count == 0 }

    /// Whether `key` has a value.
    public final func contains(key: String) -> Bool { item(forKey: key) != nil }

    /// Keys in iteration order.
    public final var keys: [String] { slots.compactMap { $0?.key } }

    /// The typed value of an item, for change reports and inspection.
    func boxed(_ item: SchemaItem) -> Any { item }

    final func item(forKey key: String) -> SchemaItem? {
        guard let index = indexByKey[key] else { return nil }
        return slots[index]?.item
    }

    final func setItem(_ key: String, _ item: SchemaItem) {
        let operation: UInt8
        let index: Int
        if let existing = indexByKey[key] {
            index = existing
            if let previous = slots[index] {
                if previous.item.isSame(as: item) { return }
                if let old = previous.item.schema { release(old) }
                operation = item.schema == nil ? Operation.replace : Operation.deleteAndAdd
            } else {
                // Deleted earlier in this patch: the merge turns this into DELETE_AND_ADD.
                operation = Operation.add
                deletedSinceLastPatch.removeAll { $0 == key }
                count += 1
            }
        } else {
            index = nextIndex
            nextIndex += 1
            indexByKey[key] = index
            operation = Operation.add
            count += 1
        }
        if index >= slots.count { slots.append(contentsOf: repeatElement(nil, count: index - slots.count + 1)) }
        slots[index] = Slot(key: key, item: item)
        recordChange(index, operation)
        if let child = item.schema { adopt(child, at: index) }
    }

    @discardableResult
    final func removeItem(forKey key: String) -> SchemaItem? {
        guard let index = indexByKey[key], let slot = slots[index] else { return nil }
        slots[index] = nil
        count -= 1
        deletedSinceLastPatch.append(key)
        if isFiltered, let item = slot.item.schema { deletedItems.append((index, item)) }
        recordDelete(index)
        if let old = slot.item.schema { release(old) }
        return slot.item
    }

    /// Removes every entry (one CLEAR on the wire; indexes restart at 0).
    public final func removeAll() {
        let removed = slots
        slots.removeAll()
        indexByKey.removeAll()
        deletedSinceLastPatch.removeAll()
        nextIndex = 0
        count = 0
        recordClear()
        for case let slot? in removed {
            if let old = slot.item.schema { release(old) }
        }
    }

    /// The entries with their keys and typed values, in iteration order.
    final var keyedEntries: [(key: CollectionKey, value: Any)] {
        slots.compactMap { slot in slot.map { (CollectionKey.key($0.key), boxed($0.item)) } }
    }

    // MARK: SchemaRef

    override final func encodeOperation(_ index: Int, _ operation: UInt8, _ writer: inout ByteWriter, _ context: EncodeContext) {
        guard operation != Operation.delete, index < slots.count, let slot = slots[index] else {
            writer.byte(Operation.delete)
            writer.number(index)
            return
        }
        writer.byte(operation)
        writer.number(index)
        if Operation.hasAdd(operation) { writer.string(slot.key) }
        slot.item.encode(as: elementType, operation: operation, into: &writer, context: context)
    }

    override final func recordDecodedContent() {
        for (index, slot) in slots.enumerated() where slot != nil {
            recordChange(index, Operation.add)
        }
    }

    /// A decoder that still holds the map (it left and came back within one patch) would keep
    /// entries deleted meanwhile: send CLEAR, then every live entry under its index.
    override final func recordContentForReattachment() {
        for key in deletedSinceLastPatch {
            if let index = indexByKey[key], slots[index] == nil { indexByKey[key] = nil }
        }
        deletedSinceLastPatch.removeAll()
        recordClear()
        for (index, slot) in slots.enumerated() where slot != nil {
            recordChange(index, Operation.add)
        }
    }

    override final func forEachChildRef(_ body: (SchemaRef) -> Void) {
        for case let slot? in slots {
            if let child = slot.item.schema { body(child) }
        }
    }

    override final func didDiscardPending() {
        for key in deletedSinceLastPatch {
            if let index = indexByKey[key], slots[index] == nil { indexByKey[key] = nil }
        }
        deletedSinceLastPatch.removeAll(keepingCapacity: true)
        if !deletedItems.isEmpty { deletedItems.removeAll(keepingCapacity: true) }
    }

    // MARK: per-view encoding

    override final var hasPrimitiveItems: Bool {
        if case .primitive = elementType { true } else { false }
    }

    override final func currentSchemaItem(at index: Int) -> Schema? {
        index < slots.count ? slots[index]?.item.schema : nil
    }

    override final func pendingSchemaItem(at index: Int) -> Schema? {
        currentSchemaItem(at: index) ?? deletedItems.last { $0.index == index }?.item
    }

    override final func decodeOperation(_ decoder: inout DecodingContext) throws(SchemaDecodingError) {
        let start = decoder.reader.offset
        let operation = try decoder.reader.byte()
        if operation == Operation.clear {
            decoder.releaseItems(of: self, keyedItems: keyedEntries)
            slots.removeAll()
            indexByKey.removeAll()
            count = 0
            return
        }
        let index = try decoder.reader.index()
        let key: String
        if Operation.hasAdd(operation) {
            key = try decoder.reader.string()
        } else if index < slots.count, let slot = slots[index] {
            key = slot.key
        } else if operation == Operation.delete {
            return  // an entry added and deleted within one patch: the decoder never saw it
        } else {
            throw .invalidOperation(operation, on: "MapSchema (index \(index) unknown)", offset: start)
        }
        let previous = index < slots.count ? slots[index]?.item : nil
        if Operation.hasDelete(operation), let old = previous?.schema, old.refId >= 0 {
            decoder.tracker.release(old.refId)
        }
        if operation == Operation.delete {
            if previous != nil { count -= 1 }
            slots[index] = nil
            indexByKey[key] = nil
            if decoder.collectsChanges { decoder.reportItem(self, .key(key), operation, previous: previous.map(boxed), value: nil) }
            return
        }
        try decoder.reserveSlots(upTo: index, count: slots.count, operation: operation, on: typeDescription, offset: start)
        // A DELETE_AND_ADD already released the previous value; the item decoder must not release it again.
        let item = try SchemaItem.decode(as: elementType, operation: operation & ~Operation.delete, previous: Operation.hasDelete(operation) ? nil : previous, decoder: &decoder)
        if index >= slots.count { slots.append(contentsOf: repeatElement(nil, count: index - slots.count + 1)) }
        if previous == nil { count += 1 }
        if let oldKey = slots[index]?.key, oldKey != key { indexByKey[oldKey] = nil }
        slots[index] = Slot(key: key, item: item)
        indexByKey[key] = index
        nextIndex = Swift.max(nextIndex, index + 1)
        if decoder.collectsChanges, previous.map({ !$0.isSame(as: item) }) ?? true {
            decoder.reportItem(self, .key(key), operation, previous: previous.map(boxed), value: boxed(item))
        }
    }

    override var typeDescription: String { "MapSchema" }
}
