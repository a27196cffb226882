/// A synchronized array (`array<T>` in schema files). See ``ArraySchemaBase`` for the wire rules.
public final class ArraySchema<Element: SchemaValue>: ArraySchemaBase, RandomAccessCollection {
    /// Creates an empty array whose items use `elementType` on the wire.
    public override init(elementType: CollectionElementType = Element.defaultElementType) {
        super.init(elementType: elementType)
    }

    /// Creates an array holding `elements`.
    public convenience init(_ elements: some Sequence<Element>, elementType: CollectionElementType = Element.defaultElementType) {
        self.init(elementType: elementType)
        append(contentsOf: elements)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { items.count }

    /// The item at `position`; assigning replaces it (REPLACE for primitives, DELETE_AND_ADD for schema items).
    public subscript(position: Int) -> Element {
        get { Element.fromSchemaItem(items[position]) }
        set { replaceItem(at: position, with: newValue.schemaItem) }
    }

    /// The items as a Swift array.
    public var elements: [Element] { items.map(Element.fromSchemaItem) }

    /// Appends `element` (ADD at the end of the decoder view).
    public func append(_ element: Element) { appendItem(element.schemaItem) }

    /// Appends every element of `elements`.
    public func append(contentsOf elements: some Sequence<Element>) {
        for element in elements { appendItem(element.schemaItem) }
    }

    /// Replaces the item at `position`.
    public func replace(at position: Int, with element: Element) { replaceItem(at: position, with: element.schemaItem) }

    /// Removes and returns the item at `position`.
    @discardableResult
    public func remove(at position: Int) -> Element { Element.fromSchemaItem(removeItem(at: position)) }

    /// Removes and returns the last item, if any.
    @discardableResult
    public func popLast() -> Element? { items.isEmpty ? nil : remove(at: items.count - 1) }

    /// Removes and returns the first item, if any.
    @discardableResult
    public func popFirst() -> Element? { items.isEmpty ? nil : remove(at: 0) }

    /// Inserts `element` at `position`. At the front of an array without other changes in this patch
    /// this is one ADD at index 0 (the decoder inserts at the front); elsewhere it re-sends the array.
    public func insert(_ element: Element, at position: Int) { insertItem(element.schemaItem, at: position) }

    /// Removes `deleteCount` items from `start` and inserts `newElements` there. Replacing an item by
    /// another is one DELETE_AND_ADD at its index, as the reference's `splice(i, 1, x)`.
    public func splice(_ start: Int, deleteCount: Int, insert newElements: [Element] = []) {
        spliceItems(start, deleteCount: deleteCount, insert: newElements.map(\.schemaItem))
    }

    /// Sorts the items in place (one REPLACE or DELETE_AND_ADD per index, as the reference).
    public func sort(by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows {
        try sortItems { try areInIncreasingOrder(Element.fromSchemaItem($0), Element.fromSchemaItem($1)) }
    }

    override func boxed(_ item: SchemaItem) -> Any { Element.fromSchemaItem(item) }
}

/// The storage and wire behaviour of ``ArraySchema``, independent of the element type.
///
/// Wire indexes of a patch are positions in the array *as the decoder holds it while applying the
/// patch*: removed items stay as holes until the decoder compacts (PROTOCOL.md §8.11). The array keeps,
/// for every current item, its position in that decoder view, so pushes, removals and in-place
/// replacements encode exactly as the reference does. Mutations the per-index patch model cannot
/// express (an insertion in the middle, or a reorder after other changes in the same patch) are sent
/// as CLEAR followed by the whole content, which every decoder applies correctly.
public class ArraySchemaBase: SchemaRef {
    /// The wire type of the items.
    public let elementType: CollectionElementType
    @exclusivity(unchecked) final var items: [SchemaItem] = []
    /// Decoder-view position of each item during the current patch (strictly increasing).
    @exclusivity(unchecked) private final var positions: [Int32] = []
    /// Number of slots of the decoder view during the current patch, holes included.
    @exclusivity(unchecked) private final var slotCount = 0
    /// Whether slot 0 of the decoder view is an insertion at the front made in this patch (removing,
    /// replacing or splicing it cannot be expressed per index: the array is re-sent instead).
    @exclusivity(unchecked) private final var hasFrontInsertion = false
    /// Whether items were added since the last clear (a full state then has a section even when empty).
    @exclusivity(unchecked) private final var hadItemsSinceClear = false
    /// Schema items removed since the last patch from an array below a `@view` field, by decoder
    /// slot: a view that saw one gets its DELETE_BY_REFID.
    @exclusivity(unchecked) private final var removedItems: [(slot: Int, item: Schema)] = []
    /// Items with holes while a decoder applies a section.
    @exclusivity(unchecked) private final var decodingSlots: [SchemaItem?] = []
    @exclusivity(unchecked) private final var isDecodingSection = false

    init(elementType: CollectionElementType) {
        self.elementType = elementType
        super.init(indexCapacity: 0, hasDiscardHook: true)
    }

    /// The typed value of an item, for change reports and inspection.
    func boxed(_ item: SchemaItem) -> Any { item }

    // MARK: mutations

    /// Appends `element` (ADD at the end of the decoder view).
    final func appendItem(_ element: SchemaItem) {
        items.append(element)
        positions.append(Int32(slotCount))
        recordChange(slotCount, Operation.add)
        slotCount += 1
        hadItemsSinceClear = true
        if let child = element.schema { adopt(child, at: items.count - 1) }
    }

    /// Replaces the item at `position` (REPLACE for primitives, DELETE_AND_ADD for schema items).
    final func replaceItem(at position: Int, with element: SchemaItem) {
        let old = items[position]
        if old.isSame(as: element) { return }
        items[position] = element
        if let oldRef = old.schema { release(oldRef) }
        if hasFrontInsertion && positions[position] == 0 {
            resendAll()
        } else {
            recordChange(Int(positions[position]), element.schema == nil ? Operation.replace : Operation.deleteAndAdd)
        }
        if let child = element.schema { adopt(child, at: position) }
    }

    /// Removes and returns the item at `position`.
    @discardableResult
    final func removeItem(at position: Int) -> SchemaItem {
        let old = items.remove(at: position)
        let slot = Int(positions.remove(at: position))
        if isFiltered, let oldRef = old.schema { removedItems.append((slot, oldRef)) }
        if let oldRef = old.schema { release(oldRef) }
        if hasFrontInsertion && slot == 0 {
            resendAll()
        } else {
            recordDelete(slot)
        }
        return old
    }

    /// Inserts `element` at `position`. At the front of an array without other changes in this patch
    /// this is one ADD at index 0 (the decoder inserts at the front); elsewhere it re-sends the array.
    final func insertItem(_ element: SchemaItem, at position: Int) {
        precondition(position >= 0 && position <= items.count, "insert position out of range")
        if position == items.count {
            appendItem(element)
            return
        }
        // The decoder ignores an ADD that carries the value its slot already holds, so an equal value
        // cannot be inserted this way.
        if position == 0 && pending.isEmpty && positions.first == 0 && !items[0].isSame(as: element) {
            items.insert(element, at: 0)
            for slot in positions.indices { positions[slot] += 1 }
            positions.insert(0, at: 0)
            slotCount += 1
            hasFrontInsertion = true
            recordChange(0, Operation.add)
            if let child = element.schema { adopt(child, at: 0) }
            return
        }
        items.insert(element, at: position)
        resendAll()
        if let child = element.schema { adopt(child, at: position) }
    }

    /// Removes `deleteCount` items from `start` and inserts `newElements` there. Replacing an item by
    /// another is one DELETE_AND_ADD at its index, as the reference's `splice(i, 1, x)`.
    final func spliceItems(_ start: Int, deleteCount: Int, insert newElements: [SchemaItem]) {
        precondition(start >= 0 && start + deleteCount <= items.count, "splice range out of bounds")
        let replaced = Swift.min(deleteCount, newElements.count)
        if hasFrontInsertion && start == 0 && replaced > 0 {
            let removed = items[0..<deleteCount]
            items.replaceSubrange(0..<deleteCount, with: newElements)
            for element in removed { if let oldRef = element.schema { release(oldRef) } }
            resendAll()
            for (offset, element) in newElements.enumerated() { if let child = element.schema { adopt(child, at: offset) } }
            return
        }
        for offset in 0..<replaced {
            let position = start + offset
            let old = items[position]
            items[position] = newElements[offset]
            let slot = Int(positions[position])
            recordDelete(slot)
            if let oldRef = old.schema { release(oldRef) }
            recordChange(slot, Operation.add)
            if let child = newElements[offset].schema { adopt(child, at: position) }
        }
        for _ in replaced..<deleteCount { removeItem(at: start + replaced) }
        for (offset, element) in newElements.dropFirst(replaced).enumerated() {
            insertItem(element, at: start + replaced + offset)
        }
    }

    /// Removes every item (one CLEAR on the wire).
    public final func removeAll() {
        guard !items.isEmpty else { return }
        let removed = items
        items.removeAll()
        positions.removeAll()
        slotCount = 0
        hadItemsSinceClear = false
        hasFrontInsertion = false
        recordClear()
        for element in removed {
            if let oldRef = element.schema { release(oldRef) }
        }
    }

    /// Reverses the items (one REVERSE on the wire when nothing else changed in this patch).
    public final func reverse() {
        items.reverse()
        if pending.isEmpty && positions.count == slotCount {
            recordPure(Operation.reverse)
        } else {
            resendAll()
        }
    }

    /// Sorts the items in place (one REPLACE or DELETE_AND_ADD per index, as the reference).
    final func sortItems(by areInIncreasingOrder: (SchemaItem, SchemaItem) throws -> Bool) rethrows {
        try items.sort(by: areInIncreasingOrder)
        if pending.isEmpty && positions.count == slotCount {
            for position in items.indices {
                recordChange(position, items[position].schema == nil ? Operation.replace : Operation.deleteAndAdd)
            }
        } else {
            resendAll()
        }
    }

    override final func recordDecodedContent() {
        resetPositions()
        slotCount = items.count
        hadItemsSinceClear = !items.isEmpty
        for position in items.indices { recordChange(position, Operation.add) }
    }

    /// Positions recorded while the array was away from its root mean nothing to decoders: send
    /// the content again from scratch.
    override final func recordContentForReattachment() {
        resendAll()
    }

    /// Decoder-view positions 0..<count, reusing the storage (patches must not allocate).
    private func resetPositions() {
        positions.removeAll(keepingCapacity: true)
        positions.append(contentsOf: 0..<Int32(items.count))
    }

    /// Sends the current content as CLEAR + ADD 0..n-1. Items stay attached.
    private func resendAll() {
        recordClear()
        hasFrontInsertion = false
        resetPositions()
        slotCount = items.count
        hadItemsSinceClear = !items.isEmpty
        for position in items.indices { recordChange(position, Operation.add) }
    }

    // MARK: SchemaRef

    override final func encodeOperation(_ index: Int, _ operation: UInt8, _ writer: inout ByteWriter, _ context: EncodeContext) {
        writer.byte(operation)
        writer.number(index)
        guard operation != Operation.delete else { return }
        let position = itemPosition(forSlot: index)
        items[position].encode(as: elementType, operation: operation, into: &writer, context: context)
    }

    private func itemPosition(forSlot slot: Int) -> Int {
        guard let position = itemPosition(ifAnyForSlot: slot) else { preconditionFailure("ArraySchema: no item at decoder position \(slot)") }
        return position
    }

    override final func encodeFullState(_ writer: inout ByteWriter, _ context: EncodeContext, header: (inout ByteWriter) -> Void) -> Bool {
        guard !items.isEmpty || hadItemsSinceClear else { return false }
        header(&writer)
        for position in items.indices {
            writer.byte(Operation.add)
            writer.number(position)
            items[position].encode(as: elementType, operation: Operation.add, into: &writer, context: context)
        }
        return true
    }

    override final func forEachChildRef(_ body: (SchemaRef) -> Void) {
        for element in items {
            if let child = element.schema { body(child) }
        }
    }

    override final func didDiscardPending() {
        if !removedItems.isEmpty { removedItems.removeAll(keepingCapacity: true) }
        hasFrontInsertion = false
        if positions.count != items.count || slotCount != items.count || positions.last.map({ Int($0) != items.count - 1 }) == true {
            resetPositions()
        }
        slotCount = items.count
    }

    // MARK: per-view encoding

    override final var hasPrimitiveItems: Bool {
        if case .primitive = elementType { true } else { false }
    }

    /// The decoder slot of the item at `position` in the current patch.
    override final func viewIndex(ofChild child: SchemaRef) -> Int {
        guard let position = items.firstIndex(where: { $0.schema === child }) else { return child.parentIndex }
        return Int(positions[position])
    }

    override final func forEachViewEntryIndex(filtered: Bool, _ body: (Int) -> Void) {
        for position in items.indices { body(Int(positions[position])) }
    }

    /// The item at decoder slot `slot` in the current patch, nil when none.
    private func itemPosition(ifAnyForSlot slot: Int) -> Int? {
        var low = 0, high = positions.count - 1
        let target = Int32(slot)
        while low <= high {
            let middle = (low + high) / 2
            if positions[middle] == target { return middle }
            if positions[middle] < target { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    /// The schema item at `slot`, or the one removed from there since the last patch.
    private func schemaItemForView(atSlot slot: Int) -> Schema? {
        if let position = itemPosition(ifAnyForSlot: slot) { return items[position].schema }
        return removedItems.last { $0.slot == slot }?.item
    }

    /// A filtered array of schema items addresses items by refId (PROTOCOL.md §10): ADD_BY_REFID
    /// `81 refId refId`, DELETE_BY_REFID `21 refId`; other operations keep their code.
    private func encodeByRefId(_ operation: UInt8, _ item: Schema, _ writer: inout ByteWriter, _ context: EncodeContext) {
        let code = operation == Operation.add ? Operation.addByRefId : operation == Operation.delete ? Operation.deleteByRefId : operation
        writer.byte(code)
        writer.number(item.refId)
        guard code != Operation.deleteByRefId else { return }
        SchemaItem.schema(item).encode(as: elementType, operation: code, into: &writer, context: context)
    }

    override final func encodeForcedOperation(_ index: Int, _ operation: UInt8, _ writer: inout ByteWriter, _ context: EncodeContext) {
        let position = itemPosition(ifAnyForSlot: index)
        if isFiltered && !hasPrimitiveItems {
            guard let item = schemaItemForView(atSlot: index) else { return }
            encodeByRefId(Operation.forced(operation, isLive: position != nil), item, &writer, context)
        } else {
            encodeOperation(index, Operation.forced(operation, isLive: position != nil), &writer, context)
        }
    }

    override final func encodeFilteredPending(_ writer: inout ByteWriter, _ context: EncodeContext, _ view: StateView) {
        let bySchemaRefId = !hasPrimitiveItems
        for position in 0..<pending.filteredOrder.count {
            let entry = pending.filteredOrder[position]
            if entry < 0 {
                writer.byte(UInt8(-entry))
                continue
            }
            let slot = Int(entry)
            let operation = pending.recordedOperation(at: slot)
            if bySchemaRefId {
                guard let item = schemaItemForView(atSlot: slot), view.sees(item) else { continue }
                encodeByRefId(operation, item, &writer, context)
            } else {
                encodeOperation(slot, operation, &writer, context)
            }
        }
    }

    override final func encodeFilteredFullState(_ writer: inout ByteWriter, _ context: EncodeContext, _ view: StateView, header: (inout ByteWriter) -> Void) -> Bool {
        guard !items.isEmpty || hadItemsSinceClear else { return false }
        header(&writer)
        for position in items.indices {
            if let item = items[position].schema {
                if view.sees(item) { encodeByRefId(Operation.add, item, &writer, context) }
            } else {
                writer.byte(Operation.add)
                writer.number(position)
                items[position].encode(as: elementType, operation: Operation.add, into: &writer, context: context)
            }
        }
        return true
    }

    override final func decodeOperation(_ decoder: inout DecodingContext) throws(SchemaDecodingError) {
        if !isDecodingSection {
            decodingSlots = items.map { $0 }
            isDecodingSection = true
        }
        let start = decoder.reader.offset
        let operation = try decoder.reader.byte()
        switch operation {
        case Operation.clear:
            decoder.releaseItems(of: self, keyedItems: decodingSlots.enumerated().compactMap { entry in entry.element.map { (.index(entry.offset), boxed($0)) } })
            decodingSlots.removeAll()
            return
        case Operation.reverse:
            decodingSlots.reverse()
            return
        case Operation.deleteByRefId:
            let refId = try decoder.reader.index()
            guard let position = decodingSlots.firstIndex(where: { $0?.schema?.refId == refId }) else { return }
            let previous = decodingSlots[position]
            if let old = previous?.schema { decoder.tracker.release(old.refId) }
            decodingSlots[position] = nil
            decoder.reportItem(self, .index(position), Operation.delete, previous: previous.map(boxed), value: nil)
            return
        default:
            break
        }
        var index: Int
        if operation == Operation.addByRefId {
            let refId = try decoder.reader.index()
            index = decodingSlots.firstIndex(where: { $0?.schema?.refId == refId }) ?? decodingSlots.count
        } else {
            index = try decoder.reader.index()
        }
        let previous = index < decodingSlots.count ? decodingSlots[index] : nil
        if Operation.hasDelete(operation) {
            if let old = previous?.schema, old.refId >= 0 { decoder.tracker.release(old.refId) }
            if operation != Operation.deleteAndAdd, index < decodingSlots.count { decodingSlots[index] = nil }
        }
        if operation == Operation.delete {
            decoder.reportItem(self, .index(index), operation, previous: previous.map(boxed), value: nil)
            return
        }
        try decoder.reserveSlots(upTo: index, count: decodingSlots.count, operation: operation, on: typeDescription, offset: start)
        let valueOperation = operation == Operation.addByRefId ? Operation.add : operation & ~Operation.delete
        let value = try SchemaItem.decode(as: elementType, operation: valueOperation, previous: Operation.hasDelete(operation) ? nil : previous, decoder: &decoder)
        if let previous, previous.isSame(as: value) { return }
        if index == 0 && operation == Operation.add && !decodingSlots.isEmpty && decodingSlots[0] != nil {
            decodingSlots.insert(value, at: 0)
        } else if operation == Operation.deleteAndMove {
            if index < decodingSlots.count { decodingSlots.remove(at: index) }
            if index >= decodingSlots.count { decodingSlots.append(contentsOf: repeatElement(nil, count: index - decodingSlots.count + 1)) }
            decodingSlots[index] = value
        } else {
            if index >= decodingSlots.count { decodingSlots.append(contentsOf: repeatElement(nil, count: index - decodingSlots.count + 1)) }
            decodingSlots[index] = value
        }
        if decoder.collectsChanges { decoder.reportItem(self, .index(index), operation, previous: previous.map(boxed), value: boxed(value)) }
    }

    override final func finishDecodingSection() {
        guard isDecodingSection else { return }
        items = decodingSlots.compactMap { $0 }
        decodingSlots = []
        isDecodingSection = false
    }

    override var typeDescription: String { "ArraySchema" }
}
