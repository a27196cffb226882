/// Literals build values directly: `["x": 1, "y": 2.5, "tags": ["a"]]` is a map in that key order; `"f\(n)"` a string.
extension MessagePackValue: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `.bool(value)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `.int(value)`.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// `.double(value)`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// `.string(value)`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `.array(elements)`.
    public init(arrayLiteral elements: MessagePackValue...) { self = .array(elements) }
    /// `.map` of the entries, in the literal's order.
    public init(dictionaryLiteral entries: (MessagePackValue, MessagePackValue)...) {
        self = .map(entries.map { (key: $0.0, value: $0.1) })
    }
}
