/// A keyed container of ``NodeEncoder``: appends entries (string keys) to a map node.
struct NodeKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let map: EncodedMap
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    private func add(_ value: MessagePackValue, _ key: Key) {
        map.entries.append((key.stringValue, .value(value)))
    }

    mutating func encodeNil(forKey key: Key) { add(.nil, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { add(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { add(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) { add(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) { add(.float(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) { add(MessagePackValue(integer: value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { add(MessagePackValue(integer: value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { add(MessagePackValue(integer: value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { add(MessagePackValue(integer: value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { add(MessagePackValue(integer: value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) { add(MessagePackValue(integer: value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { add(MessagePackValue(integer: value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { add(MessagePackValue(integer: value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { add(MessagePackValue(integer: value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { add(MessagePackValue(integer: value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let node = try EncodedNode(encoding: value, codingPath: codingPath + [key], userInfo: userInfo)
        map.entries.append((key.stringValue, node))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = EncodedMap()
        map.entries.append((key.stringValue, .map(nested)))
        return KeyedEncodingContainer(NodeKeyedEncodingContainer<NestedKey>(map: nested, codingPath: codingPath + [key], userInfo: userInfo))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = EncodedArray()
        map.entries.append((key.stringValue, .array(nested)))
        return NodeUnkeyedEncodingContainer(array: nested, codingPath: codingPath + [key], userInfo: userInfo)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: AnyCodingKey.super) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

    private func superEncoder(named key: some CodingKey) -> any Encoder {
        let encoder = NodeEncoder(codingPath: codingPath + [key], userInfo: userInfo)
        map.entries.append((key.stringValue, .encoder(encoder)))
        return encoder
    }
}
