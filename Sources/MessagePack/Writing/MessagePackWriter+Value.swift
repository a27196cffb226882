extension MessagePackWriter {
    /// Writes `value` and everything it contains.
    public mutating func write(_ value: MessagePackValue) {
        switch value {
        case .nil: writeNil()
        case .undefined: writeUndefined()
        case let .bool(value): write(value)
        case let .int(value): write(value)
        case let .uint(value): write(value)
        case let .float(value): write(value)
        case let .double(value): write(value)
        case let .string(value): write(value)
        case let .binary(value): write(binary: value)
        case let .timestamp(value): write(value)
        case let .array(elements):
            writeArrayHeader(count: elements.count)
            for element in elements {
                write(element)
            }
        case let .map(entries):
            writeMapHeader(count: entries.count)
            for entry in entries {
                write(entry.key)
                write(entry.value)
            }
        }
    }
}
