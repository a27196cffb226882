/// An unkeyed container of ``StreamingEncoder``: writes each element as it comes.
///
/// Three words, so that an `any UnkeyedEncodingContainer` holds it inline instead of copying a box on every element.
struct StreamingUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: StreamingEncoder
    /// Which of the encoder's containers this is.
    let serial: Int
    let codingPath: [any CodingKey]

    var count: Int { encoder.count(in: serial) }

    /// Starts an element: false when the container is closed (the encoder then falls back to nodes).
    private func begin() -> Bool { encoder.beginElement(in: serial) }

    mutating func encodeNil() { if begin() { encoder.writer.writeNil() } }
    mutating func encode(_ value: Bool) { if begin() { encoder.writer.write(value) } }
    mutating func encode(_ value: String) { if begin() { encoder.writer.write(value) } }
    mutating func encode(_ value: Double) { if begin() { encoder.writer.write(value) } }
    mutating func encode(_ value: Float) { if begin() { encoder.writer.write(value) } }
    mutating func encode(_ value: Int) { if begin() { encoder.writer.write(Int64(value)) } }
    mutating func encode(_ value: Int8) { if begin() { encoder.writer.write(Int64(value)) } }
    mutating func encode(_ value: Int16) { if begin() { encoder.writer.write(Int64(value)) } }
    mutating func encode(_ value: Int32) { if begin() { encoder.writer.write(Int64(value)) } }
    mutating func encode(_ value: Int64) { if begin() { encoder.writer.write(value) } }
    mutating func encode(_ value: UInt) { if begin() { encoder.writer.write(UInt64(value)) } }
    mutating func encode(_ value: UInt8) { if begin() { encoder.writer.write(UInt64(value)) } }
    mutating func encode(_ value: UInt16) { if begin() { encoder.writer.write(UInt64(value)) } }
    mutating func encode(_ value: UInt32) { if begin() { encoder.writer.write(UInt64(value)) } }
    mutating func encode(_ value: UInt64) { if begin() { encoder.writer.write(value) } }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = count
        if begin() { try encoder.encodeValue(value, at: codingPath + [AnyCodingKey(intValue: index)]) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [AnyCodingKey(intValue: count)]
        let serial = begin() ? encoder.nestedContainer(isMap: true) : -1
        return KeyedEncodingContainer(StreamingKeyedEncodingContainer<NestedKey>(encoder: encoder, serial: serial, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [AnyCodingKey(intValue: count)]
        let serial = begin() ? encoder.nestedContainer(isMap: false) : -1
        return StreamingUnkeyedEncodingContainer(encoder: encoder, serial: serial, codingPath: path)
    }

    /// Super encoders are filled after their parent moved on, which a stream cannot follow: falls back to nodes.
    mutating func superEncoder() -> any Encoder {
        encoder.fallBack()
        return NodeEncoder(codingPath: codingPath + [AnyCodingKey(intValue: count)], userInfo: encoder.userInfo)
    }
}
