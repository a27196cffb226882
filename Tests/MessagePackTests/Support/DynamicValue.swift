import MessagePack

/// A JSON-like value that encodes and decodes itself through Codable containers only (keyed with run-time keys,
/// unkeyed, single values), so that random ones exercise the coders' container handling. Members and elements that are
/// containers themselves are written through nested containers at even positions and through `encode(_:)` at odd ones.
indirect enum DynamicValue: Codable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([DynamicValue])
    case object([Member])

    struct Member: Equatable {
        let key: String
        let value: DynamicValue
    }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue _: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case let .list(elements):
            var container = encoder.unkeyedContainer()
            try Self.write(elements, into: &container)
        case let .object(members):
            var container = encoder.container(keyedBy: Key.self)
            try Self.write(members, into: &container)
        default:
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case let .bool(value): try container.encode(value)
            case let .int(value): try container.encode(value)
            case let .double(value): try container.encode(value)
            case let .string(value): try container.encode(value)
            case .list, .object: break
            }
        }
    }

    private static func write(_ elements: [DynamicValue], into container: inout any UnkeyedEncodingContainer) throws {
        for (index, element) in elements.enumerated() {
            switch element {
            case let .list(inner) where index % 2 == 0:
                var nested = container.nestedUnkeyedContainer()
                try write(inner, into: &nested)
            case let .object(members) where index % 2 == 0:
                var nested = container.nestedContainer(keyedBy: Key.self)
                try write(members, into: &nested)
            default:
                try container.encode(element)
            }
        }
    }

    private static func write(_ members: [Member], into container: inout KeyedEncodingContainer<Key>) throws {
        for (index, member) in members.enumerated() {
            let key = Key(stringValue: member.key)
            switch member.value {
            case let .list(inner) where index % 2 == 0:
                var nested = container.nestedUnkeyedContainer(forKey: key)
                try write(inner, into: &nested)
            case let .object(inner) where index % 2 == 0:
                var nested = container.nestedContainer(keyedBy: Key.self, forKey: key)
                try write(inner, into: &nested)
            default:
                try container.encode(member.value, forKey: key)
            }
        }
    }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: Key.self) {
            self = .object(try container.allKeys.map { Member(key: $0.stringValue, value: try container.decode(DynamicValue.self, forKey: $0)) })
        } else if var container = try? decoder.unkeyedContainer() {
            var elements: [DynamicValue] = []
            while !container.isAtEnd { elements.append(try container.decode(DynamicValue.self)) }
            self = .list(elements)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if case .int? = try? container.decode(MessagePackValue.self) {
                self = .int(try container.decode(Int.self))
            } else if let value = try? container.decode(Double.self) {
                self = .double(value)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    /// A random value: containers up to `depth` 3, with sizes around the fix-header limit of 15.
    static func random(using random: inout RandomValue, depth: Int = 0) -> DynamicValue {
        let size = random.int(0 ... 5) == 0 ? random.int(14 ... 18) : random.int(0 ... 4)
        switch random.int(0 ... (depth < 3 ? 7 : 4)) {
        case 0: return .null
        case 1: return .bool(random.int(0 ... 1) == 1)
        // Within 32 bits and never integral, so that the reference-compatible format keeps the kinds of number apart.
        case 2: return .int(Int(Int32(truncatingIfNeeded: random.integer())))
        case 3: return .double(Double(2 * random.int(-1000 ... 1000) + 1) / 8)
        case 4: return .string(random.string())
        case 5: return .list((0 ..< size).map { _ in Self.random(using: &random, depth: depth + 1) })
        default:
            return .object((0 ..< size).map { Member(key: "k\($0)", value: Self.random(using: &random, depth: depth + 1)) })
        }
    }
}

/// Encodes `value` as a one-element array through a super encoder, which the streaming encoder cannot follow: the
/// whole value is then encoded with the node encoder.
struct ThroughNodes<T: Encodable>: Encodable {
    let value: T

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try value.encode(to: container.superEncoder())
    }
}

/// Encodes `value` as a one-element array, streamed.
struct ThroughStream<T: Encodable>: Encodable {
    let value: T

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(value)
    }
}
