/// Per-client filtering (PROTOCOL.md §10): a client with a ``StateView`` receives the shared bytes
/// (identical for everyone) followed by its view's sections. Every view section starts with an
/// explicit `ff refId`, `ff 00` for the root included.
extension StateEncoder {
    /// Appends what `view` sees of the `@view` content to a full state written by
    /// ``encodeFullState(into:)``: one section per visible ref with per-view entries, in attachment
    /// order. The view's pending forced operations stay for its next patch (as in the reference).
    public func encodeFullState(for view: StateView, into writer: inout ByteWriter) {
        guard isBound(view) else { return }
        context.offsetAfterChildAdd = -1
        for case let ref? in root.filteredAttached where view.sees(ref) {
            _ = ref.encodeFilteredFullState(&writer, context, view) { writeSectionHeader(ref, into: &$0) }
        }
    }

    /// Appends `view`'s part of the current patch (written after the shared part from
    /// ``encodePendingChanges(into:)``): first the operations the view forces since its last patch
    /// (instances added or removed), then the per-view pending changes of the refs it sees. Forgets
    /// the forced operations; the pending changes stay until ``discardChanges()``.
    public func encodeView(_ view: StateView, into writer: inout ByteWriter) {
        guard isBound(view) else { return }
        context.offsetAfterChildAdd = -1
        if view.hasPendingChanges {
            encodeForcedOperations(of: view, into: &writer)
        }
        let epoch = root.patchEpoch
        if sectionCacheEpoch != epoch {
            sectionCache.removeAll()
            sectionCacheEpoch = epoch
        }
        let word = view.slot >> 6, bit: UInt64 = 1 << UInt64(view.slot & 63)
        root.filteredQueue.withUnsafeBufferPointer { queue in
            for entry in queue {
                guard let entry else { continue }
                entry._withUnsafeGuaranteedRef { ref in
                    ref.unmanagedViews.unsafelyUnwrapped._withUnsafeGuaranteedRef { views in
                        if !views.isVisible(word: word, bit: bit) {
                            guard views.sharesVisibilityWithParent, view.seesThroughParent(ref) else { return }
                        }
                        guard views.hasViewIndependentSection else {
                            writeSectionHeader(ref, into: &writer)
                            ref.encodeFilteredPending(&writer, context, view)
                            return
                        }
                        if views.cachedSectionEpoch != epoch {
                            let start = sectionCache.count
                            writeSectionHeader(ref, into: &sectionCache)
                            ref.encodeFilteredPending(&sectionCache, context, view)
                            views.cachedSection = start..<sectionCache.count
                            views.cachedSectionEpoch = epoch
                        }
                        writer.append(views.cachedSection, of: sectionCache)
                    }
                }
            }
        }
    }

    @inline(__always)
    private func writeSectionHeader(_ ref: SchemaRef, into writer: inout ByteWriter) {
        writer.byte(Operation.switchToStructure)
        writer.number(ref.refId)
    }

    private func encodeForcedOperations(of view: StateView, into writer: inout ByteWriter) {
        let entries = view.changesOutOfOrder ? view.changes.parentsFirst() : view.changes.entries.compactMap { $0 }
        for entry in entries where !entry.operations.isEmpty && entry.ref.root === root {
            writeSectionHeader(entry.ref, into: &writer)
            for index in entry.operations.keys.sorted() {
                entry.ref.encodeForcedOperation(index, entry.operations[index]!, &writer, context)
            }
        }
        view.changes.removeAll()
        view.changesOutOfOrder = false
    }

    /// Whether `view` is bound to this encoder's state (a view that never saw anything is not).
    private func isBound(_ view: StateView) -> Bool {
        guard let viewRoot = view.root else { return false }
        precondition(viewRoot === root, "this StateView belongs to another state")
        return true
    }
}
