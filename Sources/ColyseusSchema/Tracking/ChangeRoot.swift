import Synchronization

/// The encoder-side registry of one state tree: assigns refIds, counts references, keeps refs in
/// attachment order (the order of full-state sections) and queues changed refs in first-touch order
/// (the order of patch sections). PROTOCOL.md §8.8–8.9.
final class ChangeRoot {
    /// Distinguishes roots, so that a ref numbered by another encoder (or by a decoder) is numbered
    /// afresh rather than taken for one coming back.
    let identity = ChangeRoot.nextIdentity.add(1, ordering: .relaxed).newValue
    private static let nextIdentity = Atomic<UInt64>(0)
    @exclusivity(unchecked) private var nextRefId = 0
    /// Attached refs in attachment order; nil where a ref left.
    @exclusivity(unchecked) private(set) var attached: [SchemaRef?] = []
    @exclusivity(unchecked) private var attachedHoles = 0
    /// Refs with pending operations, in first-touch order; nil where a ref left.
    @exclusivity(unchecked) private(set) var queue: [Unmanaged<SchemaRef>?] = []

    /// The type ids and `@view` fields of the state, when any class has `@view` fields (the root then
    /// keeps the per-view lists below and every ref gets a ``ViewTracking``).
    let filterTypes: TypeContext?
    /// Refs with per-view changes in attachment order (the reference's `allFilteredChanges` list): the
    /// order of the per-view sections of a full state. Nil where a ref left.
    @exclusivity(unchecked) private(set) var filteredAttached: [SchemaRef?] = []
    @exclusivity(unchecked) private var filteredAttachedHoles = 0
    /// Changes with every discard: per-view sections cached during one patch are valid while it holds.
    @exclusivity(unchecked) private(set) var patchEpoch: UInt64 = 1
    /// Refs with per-view pending operations, in first-touch order; nil where a ref left.
    @exclusivity(unchecked) private(set) var filteredQueue: [Unmanaged<SchemaRef>?] = []
    /// The views bound to this root, by slot (a slot is the bit a view has in ``ViewTracking``).
    @exclusivity(unchecked) private var viewSlots: [WeakView] = []
    /// How many view slots were recycled so far, and when each slot last was.
    @exclusivity(unchecked) private var recycledSlots: UInt64 = 0
    @exclusivity(unchecked) private var slotRecycledAt: [UInt64] = []

    private struct WeakView {
        weak var view: StateView?
    }

    init(filterTypes: TypeContext? = nil) {
        self.filterTypes = filterTypes
        queue.reserveCapacity(64)
    }

    deinit {
        for case let ref? in attached {
            ref.root = nil
            ref.queueSlot = -1
            ref.attachmentSlot = -1
            ref.rootReferenceCount = 0
            ref.views?.queueSlot = -1
            ref.views?.attachmentSlot = -1
        }
    }

    /// Whether a patch has something to say. Without `@view` fields: whether any ref has pending
    /// operations. With them, as the reference: whether any ref was queued in either stream (every
    /// joined client then gets a patch, possibly empty, PROTOCOL.md §10).
    var hasChanges: Bool {
        if filterTypes != nil {
            return queue.contains { $0 != nil } || filteredQueue.contains { $0 != nil }
        }
        for case let ref? in queue where !ref.takeUnretainedValue().pending.isEmpty { return true }
        return false
    }

    // MARK: attachment

    /// Adds a reference to `ref`. The first reference numbers it (if it has no id yet), appends it to
    /// the attachment order, queues it and attaches its children depth-first, pre-order.
    func attach(_ ref: SchemaRef, parent: SchemaRef?) {
        if let parent { ref.parents.append(.passUnretained(parent)) }
        if ref.root === self {
            ref.rootReferenceCount += 1
            return
        }
        precondition(ref.root == nil, "\(ref.typeDescription) already belongs to another encoded state; a ref can only be part of one state")
        let isReattachment = ref.refId >= 0 && ref.numberingRoot == identity
        if !isReattachment {
            ref.refId = nextRefId
            ref.numberingRoot = identity
            nextRefId += 1
        }
        ref.root = self
        ref.rootReferenceCount = 1
        ref.attachmentSlot = attached.count
        attached.append(ref)
        if isReattachment {
            ref.recordContentForReattachment()
        } else if ref.isDecoded {
            ref.isDecoded = false
            ref.recordDecodedContent()
        }
        if let filterTypes {
            let views = prepareViewTracking(ref, parent: parent, types: filterTypes)
            if !views.isFiltered { enqueue(ref) }
            if views.hasFilteredChanges {
                views.attachmentSlot = filteredAttached.count
                filteredAttached.append(ref)
                enqueueFiltered(ref)
            }
        } else {
            enqueue(ref)
        }
        ref.forEachChildRef { attach($0, parent: ref) }
    }

