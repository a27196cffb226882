/// The operations recorded on a ref since the last patch (the reference encoder's `changes` set plus
/// `indexedOperations`): one entry per touched index in first-touch order, carrying the latest
/// merged operation, and "pure" operations (CLEAR, REVERSE) in sequence with them.
struct PendingOperations {
    private static let none: UInt8 = 0xFF

    /// Touched indexes in first-touch order; a pure operation is stored as `-Int32(opcode)`.
    private(set) var order: [Int32] = []
    /// The merged operation of each index, or `none`. Dense: indexed by field or item index.
    private var operationAt: [UInt8] = []

    init(capacity: Int = 0) {
        if capacity > 0 { operationAt = Array(repeating: Self.none, count: capacity) }
    }

    var isEmpty: Bool { order.isEmpty }

    /// The operation recorded for `index`, if any.
    func operation(at index: Int) -> UInt8? {
        guard index < operationAt.count else { return nil }
        let operation = operationAt[index]
        return operation == Self.none ? nil : operation
    }

    private mutating func ensureSlot(_ index: Int) {
        if index >= operationAt.count {
            operationAt.append(contentsOf: repeatElement(Self.none, count: index - operationAt.count + 1))
        }
    }

    /// Records a value change: the first change of an index records `operation`; later changes keep it,
    /// except that a recorded DELETE becomes DELETE_AND_ADD.
    mutating func recordChange(_ index: Int, _ operation: UInt8) {
        ensureSlot(index)
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
        ensureSlot(index)
        if operationAt[index] == Self.none { order.append(Int32(index)) }
        operationAt[index] = operation
    }

    /// Records CLEAR or REVERSE.
    mutating func recordPure(_ operation: UInt8) {
        order.append(-Int32(operation))
    }

    /// Forgets everything, keeping the storage.
    mutating func removeAll() {
        for index in order where index >= 0 { operationAt[Int(index)] = Self.none }
        order.removeAll(keepingCapacity: true)
    }
}
