/// The `Decoder` behind ``MessagePackDecoder``: decodes from one ``MessagePackValue``. It is its own single-value
/// container.
final class ValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: MessagePackValue
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    init(value: MessagePackValue, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
        self.value = value
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .map(entries) = value else { throw value.mismatch([String: Any].self, codingPath) }
        return KeyedDecodingContainer(ValueKeyedDecodingContainer(decoder: self, entries: entries))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(elements) = value else { throw value.mismatch([Any].self, codingPath) }
        return ValueUnkeyedDecodingContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer { self }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { value.isNil }
    func decode(_: Bool.Type) throws -> Bool { try value.unboxBool(at: codingPath) }
    func decode(_: String.Type) throws -> String { try value.unboxString(at: codingPath) }
    func decode(_: Double.Type) throws -> Double { try value.unboxDouble(at: codingPath) }
    func decode(_: Float.Type) throws -> Float { try value.unboxFloat(at: codingPath) }
    func decode(_: Int.Type) throws -> Int { try value.unboxInteger(Int.self, at: codingPath) }
    func decode(_: Int8.Type) throws -> Int8 { try value.unboxInteger(Int8.self, at: codingPath) }
    func decode(_: Int16.Type) throws -> Int16 { try value.unboxInteger(Int16.self, at: codingPath) }
    func decode(_: Int32.Type) throws -> Int32 { try value.unboxInteger(Int32.self, at: codingPath) }
    func decode(_: Int64.Type) throws -> Int64 { try value.unboxInteger(Int64.self, at: codingPath) }
    func decode(_: UInt.Type) throws -> UInt { try value.unboxInteger(UInt.self, at: codingPath) }
    func decode(_: UInt8.Type) throws -> UInt8 { try value.unboxInteger(UInt8.self, at: codingPath) }
    func decode(_: UInt16.Type) throws -> UInt16 { try value.unboxInteger(UInt16.self, at: codingPath) }
    func decode(_: UInt32.Type) throws -> UInt32 { try value.unboxInteger(UInt32.self, at: codingPath) }
    func decode(_: UInt64.Type) throws -> UInt64 { try value.unboxInteger(UInt64.self, at: codingPath) }
    func decode<T: Decodable>(_: T.Type) throws -> T { try value.decode(T.self, at: codingPath, userInfo: userInfo) }
}

extension MessagePackValue {
    /// The value as a `T` at `codingPath`. Scalars, `MessagePackValue`, `[UInt8]` (from binary) and
    /// `MessagePackTimestamp` (from the timestamp extension) are converted directly (generic code such as `[Int]` asks
    /// for scalars as `T`; the metatype checks cost next to nothing for other types, and once `T` is known the result
    /// is reinterpreted rather than cast); anything else decodes itself from a new `ValueDecoder`.
    func decode<T: Decodable>(_: T.Type, at codingPath: @autoclosure () -> [any CodingKey], userInfo: [CodingUserInfoKey: Any]) throws -> T {
        let type = T.self
        if type == Double.self { return unsafeBitCast(try unboxDouble(at: codingPath()), to: T.self) }
        if type == String.self { return unsafeBitCast(try unboxString(at: codingPath()), to: T.self) }
        if type == Int.self { return unsafeBitCast(try unboxInteger(Int.self, at: codingPath()), to: T.self) }
        if type == Bool.self { return unsafeBitCast(try unboxBool(at: codingPath()), to: T.self) }
        if type == MessagePackValue.self { return unsafeBitCast(self, to: T.self) }
        if type == [UInt8].self { return unsafeBitCast(try unboxBytes(at: codingPath()), to: T.self) }
        if type == MessagePackTimestamp.self { return unsafeBitCast(try unboxTimestamp(at: codingPath()), to: T.self) }
        if type == Float.self { return unsafeBitCast(try unboxFloat(at: codingPath()), to: T.self) }
        if type == Int8.self { return unsafeBitCast(try unboxInteger(Int8.self, at: codingPath()), to: T.self) }
        if type == Int16.self { return unsafeBitCast(try unboxInteger(Int16.self, at: codingPath()), to: T.self) }
        if type == Int32.self { return unsafeBitCast(try unboxInteger(Int32.self, at: codingPath()), to: T.self) }
        if type == Int64.self { return unsafeBitCast(try unboxInteger(Int64.self, at: codingPath()), to: T.self) }
        if type == UInt.self { return unsafeBitCast(try unboxInteger(UInt.self, at: codingPath()), to: T.self) }
        if type == UInt8.self { return unsafeBitCast(try unboxInteger(UInt8.self, at: codingPath()), to: T.self) }
        if type == UInt16.self { return unsafeBitCast(try unboxInteger(UInt16.self, at: codingPath()), to: T.self) }
        if type == UInt32.self { return unsafeBitCast(try unboxInteger(UInt32.self, at: codingPath()), to: T.self) }
        if type == UInt64.self { return unsafeBitCast(try unboxInteger(UInt64.self, at: codingPath()), to: T.self) }
        return try T(from: ValueDecoder(value: self, codingPath: codingPath(), userInfo: userInfo))
    }
}