    /// Decides where the changes of a ref joining this root go (the reference's `checkIsFiltered`):
    /// below a `@view` field everything is per-view; elsewhere only the ref's own `@view` fields are.
    /// Changes recorded before the ref joined move accordingly: `@view` fields first, then (for a
    /// filtered ref) the others, each in recording order, as the reference moves them.
    private func prepareViewTracking(_ ref: SchemaRef, parent: SchemaRef?, types: TypeContext) -> ViewTracking {
        let schema = ref as? Schema
        let fields = schema.map { types.viewFields(of: type(of: $0)) }
        let views = ref.views ?? ViewTracking(capacityHint: fields?.tags.count ?? 0)
        ref.views = views
        if views.leftAtRecycleCount < recycledSlots {
            views.forEachVisibleSlot { slot in
                if slotRecycledAt[slot] > views.leftAtRecycleCount { views.setVisible(false, slot: slot) }
            }
        }
        if let parent, let parentViews = parent.views {
            if let parentSchema = parent as? Schema {
                // Fields set by a generated initializer never adopted their value: find the field.
                let parentFields = types.viewFields(of: type(of: parentSchema))
                if let index = parentFields.refFieldIndexes.first(where: { parentSchema.value(ofField: $0) as? SchemaRef === ref }) {
                    ref.parentIndex = index
                }
                views.isHeldByViewField = ref.parentIndex >= 0 && parentFields.tags[ref.parentIndex] != nil
            } else {
                views.isHeldByViewField = parentViews.isHeldByViewField
            }
            views.isFiltered = parentViews.isFiltered || views.isHeldByViewField
            views.sharesVisibilityWithParent = views.isFiltered && parentViews.isFiltered && !ref.hasPrimitiveItems && !views.isHeldByViewField
        }
        views.customTagMask = fields?.customTagMask ?? 0
        views.hasFilteredChanges = views.isFiltered || (fields?.taggedMask ?? 0) != 0
        views.hasViewIndependentSection = views.customTagMask == 0 && (schema != nil || ref.hasPrimitiveItems)
        let taggedMask = fields?.taggedMask ?? 0
        ref.filteredMask = views.isFiltered ? .max : taggedMask
        guard ref.filteredMask != 0 else { return views }
        let isTagged = { (index: Int) in index < 64 && taggedMask & (1 << UInt64(index)) != 0 }
        ref.pending.moveToFilteredOrder { $0 >= 0 && isTagged(Int($0)) }
        ref.fullState.moveEntries(to: &views.fullState, where: isTagged)
        if views.isFiltered {
            ref.pending.moveToFilteredOrder { _ in true }
            ref.fullState.moveEntries(to: &views.fullState) { _ in true }
        }
        return views
    }

    /// Removes a reference to `ref`; the last one takes it (and, recursively, the children it
    /// references) out of the root. Nothing is sent for a removed ref: the parent's DELETE is enough.
    func detach(_ ref: SchemaRef, parent: SchemaRef) {
        if let link = ref.parents.firstIndex(where: { $0.takeUnretainedValue() === parent }) {
            ref.parents.remove(at: link)
        }
        ref.rootReferenceCount -= 1
        guard ref.rootReferenceCount <= 0 else {
            keepAfterAParent(ref)
            return
        }
        ref.parents.removeAll()
        if ref.queueSlot >= 0 {
            queue[ref.queueSlot] = nil
            ref.queueSlot = -1
        }
        if ref.attachmentSlot >= 0 {
            attached[ref.attachmentSlot] = nil
            ref.attachmentSlot = -1
            attachedHoles += 1
        }
        if let views = ref.views {
            if views.queueSlot >= 0 {
                filteredQueue[views.queueSlot] = nil
                views.queueSlot = -1
            }
            if views.attachmentSlot >= 0 {
                filteredAttached[views.attachmentSlot] = nil
                views.attachmentSlot = -1
                filteredAttachedHoles += 1
            }
            views.leftAtRecycleCount = recycledSlots
        }
        ref.root = nil
        ref.rootReferenceCount = 0
        ref.forEachChildRef { child in
            if child.root === self { detach(child, parent: ref) }
        }
        compactAttachedIfSparse()
    }

