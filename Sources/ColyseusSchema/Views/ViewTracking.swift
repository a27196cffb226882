/// What a ref of a state with `@view` fields keeps for per-client filtering (PROTOCOL.md §10): where
/// its per-view changes go, and which views see it. Created when the ref joins such a state.
final class ViewTracking {
    /// Whether the ref is below a `@view` field: all its changes are per-view (the reference's
    /// `isFiltered`).
    @exclusivity(unchecked) var isFiltered = false
    /// Whether the field (or the collection) holding the ref has a `@view` tag.
    @exclusivity(unchecked) var isHeldByViewField = false
    /// Whether a view that sees the parent sees this ref without adding it (a child reached through
    /// an untagged field of a filtered ref).
    @exclusivity(unchecked) var sharesVisibilityWithParent = false
    /// Whether the ref has per-view changes at all (filtered, or a class with `@view` fields).
    @exclusivity(unchecked) var hasFilteredChanges = false
    /// Fields with a custom view tag (`@view(n)`).
    @exclusivity(unchecked) var customTagMask: UInt64 = 0
    /// Live per-view indexes in full-state order (the reference's `allFilteredChanges`).
    @exclusivity(unchecked) var fullState: OperationList
    /// Position in the root's per-view change queue, or -1.
    @exclusivity(unchecked) var queueSlot = -1
    /// Position in the root's per-view attachment list, or -1.
    @exclusivity(unchecked) var attachmentSlot = -1
    /// One bit per view slot of the root: the views that see this ref.
    @exclusivity(unchecked) private var visibleTo = TrivialBuffer<UInt64>()
    /// Whether the ref's per-view section is the same for every view that sees it (no custom-tag
    /// field, no schema items to filter one by one): encoded once per patch, then copied.
    @exclusivity(unchecked) var hasViewIndependentSection = false
    /// Where the section of the current patch is in the encoder's section cache, when
    /// `cachedSectionEpoch` is the encoder's current epoch.
    @exclusivity(unchecked) var cachedSectionEpoch: UInt64 = 0
    @exclusivity(unchecked) var cachedSection: Range<Int> = 0..<0
    /// The root's slot-recycling count when the ref left it.
    @exclusivity(unchecked) var leftAtRecycleCount: UInt64 = 0

    init(capacityHint: Int) {
        fullState = OperationList(capacityHint: capacityHint)
    }

    @inline(__always) func isVisible(toSlot slot: Int) -> Bool {
        isVisible(word: slot &>> 6, bit: 1 &<< UInt64(slot & 63))
    }

    /// ``isVisible(toSlot:)`` with the slot's word and bit computed once per encode.
    @inline(__always) func isVisible(word: Int, bit: UInt64) -> Bool {
        word < visibleTo.count && visibleTo[word] & bit != 0
    }

    func setVisible(_ visible: Bool, slot: Int) {
        let word = slot >> 6
        let bit: UInt64 = 1 << UInt64(slot & 63)
        if visible {
            if word >= visibleTo.count { visibleTo.extend(to: word + 1, with: 0) }
            visibleTo[word] |= bit
        } else if word < visibleTo.count {
            visibleTo[word] &= ~bit
        }
    }

    /// Calls `body` with every slot whose view sees the ref.
    func forEachVisibleSlot(_ body: (Int) -> Void) {
        for word in 0..<visibleTo.count where visibleTo[word] != 0 {
            for bit in 0..<64 where visibleTo[word] & (1 << UInt64(bit)) != 0 { body(word * 64 + bit) }
        }
    }
}
