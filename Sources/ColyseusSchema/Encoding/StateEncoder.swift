/// Encodes a state tree: full states for joining clients, patches of the pending changes, and the
/// reflection handshake (PROTOCOL.md §8–9).
///
/// An encoder owns its state's change tracking: create one per room, mutate the state, then call
/// ``encodePatch(into:)`` every patch tick. The encoder reuses its buffers, so a warm encoder
/// produces patches without heap allocations when given a reused ``ByteWriter``.
public final class StateEncoder {
    /// The root state (refId 0).
    public let state: Schema
    /// The type ids of the state's classes.
    public let types: TypeContext
    let context: EncodeContext
    let root: ChangeRoot
    /// Per-view sections that are the same for every view (``ViewTracking/hasViewIndependentSection``),
    /// encoded once during a patch and copied into each view's part.
    @exclusivity(unchecked) var sectionCache = ByteWriter(initialCapacity: 1024)
    /// The patch epoch (``ChangeRoot/patchEpoch``) the cache holds sections of.
    @exclusivity(unchecked) var sectionCacheEpoch: UInt64 = 0

    /// Takes ownership of `state`'s change tracking. The state and every ref reachable from it are
    /// numbered depth-first; their current content is pending for the first patch.
    public init(state: Schema) {
        precondition(state.root == nil, "\(type(of: state).schemaName) is already encoded by another StateEncoder")
        self.state = state
        self.types = TypeContext(root: type(of: state))
        self.context = EncodeContext(types: types)
        root = ChangeRoot(filterTypes: types.hasViewFields ? types : nil)
        root.attach(state, parent: nil)
    }

    /// Whether a patch would carry operations. With `@view` fields (``hasViewFields``), whether any ref
    /// changed in the shared or the per-view stream: every joined client then gets a patch, possibly
    /// empty, as from the reference (PROTOCOL.md §10).
    public var hasChanges: Bool { root.hasChanges }

    /// Whether the state's classes have `@view` fields: patches are then the shared part followed by
    /// each client's view part (``encodeView(_:into:)``).
    public var hasViewFields: Bool { types.hasViewFields }

    // MARK: full state

    /// Appends the full state (what a joining client receives as ROOM_STATE) to `writer`: with `@view`
    /// fields, the shared part that clients without a view receive.
    public func encodeFullState(into writer: inout ByteWriter) {
        context.offsetAfterChildAdd = -1
        let start = writer.count
        for case let ref? in root.attached where !ref.isFiltered {
            _ = ref.encodeFullState(&writer, context) { writer in
                writeSectionHeader(for: ref, into: &writer, messageStart: start)
            }
        }
    }

    /// The full state as a new array.
    public func encodeFullState() -> [UInt8] {
        var writer = ByteWriter()
        encodeFullState(into: &writer)
        return writer.bytes
    }

    // MARK: patches

    /// Appends the pending changes to `writer` without discarding them. Returns whether anything was written.
    @discardableResult
    public func encodePendingChanges(into writer: inout ByteWriter) -> Bool {
        encodeQueue(into: &writer, discarding: false)
    }

    /// Forgets the pending changes (after they were sent).
    public func discardChanges() {
        root.discardPending()
    }

    /// Appends a patch of the pending changes to `writer`, then discards them. Returns false (and
    /// writes nothing) when nothing changed. With `@view` fields this is the shared part only, and the
    /// per-view changes are discarded with it.
    @discardableResult
    public func encodePatch(into writer: inout ByteWriter) -> Bool {
        let wrote = encodeQueue(into: &writer, discarding: true)
        if root.filterTypes != nil { root.discardPending() }
        return wrote
    }

    /// The patch of the pending changes as a new array, or nil when nothing changed. Discards them.
    public func encodePatch() -> [UInt8]? {
        var writer = ByteWriter(initialCapacity: 256)
        return encodePatch(into: &writer) ? writer.bytes : nil
    }

    /// One pass over the change queue: each ref's section, optionally forgetting its operations right
    /// after they were written (one walk instead of two for a patch).
    private func encodeQueue(into writer: inout ByteWriter, discarding: Bool) -> Bool {
        context.offsetAfterChildAdd = -1
        let start = writer.count
        let queue = root.queue
        let context = self.context
        for slot in 0..<queue.count {
            guard let entry = queue[slot] else { continue }
            entry._withUnsafeGuaranteedRef { ref in
                let operationCount = ref.pending.order.count
                if operationCount > 0 {
                    writeSectionHeader(for: ref, into: &writer, messageStart: start)
                    ref.encodePending(&writer, context)
                }
                if discarding {
                    ref.discardPending()
                    ref.queueSlot = -1
                }
            }
        }
        if discarding { root.forgetQueue() }
        return writer.count > start
    }

    // MARK: handshake

    /// The reflection handshake describing this state's types (§9).
    public func encodeHandshake() -> [UInt8] {
        Reflection.handshake(for: types, rootType: type(of: state))
    }

    @inline(__always)
    private func writeSectionHeader(for ref: SchemaRef, into writer: inout ByteWriter, messageStart: Int) {
        if writer.count != messageStart || ref !== state {
            writer.byte(Operation.switchToStructure)
            writer.number(ref.refId)
        }
    }
}
