/// One field operation of a schema section: the field index and the operation code.
@frozen public struct FieldOperation {
    /// The field index (0...63).
    public let index: Int
    /// The operation (``Operation``): ADD, DELETE or DELETE_AND_ADD on schema fields.
    public let code: UInt8

    @inlinable init(index: Int, code: UInt8) {
        self.index = index
        self.code = code
    }
}

/// The operations of one schema section, in order: a patch's pending operations, or every live field
/// as an ADD for a full state. A view over the ref's tracking storage, valid during one encode.
@frozen public struct FieldOperations: Sequence, IteratorProtocol {
    @usableFromInline let indexes: UnsafePointer<Int32>?
    @usableFromInline let count: Int
    /// The operation of each field index; nil when every operation is an ADD (a full state).
    @usableFromInline let codes: UnsafePointer<UInt8>?
    @usableFromInline var position = 0

    init(indexes: UnsafePointer<Int32>?, count: Int, codes: UnsafePointer<UInt8>?) {
        self.indexes = indexes
        self.count = count
        self.codes = codes
    }

    @inlinable @inline(__always)
    public mutating func next() -> FieldOperation? {
        while position < count {
            let index = indexes.unsafelyUnwrapped[position]
            position &+= 1
            if index >= 0 {
                return FieldOperation(index: Int(index), code: codes.map { $0[Int(index)] } ?? Operation.add)
            }
        }
        return nil
    }
}

extension ByteWriter {
    /// Writes the operation byte(s) of a schema field and returns whether a value must follow (false
    /// for DELETE). DELETE_AND_ADD on field 63 (`ff`, SWITCH_TO_STRUCTURE) and on field 21 right
    /// after a child's refId (`d5`, TYPE_ID) is written as DELETE then ADD, which the official decoder
    /// applies identically (PROTOCOL.md §8.16).
    @inlinable @inline(__always)
    public mutating func fieldOperation(_ operation: FieldOperation, context: EncodeContext) -> Bool {
        let index = UInt8(truncatingIfNeeded: operation.index)
        switch operation.code {
        case Operation.delete:
            byte(Operation.delete | index)
            return false
        case Operation.deleteAndAdd where index == 63 || (index == 21 && count == context.offsetAfterChildAdd):
            byte(Operation.delete | index)
            byte(Operation.add | index)
            return true
        default:
            byte(operation.code | index)
            return true
        }
    }
}