    /// A ref that lost a parent but is still attached must still come after a parent that introduces
    /// it: in the attachment order (full states) and in the change queue (patches). When it does not,
    /// it moves to the end, and its children are checked in turn (as the reference's
    /// `moveNextToParent`, which keeps decoders from meeting a refId before its introduction).
    private func keepAfterAParent(_ ref: SchemaRef) {
        let parents = ref.parents.map { $0.takeUnretainedValue() }
        var moved = false
        if let views = ref.views {
            if views.attachmentSlot >= 0, !parents.contains(where: { ($0.views?.attachmentSlot ?? -1) >= 0 && $0.views!.attachmentSlot < views.attachmentSlot }),
               parents.contains(where: { ($0.views?.attachmentSlot ?? -1) >= 0 }) {
                filteredAttached[views.attachmentSlot] = nil
                filteredAttachedHoles += 1
                views.attachmentSlot = filteredAttached.count
                filteredAttached.append(ref)
                moved = true
            }
            let queuedParents = parents.filter { ($0.views?.queueSlot ?? -1) >= 0 }
            if views.queueSlot >= 0, !queuedParents.isEmpty, !queuedParents.contains(where: { $0.views!.queueSlot < views.queueSlot }) {
                filteredQueue[views.queueSlot] = nil
                views.queueSlot = -1
                enqueueFiltered(ref)
                moved = true
            }
        }
        if ref.attachmentSlot >= 0, !parents.contains(where: { $0.attachmentSlot >= 0 && $0.attachmentSlot < ref.attachmentSlot }) {
            attached[ref.attachmentSlot] = nil
            attachedHoles += 1
            ref.attachmentSlot = attached.count
            attached.append(ref)
            moved = true
        }
        let queuedParents = parents.filter { $0.queueSlot >= 0 }
        if ref.queueSlot >= 0, !queuedParents.isEmpty, !queuedParents.contains(where: { $0.queueSlot < ref.queueSlot }) {
            queue[ref.queueSlot] = nil
            ref.queueSlot = -1
            enqueue(ref)
            moved = true
        }
        if moved {
            ref.forEachChildRef { child in
                if child.root === self { keepAfterAParent(child) }
            }
        }
    }

    private func compactAttachedIfSparse() {
        if attachedHoles > 32, attachedHoles * 2 > attached.count {
            attached.removeAll { $0 == nil }
            for (slot, ref) in attached.enumerated() { ref!.attachmentSlot = slot }
            attachedHoles = 0
        }
        if filteredAttachedHoles > 32, filteredAttachedHoles * 2 > filteredAttached.count {
            filteredAttached.removeAll { $0 == nil }
            for (slot, ref) in filteredAttached.enumerated() { ref!.views!.attachmentSlot = slot }
            filteredAttachedHoles = 0
        }
    }

    // MARK: change queue

    func enqueue(_ ref: SchemaRef) {
        guard ref.queueSlot < 0 else { return }
        ref.queueSlot = queue.count
        queue.append(.passUnretained(ref))
    }

    func enqueueFiltered(_ ref: SchemaRef) {
        let views = ref.views.unsafelyUnwrapped
        guard views.queueSlot < 0 else { return }
        views.queueSlot = filteredQueue.count
        filteredQueue.append(.passUnretained(ref))
    }

    /// Empties the queue once every queued ref has discarded its operations.
    func forgetQueue() {
        queue.removeAll(keepingCapacity: true)
    }

    /// Forgets all pending operations (after a patch was sent).
    func discardPending() {
        patchEpoch += 1
        for case let entry? in queue {
            entry._withUnsafeGuaranteedRef {
                $0.discardPending()
                $0.queueSlot = -1
            }
        }
        queue.removeAll(keepingCapacity: true)
        guard !filteredQueue.isEmpty else { return }
        for case let entry? in filteredQueue {
            entry._withUnsafeGuaranteedRef {
                $0.discardPending()
                $0.views.unsafelyUnwrapped.queueSlot = -1
            }
        }
        filteredQueue.removeAll(keepingCapacity: true)
    }

    // MARK: views

    /// A slot for `view`: a free one (its previous view is gone, so the bits refs still hold for it
    /// are cleared) or a new one.
    func bindViewSlot(_ view: StateView) -> Int {
        if let free = viewSlots.firstIndex(where: { $0.view == nil }) {
            recycledSlots += 1
            slotRecycledAt[free] = recycledSlots
            for case let ref? in attached { ref.views?.setVisible(false, slot: free) }
            viewSlots[free] = WeakView(view: view)
            return free
        }
        viewSlots.append(WeakView(view: view))
        slotRecycledAt.append(0)
        return viewSlots.count - 1
    }
}
