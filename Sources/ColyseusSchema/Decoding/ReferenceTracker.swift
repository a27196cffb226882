/// The decoder-side table of refs: refId -> instance, with reference counts and end-of-message
/// garbage collection of refs nothing points to any more (PROTOCOL.md §8.14).
final class ReferenceTracker {
    private struct Entry {
        var ref: SchemaRef
        var count: Int
    }

    /// One dictionary for instances and counts: one hash per lookup or update.
    private var entries: [Int: Entry] = [:]
    /// RefIds whose count dropped to zero during the current message.
    private var releasedThisMessage: [Int] = []

    func ref(_ refId: Int) -> SchemaRef? { entries[refId]?.ref }

    /// Registers `ref` under `refId`; counts one more reference when `counting`.
    func add(_ ref: SchemaRef, refId: Int, counting: Bool) {
        ref.refId = refId
        let increment = counting ? 1 : 0
        update(&entries[refId, default: Entry(ref: ref, count: 0)]) { entry in
            entry.ref = ref
            entry.count += increment
        }
    }

    /// Drops one reference to `refId`.
    func release(_ refId: Int) {
        guard let entry = entries[refId], entry.count > 0 else { return }
        entries[refId]!.count -= 1
        if entry.count == 1 { releasedThisMessage.append(refId) }
    }

    /// Forgets refs whose count is still zero at the end of a message, and the children they held.
    func collectGarbage() {
        var index = 0
        while index < releasedThisMessage.count {
            let refId = releasedThisMessage[index]
            index += 1
            guard let entry = entries[refId], entry.count <= 0 else { continue }
            entries[refId] = nil
            entry.ref.forEachChildRef { child in
                if child.refId >= 0, entries[child.refId]?.ref === child { release(child.refId) }
            }
        }
        releasedThisMessage.removeAll(keepingCapacity: true)
    }

    /// The number of live refs, for tests and diagnostics.
    var count: Int { entries.count }

    @inline(__always) private func update<Value>(_ value: inout Value, _ body: (inout Value) -> Void) {
        body(&value)
    }
}
