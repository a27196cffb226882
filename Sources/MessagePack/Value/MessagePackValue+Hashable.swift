/// Values are equal when they hold the same data:
/// * integers by value (`.int(5) == .uint(5)`, see ``MessagePackValue``);
/// * floats by bit pattern, so that equality is reflexive (`.double(.nan) == .double(.nan)`) and tells the wire forms
///   apart (`.double(0) != .double(-0.0)`); a float never equals an integer or a float of the other width;
/// * maps entry by entry, in order.
extension MessagePackValue: Hashable {
    /// Whether both hold the same data, as described above.
    public static func == (lhs: MessagePackValue, rhs: MessagePackValue) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil), (.undefined, .undefined): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.uint(a), .uint(b)): a == b
        case let (.int(a), .uint(b)), let (.uint(b), .int(a)): a >= 0 && UInt64(a) == b
        case let (.float(a), .float(b)): a.bitPattern == b.bitPattern
        case let (.double(a), .double(b)): a.bitPattern == b.bitPattern
        case let (.string(a), .string(b)): a == b
        case let (.binary(a), .binary(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.map(a), .map(b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.timestamp(a), .timestamp(b)): a == b
        default: false
        }
    }

    /// Hashes what `==` compares (integers by value, floats by bit pattern).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .nil: hasher.combine(0)
        case .undefined: hasher.combine(1)
        case let .bool(value): hasher.combine(2); hasher.combine(value)
        case let .int(value) where value >= 0: hasher.combine(3); hasher.combine(UInt64(value))
        case let .int(value): hasher.combine(4); hasher.combine(value)
        case let .uint(value): hasher.combine(3); hasher.combine(value)
        case let .float(value): hasher.combine(5); hasher.combine(value.bitPattern)
        case let .double(value): hasher.combine(6); hasher.combine(value.bitPattern)
        case let .string(value): hasher.combine(7); hasher.combine(value)
        case let .binary(value): hasher.combine(8); hasher.combine(value)
        case let .array(elements): hasher.combine(9); hasher.combine(elements)
        case let .map(entries):
            hasher.combine(10)
            hasher.combine(entries.count)
            for entry in entries {
                hasher.combine(entry.key)
                hasher.combine(entry.value)
            }
        case let .timestamp(value): hasher.combine(11); hasher.combine(value)
        }
    }
}
