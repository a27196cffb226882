/// ``MessagePackEncoder`` and ``MessagePackDecoder`` pass a `MessagePackValue` through as it is, so a message type can
/// keep part of a payload undecoded (`var data: MessagePackValue`).
///
/// Other coders see the nearest JSON-like shape: nil and undefined as nil, binary as an array of bytes, a timestamp as
/// `{seconds, nanoseconds}`, a map with only string keys as a keyed container and any other map as alternating keys and
/// values (as `Dictionary` does for non-string keys). Decoding from them yields nil, booleans, integers, doubles,
/// strings, arrays and string-keyed maps.
extension MessagePackValue: Codable {
    /// The value as it is from ``MessagePackDecoder``; the nearest JSON-like value from other decoders.
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? ValueDecoder {
            self = decoder.value
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .nil
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(UInt64.self) {
            self = .uint(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([MessagePackValue].self) {
            self = .array(value)
        } else {
            let members = try container.decode([String: MessagePackValue].self)
            self = .map(members.map { (key: .string($0.key), value: $0.value) })
        }
    }

    /// The value as it is into ``MessagePackEncoder``; the nearest JSON-like shape into other encoders.
    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? StreamingEncoder {
            encoder.writeSingle(self)
            return
        }
        if let encoder = encoder as? NodeEncoder {
            encoder.node = .value(self)
            return
        }
        func single(_ value: some Encodable) throws {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
        switch self {
        case .nil, .undefined:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case let .bool(value): try single(value)
        case let .int(value): try single(value)
        case let .uint(value): try single(value)
        case let .float(value): try single(value)
        case let .double(value): try single(value)
        case let .string(value): try single(value)
        case let .binary(bytes): try single(bytes)
        case let .timestamp(value): try single(value)
        case let .array(elements):
            var container = encoder.unkeyedContainer()
            for element in elements {
                try container.encode(element)
            }
        case let .map(entries):
            if entries.allSatisfy({ $0.key.stringValue != nil }) {
                var container = encoder.container(keyedBy: AnyCodingKey.self)
                for entry in entries {
                    try container.encode(entry.value, forKey: AnyCodingKey(stringValue: entry.key.stringValue!))
                }
            } else {
                var container = encoder.unkeyedContainer()
                for entry in entries {
                    try container.encode(entry.key)
                    try container.encode(entry.value)
                }
            }
        }
    }
}
