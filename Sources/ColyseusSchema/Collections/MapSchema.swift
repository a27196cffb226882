/// A string-keyed synchronized map (`map<T>` in schema files).
///
/// Each new key takes the next per-map wire index; a deleted key's index is never reused before
/// `removeAll()` (PROTOCOL.md §8.10). Iteration follows wire-index order, which is insertion order.
public final class MapSchema<Value: SchemaValue>: SchemaRef, Sequence {
    /// The wire type of the values.
    public let elementType: CollectionElementType

    @usableFromInline struct Slot {
        @usableFromInline var key: String
        @usableFromInline var value: Value
    }

    /// Entries by wire index; nil for deleted ones.
    @exclusivity(unchecked) @usableFromInline var slots: [Slot?] = []
    /// Wire index of every live key and of keys deleted since the last patch (so that re-setting them
    /// within the same patch reuses the index, as the reference does).
    @exclusivity(unchecked) private var indexByKey: [String: Int] = [:]
    @exclusivity(unchecked) private var deletedSinceLastPatch: [String] = []
    @exclusivity(unchecked) private var nextIndex = 0
    /// Number of live entries.
    @exclusivity(unchecked) public private(set) var count = 0

    /// Creates an empty map whose values use `elementType` on the wire.
    public init(elementType: CollectionElementType = Value.defaultElementType) {
        self.elementType = elementType
        super.init(indexCapacity: 0, hasDiscardHook: true)
    }

    /// Creates a map with `entries`, in order.
    public convenience init(_ entries: KeyValuePairs<String, Value>, elementType: CollectionElementType = Value.defaultElementType) {
        self.init(elementType: elementType)
        for (key, value) in entries { self[key] = value }
    }

    public var isEmpty: Bool { count == 0 }

    /// The value for `key`; assigning nil removes the entry.
    public subscript(key: String) -> Value? {
        get {
            guard let index = indexByKey[key] else { return nil }
            return slots[index]?.value
        }
        set {
            if let newValue { set(key, newValue) } else { removeValue(forKey: key) }
        }
    }

    /// Whether `key` has a value.
    public func contains(key: String) -> Bool { self[key] != nil }

    /// Keys in iteration order.
    public var keys: [String] { slots.compactMap { $0?.key } }
    /// Values in iteration order.
    public var values: [Value] { slots.compactMap { $0?.value } }

    /// Sets `value` for `key`.
    public func set(_ key: String, _ value: Value) {
        let operation: UInt8
        let index: Int
        if let existing = indexByKey[key] {
            index = existing
            if let previous = slots[index] {
                if Value.isSame(previous.value, value) { return }
                if let old = previous.value.schemaRef { release(old) }
                operation = value.schemaRef == nil ? Operation.replace : Operation.deleteAndAdd
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
        slots[index] = Slot(key: key, value: value)
        recordChange(index, operation)
        if let child = value.schemaRef { adopt(child) }
    }

    /// Removes the entry for `key` and returns its value.
    @discardableResult
    public func removeValue(forKey key: String) -> Value? {
        guard let index = indexByKey[key], let slot = slots[index] else { return nil }
        slots[index] = nil
        count -= 1
        deletedSinceLastPatch.append(key)
        recordDelete(index)
        if let old = slot.value.schemaRef { release(old) }
        return slot.value
    }

    /// Removes every entry (one CLEAR on the wire; indexes restart at 0).
    public func removeAll() {
        let removed = slots
        slots.removeAll()
        indexByKey.removeAll()
        deletedSinceLastPatch.removeAll()
        nextIndex = 0
        count = 0
        recordClear()
        for case let slot? in removed {
            if let old = slot.value.schemaRef { release(old) }
        }
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        slots.lazy.compactMap { $0.map { (key: $0.key, value: $0.value) } }.makeIterator()
    }

    // MARK: SchemaRef

    override func encodeOperation(_ index: Int, _ operation: UInt8, _ writer: inout ByteWriter, _ context: EncodeContext) {
        guard operation != Operation.delete, index < slots.count, let slot = slots[index] else {
            writer.byte(Operation.delete)
            writer.number(index)
            return
        }
        writer.byte(operation)
        writer.number(index)
        if Operation.hasAdd(operation) { writer.string(slot.key) }
        slot.value.encodeItem(as: elementType, operation: operation, into: &writer, context: context)
    }

    override func forEachChildRef(_ body: (SchemaRef) -> Void) {
        for case let slot? in slots {
            if let child = slot.value.schemaRef { body(child) }
        }
    }

    override func didDiscardPending() {
        for key in deletedSinceLastPatch {
            if let index = indexByKey[key], slots[index] == nil { indexByKey[key] = nil }
        }
        deletedSinceLastPatch.removeAll(keepingCapacity: true)
    }

    override func decodeOperation(_ decoder: inout DecodingContext) throws(SchemaDecodingError) {
        let start = decoder.reader.offset
        let operation = try decoder.reader.byte()
        if operation == Operation.clear {
            decoder.releaseItems(of: self, keyedItems: slots.compactMap { $0.map { (CollectionKey.key($0.key), $0.value as Any) } })
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
        let previous = index < slots.count ? slots[index]?.value : nil
        if Operation.hasDelete(operation), let old = previous?.schemaRef, old.refId >= 0 {
            decoder.tracker.release(old.refId)
        }
        if operation == Operation.delete {
            if previous != nil { count -= 1 }
            slots[index] = nil
            indexByKey[key] = nil
            decoder.reportItem(self, .key(key), operation, previous: previous, value: nil)
            return
        }
        try decoder.reserveSlots(upTo: index, count: slots.count, operation: operation, on: typeDescription, offset: start)
        // A DELETE_AND_ADD already released the previous value; the item decoder must not release it again.
        let value = try Value.decodeItem(as: elementType, operation: operation & ~Operation.delete, previous: Operation.hasDelete(operation) ? nil : previous, decoder: &decoder)
        if index >= slots.count { slots.append(contentsOf: repeatElement(nil, count: index - slots.count + 1)) }
        if previous == nil { count += 1 }
        if let oldKey = slots[index]?.key, oldKey != key { indexByKey[oldKey] = nil }
        slots[index] = Slot(key: key, value: value)
        indexByKey[key] = index
        if previous == nil || !Value.isSame(previous!, value) {
            decoder.reportItem(self, .key(key), operation, previous: previous, value: value)
        }
    }

    override var typeDescription: String { "MapSchema" }
}
