/// The storage and wire behaviour of ``SetSchema`` and ``CollectionSchema``: items keyed by a per-instance wire index
/// that is never reused, not even after `removeAll()` (PROTOCOL.md §8.12). Iteration follows
/// wire-index order.
public class IndexedCollectionSchema: SchemaRef {
    /// The wire type of the items.
    public let elementType: CollectionElementType
    private let allowsDuplicates: Bool
    /// Items by wire index; nil for removed ones.
    @exclusivity(unchecked) private final var slots: [SchemaItem?] = []
    @exclusivity(unchecked) private final var nextIndex = 0
    /// Schema items removed since the last patch from a collection below a `@view` field: a view that
    /// saw one gets its DELETE.
    @exclusivity(unchecked) private final var deletedItems: [(index: Int, item: Schema)] = []
    /// Number of items.
    @exclusivity(unchecked) public private(set) final var count = 0

    init(elementType: CollectionElementType, allowsDuplicates: Bool) {
        self.elementType = elementType
        self.allowsDuplicates = allowsDuplicates
        super.init(indexCapacity: 0, hasDiscardHook: true)
    }

    public final var isEmpty: Bool { count == 0 }

    /// The stored items in iteration order.
    final var storedItems: [SchemaItem] { slots.compactMap { $0 } }

    /// The typed value of an item, for change reports and inspection.
    func boxed(_ item: SchemaItem) -> Any { item }

    /// The items keyed by wire index.
    final var indexedEntries: [(key: CollectionKey, value: Any)] {
        slots.enumerated().compactMap { entry in entry.element.map { (CollectionKey.index(entry.offset), boxed($0)) } }
    }

    final func containsItem(_ element: SchemaItem) -> Bool { firstIndex(of: element) != nil }

    private func firstIndex(of element: SchemaItem) -> Int? {
        slots.firstIndex { $0.map { $0.isSame(as: element) } ?? false }
    }

    @discardableResult
    final func insertItem(_ element: SchemaItem) -> Bool {
        if !allowsDuplicates, containsItem(element) { return false }
        let index = nextIndex
        nextIndex += 1
        slots.append(element)
        count += 1
        recordChange(index, Operation.add)
        if let child = element.schema { adopt(child, at: index) }
        return true
    }

    @discardableResult
    final func removeItem(_ element: SchemaItem) -> Bool {
        guard let index = firstIndex(of: element) else { return false }
        slots[index] = nil
        count -= 1
        if isFiltered, let item = element.schema { deletedItems.append((index, item)) }
        recordDelete(index)
        if let old = element.schema { release(old) }
        return true
    }

    /// Removes every item (one CLEAR on the wire; the index counter is not reset).
    public final func removeAll() {
        let removed = slots
        slots = Array(repeating: nil, count: slots.count)
        count = 0
        recordClear()
        for case let element? in removed {
            if let old = element.schema { release(old) }
        }
    }

    // MARK: SchemaRef

    override final func encodeOperation(_ index: Int, _ operation: UInt8, _ writer: inout ByteWriter, _ context: EncodeContext) {
        writer.byte(operation == Operation.delete || index >= slots.count || slots[index] == nil ? Operation.delete : operation)
        writer.number(index)
        guard operation != Operation.delete, index < slots.count, let element = slots[index] else { return }
        element.encode(as: elementType, operation: operation, into: &writer, context: context)
    }

    override final func recordDecodedContent() {
        for (index, slot) in slots.enumerated() where slot != nil {
            recordChange(index, Operation.add)
        }
    }

    /// As a map: CLEAR, then every live item under its index.
    override final func recordContentForReattachment() {
        recordClear()
        for (index, slot) in slots.enumerated() where slot != nil {
            recordChange(index, Operation.add)
        }
    }

    override final func forEachChildRef(_ body: (SchemaRef) -> Void) {
        for case let element? in slots {
            if let child = element.schema { body(child) }
        }
    }

    override final func didDiscardPending() {
        if !deletedItems.isEmpty { deletedItems.removeAll(keepingCapacity: true) }
    }

    // MARK: per-view encoding

    override final var hasPrimitiveItems: Bool {
        if case .primitive = elementType { true } else { false }
    }

