/// Common base of ``SetSchema`` and ``CollectionSchema``: items keyed by a per-instance wire index
/// that is never reused, not even after `removeAll()` (PROTOCOL.md §8.12). Iteration follows
/// wire-index order.
public class IndexedCollectionSchema<Element: SchemaValue>: SchemaRef, Sequence {
    /// The wire type of the items.
    public let elementType: CollectionElementType
    private let allowsDuplicates: Bool
    /// Items by wire index; nil for removed ones.
    @exclusivity(unchecked) private var slots: [Element?] = []
    @exclusivity(unchecked) private var nextIndex = 0
    /// Number of items.
    @exclusivity(unchecked) public private(set) var count = 0

    init(elementType: CollectionElementType, allowsDuplicates: Bool) {
        self.elementType = elementType
        self.allowsDuplicates = allowsDuplicates
        super.init(indexCapacity: 0)
    }

    public var isEmpty: Bool { count == 0 }

    /// The items in iteration order.
    public var elements: [Element] { slots.compactMap { $0 } }

    public func makeIterator() -> some IteratorProtocol<Element> {
        slots.lazy.compactMap { $0 }.makeIterator()
    }

    /// The items keyed by wire index.
    var indexedEntries: [(key: CollectionKey, value: Any)] {
        slots.enumerated().compactMap { entry in entry.element.map { (CollectionKey.index(entry.offset), $0 as Any) } }
    }

    /// Whether an item is the same as `element` (equal primitive or same instance).
    public func contains(_ element: Element) -> Bool { firstIndex(of: element) != nil }

    private func firstIndex(of element: Element) -> Int? {
        slots.firstIndex { $0.map { Element.isSame($0, element) } ?? false }
    }

    /// Adds `element` and returns true, or returns false when a set already holds it.
    @discardableResult
    public func insert(_ element: Element) -> Bool {
        if !allowsDuplicates, contains(element) { return false }
        let index = nextIndex
        nextIndex += 1
        slots.append(element)
        count += 1
        recordChange(index, Operation.add)
        if let child = element.schemaRef { adopt(child) }
        return true
    }

    /// Removes the first item that is the same as `element`; returns whether one was removed.
    @discardableResult
    public func remove(_ element: Element) -> Bool {
        guard let index = firstIndex(of: element) else { return false }
        slots[index] = nil
        count -= 1
        recordDelete(index)
        if let old = element.schemaRef { release(old) }
        return true
    }

    /// Removes every item (one CLEAR on the wire; the index counter is not reset).
    public func removeAll() {
        let removed = slots
        slots = Array(repeating: nil, count: slots.count)
        count = 0
        recordClear()
        for case let element? in removed {
            if let old = element.schemaRef { release(old) }
        }
    }

    // MARK: SchemaRef

    override func encodeOperation(_ index: Int, _ operation: UInt8, _ writer: inout ByteWriter, _ context: EncodeContext) {
        writer.byte(operation == Operation.delete || index >= slots.count || slots[index] == nil ? Operation.delete : operation)
        writer.number(index)
        guard operation != Operation.delete, index < slots.count, let element = slots[index] else { return }
        element.encodeItem(as: elementType, operation: operation, into: &writer, context: context)
    }

    override func forEachChildRef(_ body: (SchemaRef) -> Void) {
        for case let element? in slots {
            if let child = element.schemaRef { body(child) }
        }
    }

    override func decodeOperation(_ decoder: inout DecodingContext) throws(SchemaDecodingError) {
        let start = decoder.reader.offset
        let operation = try decoder.reader.byte()
        if operation == Operation.clear {
            decoder.releaseItems(of: self, keyedItems: slots.enumerated().compactMap { entry in entry.element.map { (.index(entry.offset), $0 as Any) } })
            slots = Array(repeating: nil, count: slots.count)
            count = 0
            return
        }
        let index = try decoder.reader.index()
        let previous = index < slots.count ? slots[index] : nil
        if Operation.hasDelete(operation), let old = previous?.schemaRef, old.refId >= 0 {
            decoder.tracker.release(old.refId)
        }
        if operation == Operation.delete {
            if previous != nil {
                slots[index] = nil
                count -= 1
            }
            decoder.reportItem(self, .index(index), operation, previous: previous, value: nil)
            return
        }
        try decoder.reserveSlots(upTo: index, count: slots.count, operation: operation, on: typeDescription, offset: start)
        let value = try Element.decodeItem(as: elementType, operation: operation & ~Operation.delete, previous: Operation.hasDelete(operation) ? nil : previous, decoder: &decoder)
        if index >= slots.count { slots.append(contentsOf: repeatElement(nil, count: index - slots.count + 1)) }
        if previous == nil { count += 1 }
        slots[index] = value
        nextIndex = Swift.max(nextIndex, index + 1)
        if previous == nil || !Element.isSame(previous!, value) {
            decoder.reportItem(self, .index(index), operation, previous: previous, value: value)
        }
    }
}

/// A synchronized set (`set<T>` in schema files): adding a value it already holds does nothing.
public final class SetSchema<Element: SchemaValue>: IndexedCollectionSchema<Element> {
    /// Creates an empty set whose items use `elementType` on the wire.
    public init(elementType: CollectionElementType = Element.defaultElementType) {
        super.init(elementType: elementType, allowsDuplicates: false)
    }

    /// Creates a set holding the distinct values of `elements`, in order.
    public convenience init(_ elements: some Sequence<Element>, elementType: CollectionElementType = Element.defaultElementType) {
        self.init(elementType: elementType)
        for element in elements { insert(element) }
    }

    override var typeDescription: String { "SetSchema" }
}

/// A synchronized bag (`collection<T>` in schema files): duplicates allowed.
public final class CollectionSchema<Element: SchemaValue>: IndexedCollectionSchema<Element> {
    /// Creates an empty collection whose items use `elementType` on the wire.
    public init(elementType: CollectionElementType = Element.defaultElementType) {
        super.init(elementType: elementType, allowsDuplicates: true)
    }

    /// Creates a collection holding `elements`, in order.
    public convenience init(_ elements: some Sequence<Element>, elementType: CollectionElementType = Element.defaultElementType) {
        self.init(elementType: elementType)
        for element in elements { insert(element) }
    }

    override var typeDescription: String { "CollectionSchema" }
}
