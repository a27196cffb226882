/// A JSON-like rendering for logs and test failures: `{"x": 1, "y": 2.5}`, `undefined`, `<bin 0102>`,
/// `1.5f` for a float32, `timestamp(seconds: 1704067200, nanoseconds: 123000000)`.
extension MessagePackValue: CustomStringConvertible {
    /// The JSON-like rendering described above.
    public var description: String {
        switch self {
        case .nil: return "nil"
        case .undefined: return "undefined"
        case let .bool(value): return String(value)
        case let .int(value): return String(value)
        case let .uint(value): return String(value)
        case let .float(value): return "\(value)f"
        case let .double(value): return String(value)
        case let .string(value): return "\"\(value)\""
        case let .binary(bytes):
            let digits = Array("0123456789abcdef")
            return "<bin " + String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }) + ">"
        case let .array(elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case let .map(entries): return "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case let .timestamp(value): return "timestamp(seconds: \(value.seconds), nanoseconds: \(value.nanoseconds))"
        }
    }
}
