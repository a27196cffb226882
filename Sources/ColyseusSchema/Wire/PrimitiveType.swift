/// The primitive field types of @colyseus/schema, named as in schema files and in the handshake.
public enum PrimitiveType: String, Sendable, CaseIterable {
    case string, number, boolean
    case int8, uint8, int16, uint16, int32, uint32, int64, uint64
    case float32, float64
    case bigint64, biguint64
}
