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
            _ = ref.encodeFilteredFullState(&writer, context, view) { writer in
                writer.byte(Operation.switchToStructure)
                writer.number(ref.refId)
            }
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
        let queue = root.filteredQueue
        for slot in 0..<queue.count {
            guard let entry = queue[slot] else { continue }
            entry._withUnsafeGuaranteedRef { ref in
                guard view.sees(ref) else { return }
                writer.byte(Operation.switchToStructure)
                writer.number(ref.refId)
                ref.encodeFilteredPending(&writer, context, view)
            }
        }
    }

    private func encodeForcedOperations(of view: StateView, into writer: inout ByteWriter) {
        let entries = view.changesOutOfOrder ? view.changes.parentsFirst() : view.changes.entries.compactMap { $0 }
        for entry in entries where !entry.operations.isEmpty && entry.ref.root === root {
            writer.byte(Operation.switchToStructure)
            writer.number(entry.ref.refId)
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
