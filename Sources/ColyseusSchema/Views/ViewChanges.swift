/// The operations a ``StateView`` forces on its next patch (the reference's `view.changes`): per ref,
/// in the order the refs were first touched, an operation per index, written in ascending index
/// order (as JavaScript iterates an object's integer keys).
struct ViewChanges {
    struct Entry {
        let ref: SchemaRef
        var operations: [Int: UInt8] = [:]
    }

    /// Entries in first-touch order; nil where an entry was dropped.
    private(set) var entries: [Entry?] = []
    private var positionByRefId: [Int: Int] = [:]

    var isEmpty: Bool { positionByRefId.isEmpty }

    /// The entry of `ref`, created (empty) when missing.
    mutating func touch(_ ref: SchemaRef) -> Int {
        if let position = positionByRefId[ref.refId] { return position }
        entries.append(Entry(ref: ref))
        positionByRefId[ref.refId] = entries.count - 1
        return entries.count - 1
    }

    /// Forces `operation` at `index` of `ref`.
    mutating func set(_ operation: UInt8, at index: Int, of ref: SchemaRef) {
        let position = touch(ref)
        entries[position]!.operations[index] = operation
    }

    /// The operation forced at `index` of `ref`, if any.
    func operation(at index: Int, of ref: SchemaRef) -> UInt8? {
        positionByRefId[ref.refId].flatMap { entries[$0]?.operations[index] }
    }

    /// Drops the entry of `ref`.
    mutating func remove(_ ref: SchemaRef) {
        guard let position = positionByRefId.removeValue(forKey: ref.refId) else { return }
        entries[position] = nil
    }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        positionByRefId.removeAll(keepingCapacity: true)
    }

    /// The entries with every ancestor that also has an entry placed before it (a decoder must meet
    /// the operation introducing a refId before that ref's section).
    func parentsFirst() -> [Entry] {
        var ordered: [Entry] = []
        var visited = Set<Int>()
        func visit(_ entry: Entry) {
            guard visited.insert(entry.ref.refId).inserted else { return }
            for parent in entry.ref.parents {
                let parentRef = parent.takeUnretainedValue()
                if let position = positionByRefId[parentRef.refId], let parentEntry = entries[position] { visit(parentEntry) }
            }
            ordered.append(entry)
        }
        for case let entry? in entries { visit(entry) }
        return ordered
    }
}
