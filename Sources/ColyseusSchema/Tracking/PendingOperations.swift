/// The operations recorded on a ref since the last patch (the reference encoder's `changes` set plus
/// `indexedOperations`): one entry per touched index in first-touch order, carrying the latest
/// merged operation, and "pure" operations (CLEAR, REVERSE) in sequence with them.
struct PendingOperations: ~Copyable {
    private static let none: UInt8 = 0xFF

    /// Touched indexes in first-touch order; a pure operation is stored as `-Int32(opcode)`.
    private(set) var order = TrivialBuffer<Int32>()
    /// The merged operation of each index, or `none`. Dense: indexed by field or item index; allocated
    /// on first use.
    private var operationAt = TrivialBuffer<UInt8>()
    /// How many indexes to make room for at once (a schema's field count).
    private let capacityHint: Int

    init(capacityHint: Int = 0) {
        self.capacityHint = capacityHint
    }

    var isEmpty: Bool { order.isEmpty }

    /// The operation recorded for an index listed in `order`.
    @inline(__always) func recordedOperation(at index: Int) -> UInt8 {
        operationAt[index]
    }

    /// Records a value change: the first change of an index records `operation`; later changes keep it,
    /// except that a recorded DELETE becomes DELETE_AND_ADD.
    @inline(__always) mutating func recordChange(_ index: Int, _ operation: UInt8) {
        if index >= operationAt.count { operationAt.extend(to: Swift.max(index + 1, capacityHint), with: Self.none) }
        let previous = operationAt[index]
        if previous == Self.none {
            operationAt[index] = operation
            order.append(Int32(index))
        } else if previous == Operation.delete {
            operationAt[index] = Operation.deleteAndAdd
        }
    }

    /// Records an operation that replaces whatever was recorded for `index` (DELETE always wins).
    mutating func recordOverride(_ index: Int, _ operation: UInt8) {
        if index >= operationAt.count { operationAt.extend(to: Swift.max(index + 1, capacityHint), with: Self.none) }
        if operationAt[index] == Self.none { order.append(Int32(index)) }
        operationAt[index] = operation
    }

    /// Records CLEAR or REVERSE.
    mutating func recordPure(_ operation: UInt8) {
        order.append(-Int32(operation))
    }

    /// The pending operations of a schema ref (which records no pure operations).
    var fieldOperations: FieldOperations {
        FieldOperations(indexes: order.baseAddress, count: order.count, codes: operationAt.baseAddress)
    }

    /// Forgets everything, keeping the storage.
    @inline(__always) mutating func removeAll() {
        for position in 0..<order.count {
            let index = order[position]
            if index >= 0 { operationAt[Int(index)] = Self.none }
        }
        order.removeAll()
    }
}
