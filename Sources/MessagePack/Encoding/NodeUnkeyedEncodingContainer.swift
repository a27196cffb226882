/// An unkeyed container of ``NodeEncoder``: appends elements to an array node.
struct NodeUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let array: EncodedArray
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    var count: Int { array.elements.count }

    /// The coding path of the next element.
    private var nextPath: [any CodingKey] { codingPath + [AnyCodingKey(intValue: count)] }

    private func add(_ value: MessagePackValue) {
        array.elements.append(.value(value))
    }

    mutating func encodeNil() { add(.nil) }
    mutating func encode(_ value: Bool) { add(.bool(value)) }
    mutating func encode(_ value: String) { add(.string(value)) }
    mutating func encode(_ value: Double) { add(.double(value)) }
    mutating func encode(_ value: Float) { add(.float(value)) }
    mutating func encode(_ value: Int) { add(MessagePackValue(integer: value)) }
    mutating func encode(_ value: Int8) { add(MessagePackValue(integer: value)) }
    mutating func encode(_ value: Int16) { add(MessagePackValue(integer: value)) }
    mutating func encode(_ value: Int32) { add(MessagePackValue(integer: value)) }
    mutating func encode(_ value: Int64) { add(MessagePackValue(integer: value)) }
    mutating func encode(_ value: UInt) { add(MessagePackValue(integer: value)) }
    mutating func encode(_ value: UInt8) { add(MessagePackValue(integer: value)) }
    mutating func encode(_ value: UInt16) { add(MessagePackValue(integer: value)) }
    mutating func encode(_ value: UInt32) { add(MessagePackValue(integer: value)) }
    mutating func encode(_ value: UInt64) { add(MessagePackValue(integer: value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.elements.append(try EncodedNode(encoding: value, codingPath: nextPath, userInfo: userInfo))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = EncodedMap()
        let path = nextPath
        array.elements.append(.map(nested))
        return KeyedEncodingContainer(NodeKeyedEncodingContainer<NestedKey>(map: nested, codingPath: path, userInfo: userInfo))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = EncodedArray()
        let path = nextPath
        array.elements.append(.array(nested))
        return NodeUnkeyedEncodingContainer(array: nested, codingPath: path, userInfo: userInfo)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = NodeEncoder(codingPath: nextPath, userInfo: userInfo)
        array.elements.append(.encoder(encoder))
        return encoder
    }
}
