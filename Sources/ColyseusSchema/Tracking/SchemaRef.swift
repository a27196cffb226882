/// A synchronized structure: a `Schema` instance or a collection. It has a refId on the wire and
/// records its own changes (full-state list and pending patch operations) as it is mutated.
///
/// Refs form a graph below a root state. While a ref is reachable from a state that an
/// ``StateEncoder`` encodes, it belongs to that encoder's root, which numbers it and queues its
/// changes; a ref that is detached from its last parent leaves the root (and takes its
/// descendants with it).
open class SchemaRef {
    /// The ref's id on the wire: assigned by the encoder when the ref joins an encoded state, or read
    /// from the wire by a decoder. -1 until then. A ref keeps its id for its whole life.
    @exclusivity(unchecked) public internal(set) final var refId: Int = -1

    /// Whether a decoder filled this ref (it recorded nothing while doing so).
    @exclusivity(unchecked) final var isDecoded = false
    /// The identity of the encoder root that numbered this ref (0: none).
    @exclusivity(unchecked) final var numberingRoot: UInt64 = 0
    /// The encoder root this ref belongs to. The root clears it before it goes away.
    @exclusivity(unchecked) unowned(unsafe) final var root: ChangeRoot?
    /// Number of parent slots of `root` that hold this ref.
    @exclusivity(unchecked) final var rootReferenceCount = 0
    /// Position in the root's change queue, or -1 when not queued.
    @exclusivity(unchecked) final var queueSlot = -1
    /// Position in the root's attachment list, or -1.
    @exclusivity(unchecked) final var attachmentSlot = -1
    /// The refs of `root` holding this one, once per slot (the root state has none).
    @exclusivity(unchecked) final var parents: [Unmanaged<SchemaRef>] = []

    /// Live indexes of the shared stream in full-state order.
    @exclusivity(unchecked) final var fullState: OperationList
    /// Operations since the last patch.
    @exclusivity(unchecked) final var pending: PendingOperations
    /// The index this ref was last stored at by a parent: field index, map or set index, array slot.
    @exclusivity(unchecked) final var parentIndex = -1
    /// Whether no patch was encoded since the ref was created (``StateView/add(_:tag:)`` re-sends the
    /// content of older refs only; a new one's content is in the next patch anyway).
    @exclusivity(unchecked) final var isNew = true
    /// Indexes whose changes go to the per-view stream: the `@view` fields of a schema, or every index
    /// (all bits) of a ref below a `@view` field. Set when the ref joins a state with `@view` fields.
    @exclusivity(unchecked) final var filteredMask: UInt64 = 0
    /// Per-view state, once the ref joined a state with `@view` fields.
    @exclusivity(unchecked) final var views: ViewTracking? {
        didSet { unmanagedViews = views.map { .passUnretained($0) } }
    }
    /// `views` without reference counting, for the per-view encoding loops (`views` keeps it alive).
    @exclusivity(unchecked) final var unmanagedViews: Unmanaged<ViewTracking>?

    init(indexCapacity: Int, hasDiscardHook: Bool = false) {
        fullState = OperationList(capacityHint: indexCapacity)
        pending = PendingOperations(capacityHint: indexCapacity)
        self.hasDiscardHook = hasDiscardHook
    }

    // MARK: hooks for the concrete kinds

    /// Writes this ref's pending operations (its section body in a patch).
    func encodePending(_ writer: inout ByteWriter, _ context: EncodeContext) {
        for position in 0..<pending.order.count {
            let index = pending.order[position]
            if index < 0 {
                writer.byte(UInt8(-index))
            } else {
                encodeOperation(Int(index), pending.recordedOperation(at: Int(index)), &writer, context)
            }
        }
    }

    /// Writes one operation of a collection's patch or full state (operation byte, index, value).
    func encodeOperation(_ index: Int, _ operation: UInt8, _ writer: inout ByteWriter, _ context: EncodeContext) {
        fatalError("\(type(of: self)) must override encodeOperation")
    }

    /// Calls `body` with every child ref, in the order the reference numbers them
    /// (fields by index, items in iteration order).
    func forEachChildRef(_ body: (SchemaRef) -> Void) {}

