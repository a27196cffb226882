extension MessagePackValue {
    /// Whether the value is `nil` or `undefined` (both mean "no value" to JS).
    public var isNil: Bool {
        switch self {
        case .nil, .undefined: true
        default: false
        }
    }

    /// The boolean, when the value is one.
    public var boolValue: Bool? { if case let .bool(value) = self { value } else { nil } }

    /// The string, when the value is one.
    public var stringValue: String? { if case let .string(value) = self { value } else { nil } }

    /// The bytes, when the value is a byte string.
    public var binaryValue: [UInt8]? { if case let .binary(value) = self { value } else { nil } }

    /// The elements, when the value is an array.
    public var arrayValue: [MessagePackValue]? { if case let .array(value) = self { value } else { nil } }

    /// The entries in order, when the value is a map (or a record).
    public var mapValue: [(key: MessagePackValue, value: MessagePackValue)]? { if case let .map(value) = self { value } else { nil } }

    /// The timestamp, when the value is one.
    public var timestampValue: MessagePackTimestamp? { if case let .timestamp(value) = self { value } else { nil } }

    /// The number as an `Int`, when it is one exactly (see ``integer(as:)``).
    public var intValue: Int? { integer(as: Int.self) }

    /// The number as a `Double`, when it is one exactly: floats always, integers up to ±2^53 and beyond when they
    /// happen to be representable.
    public var doubleValue: Double? {
        switch self {
        case let .double(value): value
        case let .float(value): Double(value)
        case let .int(value): Double(exactly: value)
        case let .uint(value): Double(exactly: value)
        default: nil
        }
    }

    /// The number as a `T`, when it is one exactly: an integer that fits `T`, or an integral float that fits `T`
    /// (the JS SDK writes integers from 2^32 up as float64). Nil for fractions, NaN, infinities, out-of-range numbers
    /// and non-numbers.
    public func integer<T: FixedWidthInteger>(as _: T.Type) -> T? {
        switch self {
        case let .int(value): T(exactly: value)
        case let .uint(value): T(exactly: value)
        case let .double(value): T(exactly: value)
        case let .float(value): T(exactly: value)
        default: nil
        }
    }

    /// The value of the last entry whose key is the string `key`, when the value is a map.
    public subscript(key: String) -> MessagePackValue? {
        guard case let .map(entries) = self else { return nil }
        return entries.last { $0.key.stringValue == key }?.value
    }

    /// The element at `index`, when the value is an array that long.
    public subscript(index: Int) -> MessagePackValue? {
        guard case let .array(elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}
