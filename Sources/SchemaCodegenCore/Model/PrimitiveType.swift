/// A primitive field or element type; the raw value is its name in the schema language.
public enum PrimitiveType: String, Sendable, Equatable, Hashable, CaseIterable {
    case string
    case number
    case boolean
    case int8, uint8
    case int16, uint16
    case int32, uint32
    case int64, uint64
    case float32, float64
    case bigint64, biguint64

    /// Whether the type holds whole numbers (every integer type, including the `big…` ones).
    public var isInteger: Bool {
        switch self {
        case .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64, .bigint64, .biguint64: true
        case .string, .number, .boolean, .float32, .float64: false
        }
    }

    /// Whether the type holds floating-point numbers (`number`, `float32`, `float64`).
    public var isFloatingPoint: Bool {
        switch self {
        case .number, .float32, .float64: true
        default: false
        }
    }
}
