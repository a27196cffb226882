/// A keyed container of ``StreamingEncoder``: writes each entry (a string key, then the value) as it comes.
struct StreamingKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingEncoder
    /// Which of the encoder's containers this is.
    let serial: Int
    let codingPath: [any CodingKey]

    /// Starts the entry `key`: false when the container is closed (the encoder then falls back to nodes).
    private func begin(_ key: Key) -> Bool {
        guard encoder.beginElement(in: serial) else { return false }
        encoder.writer.write(key.stringValue)
        return true
    }

    mutating func encodeNil(forKey key: Key) { if begin(key) { encoder.writer.writeNil() } }
    mutating func encode(_ value: Bool, forKey key: Key) { if begin(key) { encoder.writer.write(value) } }
    mutating func encode(_ value: String, forKey key: Key) { if begin(key) { encoder.writer.write(value) } }
    mutating func encode(_ value: Double, forKey key: Key) { if begin(key) { encoder.writer.write(value) } }
    mutating func encode(_ value: Float, forKey key: Key) { if begin(key) { encoder.writer.write(value) } }
    mutating func encode(_ value: Int, forKey key: Key) { if begin(key) { encoder.writer.write(Int64(value)) } }
    mutating func encode(_ value: Int8, forKey key: Key) { if begin(key) { encoder.writer.write(Int64(value)) } }
    mutating func encode(_ value: Int16, forKey key: Key) { if begin(key) { encoder.writer.write(Int64(value)) } }
    mutating func encode(_ value: Int32, forKey key: Key) { if begin(key) { encoder.writer.write(Int64(value)) } }
    mutating func encode(_ value: Int64, forKey key: Key) { if begin(key) { encoder.writer.write(value) } }
    mutating func encode(_ value: UInt, forKey key: Key) { if begin(key) { encoder.writer.write(UInt64(value)) } }
    mutating func encode(_ value: UInt8, forKey key: Key) { if begin(key) { encoder.writer.write(UInt64(value)) } }
    mutating func encode(_ value: UInt16, forKey key: Key) { if begin(key) { encoder.writer.write(UInt64(value)) } }
    mutating func encode(_ value: UInt32, forKey key: Key) { if begin(key) { encoder.writer.write(UInt64(value)) } }
    mutating func encode(_ value: UInt64, forKey key: Key) { if begin(key) { encoder.writer.write(value) } }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if begin(key) { try encoder.encodeValue(value, at: codingPath + [key]) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let serial = begin(key) ? encoder.nestedContainer(isMap: true) : -1
        return KeyedEncodingContainer(StreamingKeyedEncodingContainer<NestedKey>(encoder: encoder, serial: serial, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let serial = begin(key) ? encoder.nestedContainer(isMap: false) : -1
        return StreamingUnkeyedEncodingContainer(encoder: encoder, serial: serial, codingPath: codingPath + [key])
    }

    /// Super encoders are filled after their parent moved on, which a stream cannot follow: falls back to nodes.
    mutating func superEncoder() -> any Encoder {
        encoder.fallBack()
        return NodeEncoder(codingPath: codingPath + [AnyCodingKey.super], userInfo: encoder.userInfo)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.fallBack()
        return NodeEncoder(codingPath: codingPath + [key], userInfo: encoder.userInfo)
    }
}
