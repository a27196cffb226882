extension PrimitiveType {
    /// The values an integer type can hold.
    enum IntegerRange: CustomStringConvertible {
        case signed(ClosedRange<Int64>)
        case unsigned(ClosedRange<UInt64>)

        func contains(_ value: IntegerValue) -> Bool {
            switch self {
            case .signed(let range): value.int64Value.map(range.contains) ?? false
            case .unsigned(let range): value.uint64Value.map(range.contains) ?? false
            }
        }

        /// The range as `lower...upper`.
        var description: String {
            switch self {
            case .signed(let range): "\(range.lowerBound)...\(range.upperBound)"
            case .unsigned(let range): "\(range.lowerBound)...\(range.upperBound)"
            }
        }
    }

    /// The range of an integer type, or `nil` for the other types.
    var integerRange: IntegerRange? {
        switch self {
        case .int8: .signed(Int64(Int8.min)...Int64(Int8.max))
        case .uint8: .unsigned(0...UInt64(UInt8.max))
        case .int16: .signed(Int64(Int16.min)...Int64(Int16.max))
        case .uint16: .unsigned(0...UInt64(UInt16.max))
        case .int32: .signed(Int64(Int32.min)...Int64(Int32.max))
        case .uint32: .unsigned(0...UInt64(UInt32.max))
        case .int64, .bigint64: .signed(Int64.min...Int64.max)
        case .uint64, .biguint64: .unsigned(0...UInt64.max)
        case .string, .number, .boolean, .float32, .float64: nil
        }
    }

    /// The largest finite magnitude of a floating-point type, or `nil` for the other types.
    var largestFiniteMagnitude: Double? {
        switch self {
        case .float32: Double(Float.greatestFiniteMagnitude)
        case .number, .float64: Double.greatestFiniteMagnitude
        default: nil
        }
    }
}
