/// The `Encoder` for the values ``StreamingEncoder`` cannot follow (super encoders, containers written after their
/// parent moved on): records what one value encodes to as an ``EncodedNode`` tree, written once complete. It is its own
/// single-value container.
final class NodeEncoder: Encoder, SingleValueEncodingContainer {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]
    /// What was encoded so far; nil until something is.
    var node: EncodedNode?

    init(codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        let map: EncodedMap
        if case let .map(existing)? = node {
            map = existing
        } else {
            map = EncodedMap()
            node = .map(map)
        }
        return KeyedEncodingContainer(NodeKeyedEncodingContainer(map: map, codingPath: codingPath, userInfo: userInfo))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: EncodedArray
        if case let .array(existing)? = node {
            array = existing
        } else {
            array = EncodedArray()
            node = .array(array)
        }
        return NodeUnkeyedEncodingContainer(array: array, codingPath: codingPath, userInfo: userInfo)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: SingleValueEncodingContainer

    func encodeNil() { node = .value(.nil) }
    func encode(_ value: Bool) { node = .value(.bool(value)) }
    func encode(_ value: String) { node = .value(.string(value)) }
    func encode(_ value: Double) { node = .value(.double(value)) }
    func encode(_ value: Float) { node = .value(.float(value)) }
    func encode(_ value: Int) { node = .value(MessagePackValue(integer: value)) }
    func encode(_ value: Int8) { node = .value(MessagePackValue(integer: value)) }
    func encode(_ value: Int16) { node = .value(MessagePackValue(integer: value)) }
    func encode(_ value: Int32) { node = .value(MessagePackValue(integer: value)) }
    func encode(_ value: Int64) { node = .value(MessagePackValue(integer: value)) }
    func encode(_ value: UInt) { node = .value(MessagePackValue(integer: value)) }
    func encode(_ value: UInt8) { node = .value(MessagePackValue(integer: value)) }
    func encode(_ value: UInt16) { node = .value(MessagePackValue(integer: value)) }
    func encode(_ value: UInt32) { node = .value(MessagePackValue(integer: value)) }
    func encode(_ value: UInt64) { node = .value(MessagePackValue(integer: value)) }
    func encode<T: Encodable>(_ value: T) throws {
        node = try EncodedNode(encoding: value, codingPath: codingPath, userInfo: userInfo)
    }
}

extension EncodedNode {
    /// What `value` encodes to at `codingPath`. Scalars, `MessagePackValue`, `[UInt8]` (written as binary) and
    /// `MessagePackTimestamp` (written as the timestamp extension) are taken as they are; anything else encodes itself
    /// into a new `NodeEncoder` (and an empty map when it encodes nothing).
    init<T: Encodable>(encoding value: T, codingPath: @autoclosure () -> [any CodingKey], userInfo: [CodingUserInfoKey: Any]) throws {
        if let value = MessagePackValue(encodingWithoutEncoder: value) {
            self = .value(value)
            return
        }
        let encoder = NodeEncoder(codingPath: codingPath(), userInfo: userInfo)
        try value.encode(to: encoder)
        self = encoder.node ?? .value(.map([]))
    }
}

extension MessagePackValue {
    /// An integer of any width: `.int` when it fits `Int64`, else `.uint`.
    init(integer value: some FixedWidthInteger) {
        if let value = Int64(exactly: value) {
            self = .int(value)
        } else {
            self = .uint(UInt64(value))
        }
    }

    /// `value` when its type is written without an encoder: the scalars that generic code (`[Int]`, `Optional<Double>`,
    /// …) passes as `T`, and the types with a MessagePack form of their own. The checks compare metatypes, so that they
    /// cost next to nothing for other types; once `T` is known, `value` is reinterpreted rather than cast.
    init?<T: Encodable>(encodingWithoutEncoder value: T) {
        let type = T.self
        if type == MessagePackValue.self { self = unsafeBitCast(value, to: MessagePackValue.self) }
        else if type == Double.self { self = .double(unsafeBitCast(value, to: Double.self)) }
        else if type == String.self { self = .string(unsafeBitCast(value, to: String.self)) }
        else if type == Int.self { self = .int(Int64(unsafeBitCast(value, to: Int.self))) }
        else if type == Bool.self { self = .bool(unsafeBitCast(value, to: Bool.self)) }
        else if type == [UInt8].self { self = .binary(unsafeBitCast(value, to: [UInt8].self)) }
        else if type == MessagePackTimestamp.self { self = .timestamp(unsafeBitCast(value, to: MessagePackTimestamp.self)) }
        else if type == Float.self { self = .float(unsafeBitCast(value, to: Float.self)) }
        else if type == Int8.self { self = .int(Int64(unsafeBitCast(value, to: Int8.self))) }
        else if type == Int16.self { self = .int(Int64(unsafeBitCast(value, to: Int16.self))) }
        else if type == Int32.self { self = .int(Int64(unsafeBitCast(value, to: Int32.self))) }
        else if type == Int64.self { self = .int(unsafeBitCast(value, to: Int64.self)) }
        else if type == UInt.self { self = MessagePackValue(integer: unsafeBitCast(value, to: UInt.self)) }
        else if type == UInt8.self { self = .int(Int64(unsafeBitCast(value, to: UInt8.self))) }
        else if type == UInt16.self { self = .int(Int64(unsafeBitCast(value, to: UInt16.self))) }
        else if type == UInt32.self { self = .int(Int64(unsafeBitCast(value, to: UInt32.self))) }
        else if type == UInt64.self { self = MessagePackValue(integer: unsafeBitCast(value, to: UInt64.self)) }
        else { return nil }
    }
}
