/// An exact integer default value covering both the `Int64` and the `UInt64` range.
public struct IntegerValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Whether the value is below zero; always `false` for zero.
    public let isNegative: Bool
    /// The absolute value.
    public let magnitude: UInt64

    /// Creates a value from its sign and magnitude; negative zero becomes zero.
    public init(isNegative: Bool, magnitude: UInt64) {
        self.isNegative = isNegative && magnitude != 0
        self.magnitude = magnitude
    }

    /// The value as `Int64`, or `nil` if it does not fit.
    public var int64Value: Int64? {
        if isNegative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The value as `UInt64`, or `nil` if it is negative.
    public var uint64Value: UInt64? {
        isNegative ? nil : magnitude
    }

    /// The value in decimal, with a leading `-` when negative; a valid Swift integer literal.
    public var description: String {
        isNegative ? "-\(magnitude)" : "\(magnitude)"
    }
}
