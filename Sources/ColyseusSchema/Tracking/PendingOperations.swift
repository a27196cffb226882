/// The operations recorded on a ref since the last patch (the reference encoder's `changes` and
/// `filteredChanges` sets plus `indexedOperations`): one entry per touched index in first-touch order,
/// carrying the latest merged operation, and "pure" operations (CLEAR, REVERSE) in sequence with them.
///
/// Operations of `@view` fields, and every operation of a ref below a `@view` field, go to the
/// filtered order (encoded per view, PROTOCOL.md §10); the others to the shared order. An index
/// always goes to the same order, so one merged operation per index serves both.
struct PendingOperations: ~Copyable {
    private static let none: UInt8 = 0xFF

    /// Touched indexes of the shared stream in first-touch order; a pure operation is stored as
    /// `-Int32(opcode)`.
    private(set) var order = TrivialBuffer<Int32>()
    /// The same for the per-view stream.
    private(set) var filteredOrder = TrivialBuffer<Int32>()
    /// The merged operation of each index, or `none`. Dense: indexed by field or item index; allocated
    /// on first use.
    private var operationAt = TrivialBuffer<UInt8>()
    /// How many indexes to make room for at once (a schema's field count).
    private let capacityHint: Int

    init(capacityHint: Int = 0) {
        self.capacityHint = capacityHint
    }

    /// Whether nothing was recorded in either stream.
    var isEmpty: Bool { order.isEmpty && filteredOrder.isEmpty }

    /// The operation recorded for an index listed in `order` or `filteredOrder`.
    @inline(__always) func recordedOperation(at index: Int) -> UInt8 {
        operationAt[index]
    }

    /// The operation recorded for `index`, nil when the index was not touched.
    func operation(at index: Int) -> UInt8? {
        index < operationAt.count && operationAt[index] != Self.none ? operationAt[index] : nil
    }

    /// Records a value change: the first change of an index records `operation`; later changes keep it,
    /// except that a recorded DELETE becomes DELETE_AND_ADD.
    @inline(__always) mutating func recordChange(_ index: Int, _ operation: UInt8, filtered: Bool) {
        if index >= operationAt.count { operationAt.extend(to: Swift.max(index + 1, capacityHint), with: Self.none) }
        let previous = operationAt[index]
        if previous == Self.none {
            operationAt[index] = operation
            if filtered { filteredOrder.append(Int32(index)) } else { order.append(Int32(index)) }
        } else if previous == Operation.delete {
            operationAt[index] = Operation.deleteAndAdd
        }
    }

    /// Records an operation that replaces whatever was recorded for `index` (DELETE always wins).
    mutating func recordOverride(_ index: Int, _ operation: UInt8, filtered: Bool) {
        if index >= operationAt.count { operationAt.extend(to: Swift.max(index + 1, capacityHint), with: Self.none) }
        if operationAt[index] == Self.none {
            if filtered { filteredOrder.append(Int32(index)) } else { order.append(Int32(index)) }
        }
        operationAt[index] = operation
    }

    /// Records CLEAR or REVERSE.
    mutating func recordPure(_ operation: UInt8, filtered: Bool) {
        if filtered { filteredOrder.append(-Int32(operation)) } else { order.append(-Int32(operation)) }
    }

    /// The shared pending operations of a schema ref (which records no pure operations).
    var fieldOperations: FieldOperations {
        FieldOperations(indexes: order.baseAddress, count: order.count, codes: operationAt.baseAddress)
    }

    /// The per-view pending operations of a schema ref.
    var filteredFieldOperations: FieldOperations {
        FieldOperations(indexes: filteredOrder.baseAddress, count: filteredOrder.count, codes: operationAt.baseAddress)
    }

    /// Moves the shared entries that `isFiltered` selects to the end of the filtered order, keeping
    /// their order (what the reference does to changes recorded before a ref joined a filtered parent).
    mutating func moveToFilteredOrder(where isFiltered: (Int32) -> Bool) {
        var kept = 0
        for position in 0..<order.count {
            let entry = order[position]
            if isFiltered(entry) {
                filteredOrder.append(entry)
            } else {
                order[kept] = entry
                kept += 1
            }
        }
        order.truncate(to: kept)
    }

    /// Forgets everything, keeping the storage.
    @inline(__always) mutating func removeAll() {
        for position in 0..<order.count {
            let index = order[position]
            if index >= 0 { operationAt[Int(index)] = Self.none }
        }
        order.removeAll()
        if !filteredOrder.isEmpty {
            for position in 0..<filteredOrder.count {
                let index = filteredOrder[position]
                if index >= 0 { operationAt[Int(index)] = Self.none }
            }
            filteredOrder.removeAll()
        }
    }
}
