/// The msgpackr record definitions met so far in one payload (PROTOCOL.md §5.2).
///
/// A definition `d4 72 <id>` fills slot `id & 0x3f`, replacing what the slot held (the SDK recycles ids after 64 shapes);
/// a byte `0x40`–`0x7f` refers to a record only when its slot was filled earlier in the payload.
struct RecordTable {
    /// Bit `n` is set when slot `n` holds a definition.
    private var filled: UInt64 = 0
    /// The slot of the payload's first definition and its keys: most messages hold one shape, and need no table.
    private var firstSlot = -1
    private var firstKeys: [String] = []
    /// The key lists by slot once a second slot is used, as far as the highest slot defined (the SDK numbers shapes
    /// from `0x40` up, so a payload with a few shapes keeps a few slots).
    private var keysBySlot: [[String]] = []

    /// The keys of the record that `byte` (`0x40`–`0x7f`) refers to, or nil when it is a plain fixint.
    func keys(referencedBy byte: UInt8) -> [String]? {
        let slot = Int(byte & 0x3F)
        guard filled & (1 << slot) != 0 else { return nil }
        return keysBySlot.isEmpty ? firstKeys : keysBySlot[slot]
    }

    /// Records a definition of `id` with `keys`.
    mutating func define(id: UInt8, keys: [String]) {
        let slot = Int(id & 0x3F)
        filled |= 1 << slot
        if keysBySlot.isEmpty {
            if firstSlot == -1 || firstSlot == slot {
                firstSlot = slot
                firstKeys = keys
                return
            }
            keysBySlot = Array(repeating: [], count: max(slot, firstSlot) + 1)
            keysBySlot[firstSlot] = firstKeys
        } else if slot >= keysBySlot.count {
            keysBySlot += Array(repeating: [], count: slot + 1 - keysBySlot.count)
        }
        keysBySlot[slot] = keys
    }
}
