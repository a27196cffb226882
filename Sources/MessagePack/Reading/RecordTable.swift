/// The msgpackr record definitions met so far in one payload (PROTOCOL.md §5.2).
///
/// A definition `d4 72 <id>` fills slot `id & 0x3f`, replacing what the slot held (the SDK recycles ids after 64 shapes);
/// a byte `0x40`–`0x7f` refers to a record only when its slot was filled earlier in the payload.
struct RecordTable {
    /// Bit `n` is set when slot `n` holds a definition.
    private var filled: UInt64 = 0
    /// The key lists by slot; allocated on the first definition, so payloads without records allocate nothing.
    private var keysBySlot: [[String]] = []

    /// The keys of the record that `byte` (`0x40`–`0x7f`) refers to, or nil when it is a plain fixint.
    func keys(referencedBy byte: UInt8) -> [String]? {
        let slot = byte & 0x3F
        return filled & (1 << slot) != 0 ? keysBySlot[Int(slot)] : nil
    }

    /// Records a definition of `id` with `keys`.
    mutating func define(id: UInt8, keys: [String]) {
        if keysBySlot.isEmpty { keysBySlot = Array(repeating: [], count: 64) }
        let slot = id & 0x3F
        keysBySlot[Int(slot)] = keys
        filled |= 1 << slot
    }
}