    /// Writes the full-state operations of this ref (one ADD per live entry). Returns false when
    /// the ref contributes no section at all.
    func encodeFullState(_ writer: inout ByteWriter, _ context: EncodeContext, header: (inout ByteWriter) -> Void) -> Bool {
        guard fullState.hasEntries else { return false }
        header(&writer)
        for position in 0..<fullState.order.count {
            let index = fullState.order[position]
            if index >= 0 { encodeOperation(Int(index), Operation.add, &writer, context) }
        }
        return true
    }

    /// Reads and applies one operation of this ref's section.
    func decodeOperation(_ decoder: inout DecodingContext) throws(SchemaDecodingError) {
        fatalError("\(type(of: self)) must override decodeOperation")
    }

    /// Called when the decoder leaves this ref's section (arrays compact their holes here).
    func finishDecodingSection() {}

    /// Called after a patch was encoded: forget pending operations.
    @inline(__always) final func discardPending() {
        pending.removeAll()
        isNew = false
        if hasDiscardHook { didDiscardPending() }
    }

    /// Whether ``didDiscardPending()`` does something (collections keep per-patch state).
    final let hasDiscardHook: Bool

    /// Resets per-patch state after the pending operations were discarded.
    func didDiscardPending() {}

    /// A ref that comes back after leaving its root re-sends its whole content, as the reference does:
    /// every live entry as an ADD (in reverse full-state order, like the reference), on top of what was
    /// recorded while it was away. Decoders that dropped the ref build it anew; one that still holds
    /// it (left and came back within one patch) gets the deletions made meanwhile too.
    func recordContentForReattachment() {
        for position in stride(from: fullState.order.count - 1, through: 0, by: -1) {
            let index = fullState.order[position]
            if index >= 0 { pending.recordOverride(Int(index), Operation.add, filtered: false) }
        }
        guard let views else { return }
        views.cachedSectionEpoch = 0
        for position in stride(from: views.fullState.order.count - 1, through: 0, by: -1) {
            let index = views.fullState.order[position]
            if index >= 0 { pending.recordOverride(Int(index), Operation.add, filtered: true) }
        }
    }

    /// A ref a decoder filled joins an encoder: record its content as if it had been set (fields the
    /// wire gave, live items), so that full states and patches include it.
    func recordDecodedContent() {}

    /// A short name for diagnostics.
    var typeDescription: String { String(describing: type(of: self)) }

    // MARK: per-view encoding (PROTOCOL.md §10), overridden by the concrete kinds

    /// Whether the ref is a collection of primitive values.
    var hasPrimitiveItems: Bool { false }

    /// The schema item at `index` now; nil when there is none or the items are primitive values.
    /// Collections that address items by index (maps, sets, collections) override it.
    func currentSchemaItem(at index: Int) -> Schema? { nil }

    /// The schema item a pending operation at `index` concerns: the current one, or the one removed from
    /// there since the last patch. Collections that address items by index override it.
    func pendingSchemaItem(at index: Int) -> Schema? { nil }

    /// Writes the per-view pending operations `view` may see (the body of the ref's view section). This is
    /// the way of collections that address items by index; schemas and arrays override it.
    func encodeFilteredPending(_ writer: inout ByteWriter, _ context: EncodeContext, _ view: StateView) {
        let checksItems = !hasPrimitiveItems
        for position in 0..<pending.filteredOrder.count {
            let entry = pending.filteredOrder[position]
            if entry < 0 {
                writer.byte(UInt8(-entry))
                continue
            }
            let index = Int(entry)
            if checksItems {
                guard let item = pendingSchemaItem(at: index), view.sees(item) else { continue }
            }
            encodeOperation(index, pending.recordedOperation(at: index), &writer, context)
        }
    }

    /// Writes the per-view full-state operations `view` may see, after `header`. Returns false when the
    /// ref has no per-view entry at all (no section). This is the way of collections that address items by
    /// index; schemas and arrays override it.
    func encodeFilteredFullState(_ writer: inout ByteWriter, _ context: EncodeContext, _ view: StateView, header: (inout ByteWriter) -> Void) -> Bool {
        let views = self.views.unsafelyUnwrapped
        guard views.fullState.hasEntries else { return false }
        header(&writer)
        let checksItems = !hasPrimitiveItems
        for position in 0..<views.fullState.order.count {
            let index = Int(views.fullState.order[position])
            guard index >= 0 else { continue }
            if checksItems {
                guard let item = currentSchemaItem(at: index), view.sees(item) else { continue }
            }
            encodeOperation(index, Operation.add, &writer, context)
        }
        return true
    }

