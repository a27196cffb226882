/// The ordered list of live indexes of a ref, as the reference encoder keeps it for full states
/// (its `allChanges`): an index is appended the first time it is set, deleting leaves a hole,
/// setting it again after a deletion appends it at the end (PROTOCOL.md §8.8).
struct OperationList: ~Copyable {
    static let hole: Int32 = -1

    /// Indexes in full-state order; `hole` where an index was deleted.
    private(set) var order = TrivialBuffer<Int32>()
    /// Position of each index in `order`, or -1. Dense: indexed by field or item index; allocated on
    /// first use (a decoded instance that is never mutated allocates nothing).
    private var positionOf = TrivialBuffer<Int32>()
    /// How many indexes to make room for at once (a schema's field count).
    private let capacityHint: Int

    init(capacityHint: Int = 0) {
        self.capacityHint = capacityHint
    }

    /// Whether the list has entries, holes included (a ref whose entries were all deleted one by one
    /// still gets an empty section in a full state).
    var hasEntries: Bool { !order.isEmpty }

    /// Every live index as an ADD, in full-state order.
    var fieldOperations: FieldOperations {
        FieldOperations(indexes: order.baseAddress, count: order.count, codes: nil)
    }

    @inline(__always) mutating func insert(_ index: Int) {
        if index >= positionOf.count { positionOf.extend(to: Swift.max(index + 1, capacityHint), with: -1) }
        guard positionOf[index] < 0 else { return }
        positionOf[index] = Int32(order.count)
        order.append(Int32(index))
    }

    mutating func remove(_ index: Int) {
        guard index < positionOf.count, positionOf[index] >= 0 else { return }
        order[Int(positionOf[index])] = Self.hole
        positionOf[index] = -1
    }

    /// Whether `index` is live.
    func contains(_ index: Int) -> Bool {
        index < positionOf.count && positionOf[index] >= 0
    }

    /// Moves the live indexes that `shouldMove` selects to the end of `other`, in order, leaving no
    /// hole where they were.
    mutating func moveEntries(to other: inout OperationList, where shouldMove: (Int) -> Bool) {
        var kept = 0
        for position in 0..<order.count {
            let index = order[position]
            if index >= 0, shouldMove(Int(index)) {
                positionOf[Int(index)] = -1
                other.insert(Int(index))
                continue
            }
            if index >= 0 { positionOf[Int(index)] = Int32(kept) }
            order[kept] = index
            kept += 1
        }
        order.truncate(to: kept)
    }

    mutating func removeAll() {
        for position in 0..<order.count where order[position] >= 0 { positionOf[Int(order[position])] = -1 }
        order.removeAll()
    }
}
