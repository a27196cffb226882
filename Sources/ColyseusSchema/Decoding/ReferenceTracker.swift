/// The decoder-side table of refs: refId -> instance, with reference counts and end-of-message
/// garbage collection of refs nothing points to any more (PROTOCOL.md §8.14).
final class ReferenceTracker {
    private struct Entry {
        var ref: SchemaRef
        var count: Int
    }

    /// Entries of refIds below `denseLimit`, indexed by refId (encoders number refs densely from 0).
    @exclusivity(unchecked) private var dense: [Entry?] = []
    /// Entries of larger refIds (a long-lived room) in a dictionary, so memory stays bounded.
    @exclusivity(unchecked) private var sparse: [Int: Entry] = [:]
    /// The number of live refs.
    @exclusivity(unchecked) private(set) var count = 0
    private static let denseLimit = 1 << 20
    /// RefIds whose count dropped to zero during the current message.
    @exclusivity(unchecked) private var releasedThisMessage: [Int] = []

    func ref(_ refId: Int) -> SchemaRef? { entry(refId)?.ref }

    private func entry(_ refId: Int) -> Entry? {
        refId < Self.denseLimit ? (refId < dense.count ? dense[refId] : nil) : sparse[refId]
    }

    private func setEntry(_ entry: Entry?, _ refId: Int) {
        if (entry == nil) != (self.entry(refId) == nil) { count += entry == nil ? -1 : 1 }
        if refId < Self.denseLimit {
            if refId >= dense.count { dense.append(contentsOf: repeatElement(nil, count: refId - dense.count + 1)) }
            dense[refId] = entry
        } else {
            sparse[refId] = entry
        }
    }

    /// Registers `ref` under `refId`; counts one more reference when `counting`.
    func add(_ ref: SchemaRef, refId: Int, counting: Bool) {
        ref.refId = refId
        ref.isDecoded = true
        let previousCount = entry(refId)?.count ?? 0
        setEntry(Entry(ref: ref, count: previousCount + (counting ? 1 : 0)), refId)
    }

    /// Drops one reference to `refId`.
    func release(_ refId: Int) {
        guard var entry = entry(refId), entry.count > 0 else { return }
        entry.count -= 1
        setEntry(entry, refId)
        if entry.count == 0 { releasedThisMessage.append(refId) }
    }

    /// Forgets refs whose count is still zero at the end of a message, and the children they held.
    func collectGarbage() {
        var index = 0
        while index < releasedThisMessage.count {
            let refId = releasedThisMessage[index]
            index += 1
            guard let entry = entry(refId), entry.count <= 0 else { continue }
            setEntry(nil, refId)
            entry.ref.forEachChildRef { child in
                if child.refId >= 0, self.entry(child.refId)?.ref === child { release(child.refId) }
            }
        }
        releasedThisMessage.removeAll(keepingCapacity: true)
    }

}
