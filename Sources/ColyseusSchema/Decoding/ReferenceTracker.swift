/// The decoder-side table of refs: refId -> instance, with reference counts and end-of-message
/// garbage collection of refs nothing points to any more (PROTOCOL.md §8.14).
final class ReferenceTracker {
    private(set) var refs: [Int: SchemaRef] = [:]
    private var counts: [Int: Int] = [:]
    /// RefIds whose count dropped to zero during the current message.
    private var releasedThisMessage: [Int] = []

    func ref(_ refId: Int) -> SchemaRef? { refs[refId] }

    /// Registers `ref` under `refId`; counts one more reference when `counting`.
    func add(_ ref: SchemaRef, refId: Int, counting: Bool) {
        refs[refId] = ref
        ref.refId = refId
        if counting { counts[refId, default: 0] += 1 }
    }

    /// Drops one reference to `refId`.
    func release(_ refId: Int) {
        guard let count = counts[refId], count > 0 else { return }
        counts[refId] = count - 1
        if count - 1 == 0 { releasedThisMessage.append(refId) }
    }

    /// Forgets refs whose count is still zero at the end of a message, and the children they held.
    func collectGarbage() {
        var index = 0
        while index < releasedThisMessage.count {
            let refId = releasedThisMessage[index]
            index += 1
            guard counts[refId] ?? 0 <= 0, let ref = refs.removeValue(forKey: refId) else { continue }
            counts[refId] = nil
            ref.forEachChildRef { child in
                if child.refId >= 0, refs[child.refId] === child { release(child.refId) }
            }
        }
        releasedThisMessage.removeAll(keepingCapacity: true)
    }

    /// The number of live refs, for tests and diagnostics.
    var count: Int { refs.count }
}