    override final func currentSchemaItem(at index: Int) -> Schema? {
        index < slots.count ? slots[index]?.schema : nil
    }

    override final func pendingSchemaItem(at index: Int) -> Schema? {
        currentSchemaItem(at: index) ?? deletedItems.last { $0.index == index }?.item
    }

    override final func decodeOperation(_ decoder: inout DecodingContext) throws(SchemaDecodingError) {
        let start = decoder.reader.offset
        let operation = try decoder.reader.byte()
        if operation == Operation.clear {
            decoder.releaseItems(of: self, keyedItems: indexedEntries)
            slots = Array(repeating: nil, count: slots.count)
            count = 0
            return
        }
        let index = try decoder.reader.index()
        let previous = index < slots.count ? slots[index] : nil
        if Operation.hasDelete(operation), let old = previous?.schema, old.refId >= 0 {
            decoder.tracker.release(old.refId)
        }
        if operation == Operation.delete {
            if previous != nil {
                slots[index] = nil
                count -= 1
            }
            decoder.reportItem(self, .index(index), operation, previous: previous.map(boxed), value: nil)
            return
        }
        try decoder.reserveSlots(upTo: index, count: slots.count, operation: operation, on: typeDescription, offset: start)
        let value = try SchemaItem.decode(as: elementType, operation: operation & ~Operation.delete, previous: Operation.hasDelete(operation) ? nil : previous, decoder: &decoder)
        if index >= slots.count { slots.append(contentsOf: repeatElement(nil, count: index - slots.count + 1)) }
        if previous == nil { count += 1 }
        slots[index] = value
        nextIndex = Swift.max(nextIndex, index + 1)
        if previous == nil || !previous!.isSame(as: value) {
            decoder.reportItem(self, .index(index), operation, previous: previous.map(boxed), value: boxed(value))
        }
    }
}

/// The typed API shared by ``SetSchema`` and ``CollectionSchema``.
public protocol TypedIndexedCollection: IndexedCollectionSchema, Sequence where Element: SchemaValue, Iterator == IndexingIterator<[Element]> {
    /// Creates an empty collection whose items use `elementType` on the wire.
    init(elementType: CollectionElementType)
}

extension TypedIndexedCollection {
    /// Creates a collection holding `elements` in order (a set keeps the first of equal values).
    public init(_ elements: some Sequence<Element>, elementType: CollectionElementType = Element.defaultElementType) {
        self.init(elementType: elementType)
        for element in elements { insertItem(element.schemaItem) }
    }

    /// The items in iteration order.
    public var elements: [Element] { storedItems.map(Element.fromSchemaItem) }

    public func makeIterator() -> IndexingIterator<[Element]> { elements.makeIterator() }

    /// Whether an item is `element` (an equal primitive or the same instance).
    public func contains(_ element: Element) -> Bool { containsItem(element.schemaItem) }

    /// Removes the first item that is `element`; returns whether there was one.
    @discardableResult
    public func remove(_ element: Element) -> Bool { removeItem(element.schemaItem) }
}

/// A synchronized set (`set<T>` in schema files): adding a value it already holds does nothing.
public final class SetSchema<Element: SchemaValue>: IndexedCollectionSchema, TypedIndexedCollection {
    public init(elementType: CollectionElementType = Element.defaultElementType) {
        super.init(elementType: elementType, allowsDuplicates: false)
    }

    /// Adds `element` and returns true, or returns false when the set already holds it.
    @discardableResult
    public func insert(_ element: Element) -> Bool { insertItem(element.schemaItem) }

    override func boxed(_ item: SchemaItem) -> Any { Element.fromSchemaItem(item) }
    override var typeDescription: String { "SetSchema" }
}

/// A synchronized bag (`collection<T>` in schema files): duplicates allowed.
public final class CollectionSchema<Element: SchemaValue>: IndexedCollectionSchema, TypedIndexedCollection {
    public init(elementType: CollectionElementType = Element.defaultElementType) {
        super.init(elementType: elementType, allowsDuplicates: true)
    }

    /// Adds `element`.
    public func insert(_ element: Element) { insertItem(element.schemaItem) }

    override func boxed(_ item: SchemaItem) -> Any { Element.fromSchemaItem(item) }
    override var typeDescription: String { "CollectionSchema" }
}
