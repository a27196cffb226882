/// Operation codes of the @colyseus/schema 4 wire format (PROTOCOL.md §8.5).
public enum Operation {
    /// Sets a field or adds a collection item.
    public static let add: UInt8 = 0x80
    /// Overwrites a primitive collection item in place.
    public static let replace: UInt8 = 0x00
    /// Removes a field or a collection item.
    public static let delete: UInt8 = 0x40
    /// Replaces a field or item by another reference (or deletes and re-sets it within one patch).
    public static let deleteAndAdd: UInt8 = 0xC0
    /// ArraySchema move operations (decoded only; this encoder never emits them).
    public static let move: UInt8 = 0x20
    public static let deleteAndMove: UInt8 = 0x60
    public static let moveAndAdd: UInt8 = 0xA0
    /// Empties a collection; no operand.
    public static let clear: UInt8 = 0x0A
    /// Reverses an ArraySchema; no operand.
    public static let reverse: UInt8 = 0x0F
    /// ArraySchema item addressed by refId (per-client filtering).
    public static let deleteByRefId: UInt8 = 0x21
    public static let addByRefId: UInt8 = 0x81
    /// Section header: the following operations apply to another ref.
    public static let switchToStructure: UInt8 = 0xFF
    /// Marker after a child refId naming the child's concrete type id.
    public static let typeId: UInt8 = 0xD5

    /// Whether `operation` carries the ADD bit (ADD, DELETE_AND_ADD, MOVE_AND_ADD).
    @inlinable public static func hasAdd(_ operation: UInt8) -> Bool { operation & 0x80 != 0 }
    /// Whether `operation` carries the DELETE bit (DELETE, DELETE_AND_ADD, DELETE_AND_MOVE).
    @inlinable public static func hasDelete(_ operation: UInt8) -> Bool { operation & 0x40 != 0 }

    /// The operation a view forces on an index (PROTOCOL.md §10): DELETE when the index holds nothing
    /// (or the view removes it), else one that adds the value, since the client may not hold it yet
    /// (the reference sends a REPLACE as a DELETE there, which drops the client's entry).
    static func forced(_ operation: UInt8, isLive: Bool) -> UInt8 {
        guard isLive, operation != delete else { return delete }
        return hasAdd(operation) ? operation : add
    }

    /// A readable name, for diagnostics.
    public static func name(_ operation: UInt8) -> String {
        switch operation {
        case add: "ADD"
        case replace: "REPLACE"
        case delete: "DELETE"
        case deleteAndAdd: "DELETE_AND_ADD"
        case move: "MOVE"
        case deleteAndMove: "DELETE_AND_MOVE"
        case moveAndAdd: "MOVE_AND_ADD"
        case clear: "CLEAR"
        case reverse: "REVERSE"
        case deleteByRefId: "DELETE_BY_REFID"
        case addByRefId: "ADD_BY_REFID"
        default: "0x" + String(operation, radix: 16)
        }
    }
}
