/// A keyed container over a map's entries. Keys match as a JS object sees them: string keys as they are, integer and
/// boolean keys by their decimal text (`{1: "x"}` has key "1"); when a key occurs twice the last entry wins.
struct ValueKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// The decoder of the map, which carries the coding path and user info.
    let decoder: ValueDecoder
    let entries: [(key: MessagePackValue, value: MessagePackValue)]
    /// Entry positions by key text, for maps too large to search: built once, so that decoding a large
    /// `[String: T]` stays linear.
    private let positions: [String: Int]?

    /// Maps up to this many entries are searched from the end instead of indexed.
    private static var searchLimit: Int { 16 }

    init(decoder: ValueDecoder, entries: [(key: MessagePackValue, value: MessagePackValue)]) {
        self.decoder = decoder
        self.entries = entries
        if entries.count > Self.searchLimit {
            var positions: [String: Int] = [:]
            positions.reserveCapacity(entries.count)
            for (position, entry) in entries.enumerated() {
                if let text = entry.key.keyText { positions[text] = position }
            }
            self.positions = positions
        } else {
            positions = nil
        }
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        var seen: Set<String> = []
        return entries.compactMap { entry in
            guard let text = entry.key.keyText, seen.insert(text).inserted else { return nil }
            return Key(stringValue: text)
        }
    }

    func contains(_ key: Key) -> Bool { lookUp(key.stringValue) != nil }

    /// The value of the last entry whose key text is `name`.
    private func lookUp(_ name: String) -> MessagePackValue? {
        if let positions {
            return positions[name].map { entries[$0].value }
        }
        for entry in entries.reversed() {
            if case let .string(text) = entry.key {
                if text == name { return entry.value }
            } else if entry.key.keyText == name {
                return entry.value
            }
        }
        return nil
    }

    private func value(for key: Key) throws -> MessagePackValue {
        guard let value = lookUp(key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value for key \"\(key.stringValue)\"."))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(for: key).isNil }
    func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try value(for: key).unboxBool(at: codingPath + [key]) }
    func decode(_: String.Type, forKey key: Key) throws -> String { try value(for: key).unboxString(at: codingPath + [key]) }
    func decode(_: Double.Type, forKey key: Key) throws -> Double { try value(for: key).unboxDouble(at: codingPath + [key]) }
    func decode(_: Float.Type, forKey key: Key) throws -> Float { try value(for: key).unboxFloat(at: codingPath + [key]) }
    func decode(_: Int.Type, forKey key: Key) throws -> Int { try value(for: key).unboxInteger(Int.self, at: codingPath + [key]) }
    func decode(_: Int8.Type, forKey key: Key) throws -> Int8 { try value(for: key).unboxInteger(Int8.self, at: codingPath + [key]) }
    func decode(_: Int16.Type, forKey key: Key) throws -> Int16 { try value(for: key).unboxInteger(Int16.self, at: codingPath + [key]) }
    func decode(_: Int32.Type, forKey key: Key) throws -> Int32 { try value(for: key).unboxInteger(Int32.self, at: codingPath + [key]) }
    func decode(_: Int64.Type, forKey key: Key) throws -> Int64 { try value(for: key).unboxInteger(Int64.self, at: codingPath + [key]) }
    func decode(_: UInt.Type, forKey key: Key) throws -> UInt { try value(for: key).unboxInteger(UInt.self, at: codingPath + [key]) }
    func decode(_: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(for: key).unboxInteger(UInt8.self, at: codingPath + [key]) }
    func decode(_: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(for: key).unboxInteger(UInt16.self, at: codingPath + [key]) }
    func decode(_: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(for: key).unboxInteger(UInt32.self, at: codingPath + [key]) }
    func decode(_: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(for: key).unboxInteger(UInt64.self, at: codingPath + [key]) }

    func decode<T: Decodable>(_: T.Type, forKey key: Key) throws -> T {
        try value(for: key).decode(T.self, at: codingPath + [key], userInfo: decoder.userInfo)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: try value(for: key), codingPath: codingPath + [key], userInfo: decoder.userInfo).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try value(for: key), codingPath: codingPath + [key], userInfo: decoder.userInfo).unkeyedContainer()
    }

    /// A decoder over the entry `super`, or over nil when there is none (as `JSONDecoder`).
    func superDecoder() throws -> any Decoder {
        let key = AnyCodingKey.super
        return ValueDecoder(value: lookUp(key.stringValue) ?? .nil, codingPath: codingPath + [key], userInfo: decoder.userInfo)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: lookUp(key.stringValue) ?? .nil, codingPath: codingPath + [key], userInfo: decoder.userInfo)
    }
}

extension MessagePackValue {
    /// The text of a map key as a JS object sees it (msgpackr turns number and boolean keys into strings); nil for
    /// keys a keyed container cannot name.
    var keyText: String? {
        switch self {
        case let .string(text): text
        case let .int(value): String(value)
        case let .uint(value): String(value)
        case let .bool(value): String(value)
        default: nil
        }
    }
}
