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

    init() {
        queue.reserveCapacity(64)
    }

    deinit {
        for case let ref? in attached {
            ref.root = nil
            ref.queueSlot = -1
            ref.attachmentSlot = -1
            ref.rootReferenceCount = 0
        }
    }

    /// Whether any ref has pending operations.
    var hasChanges: Bool {
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
        enqueue(ref)
        ref.forEachChildRef { attach($0, parent: ref) }
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
        guard attachedHoles > 32, attachedHoles * 2 > attached.count else { return }
        attached.removeAll { $0 == nil }
        for (slot, ref) in attached.enumerated() { ref!.attachmentSlot = slot }
        attachedHoles = 0
    }

    // MARK: change queue

    func enqueue(_ ref: SchemaRef) {
        guard ref.queueSlot < 0 else { return }
        ref.queueSlot = queue.count
        queue.append(.passUnretained(ref))
    }

    /// Empties the queue once every queued ref has discarded its operations.
    func forgetQueue() {
        queue.removeAll(keepingCapacity: true)
    }

    /// Forgets all pending operations (after a patch was sent).
    func discardPending() {
        for case let entry? in queue {
            entry._withUnsafeGuaranteedRef {
                $0.discardPending()
                $0.queueSlot = -1
            }
        }
        queue.removeAll(keepingCapacity: true)
    }
}