    /// Writes an operation a view forces at `index` (an addition or removal of what the view sees).
    func encodeForcedOperation(_ index: Int, _ operation: UInt8, _ writer: inout ByteWriter, _ context: EncodeContext) {
        encodeOperation(index, Operation.forced(operation, isLive: hasLiveIndex(index)), &writer, context)
    }

    /// The index under which this ref holds `child`, as a view addresses it.
    func viewIndex(ofChild child: SchemaRef) -> Int { child.parentIndex }

    /// Calls `body` with the live indexes whose operations a view re-sends when it adds the ref: the
    /// per-view ones (`filtered`) or the shared ones, in full-state order.
    func forEachViewEntryIndex(filtered: Bool, _ body: (Int) -> Void) {
        if filtered {
            let views = self.views.unsafelyUnwrapped
            for position in 0..<views.fullState.order.count where views.fullState.order[position] >= 0 {
                body(Int(views.fullState.order[position]))
            }
        } else {
            for position in 0..<fullState.order.count where fullState.order[position] >= 0 {
                body(Int(fullState.order[position]))
            }
        }
    }

    // MARK: recording changes

    /// Queues this ref in its root's change list, once per patch.
    @inline(__always) final func enqueue() {
        if queueSlot < 0, let root { root.enqueue(self) }
    }

    /// Queues this ref in its root's per-view change list, once per patch.
    final func enqueueFiltered() {
        if let root, views.unsafelyUnwrapped.queueSlot < 0 { root.enqueueFiltered(self) }
    }

    /// Whether changes of `index` go to the per-view stream.
    @inline(__always) final func isFilteredIndex(_ index: Int) -> Bool {
        let mask = filteredMask
        return mask != 0 && (mask == .max || (index < 64 && mask & (1 &<< UInt64(index)) != 0))
    }

    /// Whether every change of this ref goes to the per-view stream (it is below a `@view` field).
    final var isFiltered: Bool { views?.isFiltered ?? false }

    /// Records a value change at `index` (merged with earlier changes of this patch).
    final func recordChange(_ index: Int, _ operation: UInt8) {
        if isFilteredIndex(index) {
            pending.recordChange(index, operation, filtered: true)
            let views = self.views.unsafelyUnwrapped
            views.fullState.insert(index)
            views.cachedSectionEpoch = 0
            enqueueFiltered()
        } else {
            pending.recordChange(index, operation, filtered: false)
            fullState.insert(index)
            enqueue()
        }
    }

    /// Records the removal of `index`.
    final func recordDelete(_ index: Int) {
        if isFilteredIndex(index) {
            pending.recordOverride(index, Operation.delete, filtered: true)
            let views = self.views.unsafelyUnwrapped
            views.fullState.remove(index)
            views.cachedSectionEpoch = 0
            enqueueFiltered()
        } else {
            pending.recordOverride(index, Operation.delete, filtered: false)
            fullState.remove(index)
            enqueue()
        }
    }

    /// Records CLEAR or REVERSE after the operations recorded so far.
    final func recordPure(_ operation: UInt8) {
        if isFiltered {
            pending.recordPure(operation, filtered: true)
            views.unsafelyUnwrapped.cachedSectionEpoch = 0
            enqueueFiltered()
        } else {
            pending.recordPure(operation, filtered: false)
            enqueue()
        }
    }

    /// Records a CLEAR: pending and full-state operations are dropped first.
    final func recordClear() {
        pending.removeAll()
        fullState.removeAll()
        views?.fullState.removeAll()
        recordPure(Operation.clear)
    }

    /// Whether `index` holds a value (for the operations a view forces: an emptied index is a DELETE).
    final func hasLiveIndex(_ index: Int) -> Bool {
        fullState.contains(index) || views?.fullState.contains(index) == true
    }

    // MARK: parent links

    /// Makes `child` (stored at `index`) a child of this ref: it joins this ref's root (if any) or
    /// gains a reference.
    final func adopt(_ child: SchemaRef, at index: Int) {
        child.parentIndex = index
        guard let root else { return }
        root.attach(child, parent: self)
    }

    /// Drops one reference to `child`; it leaves the root when none is left.
    final func release(_ child: SchemaRef) {
        guard let root, child.root === root else { return }
        root.detach(child, parent: self)
    }
}
