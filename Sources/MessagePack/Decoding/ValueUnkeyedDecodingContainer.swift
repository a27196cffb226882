/// An unkeyed container over an array's elements. A failed decode leaves ``currentIndex`` where it was.
///
/// Three words (the decoder carries the coding path and user info), so that the `any UnkeyedDecodingContainer` that
/// `Array.init(from:)` mutates holds it inline instead of copying a box on every element.
struct ValueUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let elements: [MessagePackValue]
    private(set) var currentIndex = 0

    init(decoder: ValueDecoder, elements: [MessagePackValue]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The coding path of the current element.
    private var currentPath: [any CodingKey] { codingPath + [AnyCodingKey(intValue: currentIndex)] }

    /// The current element, to be decoded as a `type`.
    private func current(_ type: Any.Type) throws -> MessagePackValue {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(type, .init(codingPath: currentPath, debugDescription: "The array has no more elements."))
        }
        return elements[currentIndex]
    }

    /// `result`, after moving past the element it was decoded from.
    private mutating func advance<T>(returning result: T) -> T {
        currentIndex += 1
        return result
    }

    mutating func decodeNil() throws -> Bool {
        guard try current(Any?.self).isNil else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_: Bool.Type) throws -> Bool { advance(returning: try current(Bool.self).unboxBool(at: currentPath)) }
    mutating func decode(_: String.Type) throws -> String { advance(returning: try current(String.self).unboxString(at: currentPath)) }
    mutating func decode(_: Double.Type) throws -> Double { advance(returning: try current(Double.self).unboxDouble(at: currentPath)) }
    mutating func decode(_: Float.Type) throws -> Float { advance(returning: try current(Float.self).unboxFloat(at: currentPath)) }
    mutating func decode(_: Int.Type) throws -> Int { advance(returning: try current(Int.self).unboxInteger(Int.self, at: currentPath)) }
    mutating func decode(_: Int8.Type) throws -> Int8 { advance(returning: try current(Int8.self).unboxInteger(Int8.self, at: currentPath)) }
    mutating func decode(_: Int16.Type) throws -> Int16 { advance(returning: try current(Int16.self).unboxInteger(Int16.self, at: currentPath)) }
    mutating func decode(_: Int32.Type) throws -> Int32 { advance(returning: try current(Int32.self).unboxInteger(Int32.self, at: currentPath)) }
    mutating func decode(_: Int64.Type) throws -> Int64 { advance(returning: try current(Int64.self).unboxInteger(Int64.self, at: currentPath)) }
    mutating func decode(_: UInt.Type) throws -> UInt { advance(returning: try current(UInt.self).unboxInteger(UInt.self, at: currentPath)) }
    mutating func decode(_: UInt8.Type) throws -> UInt8 { advance(returning: try current(UInt8.self).unboxInteger(UInt8.self, at: currentPath)) }
    mutating func decode(_: UInt16.Type) throws -> UInt16 { advance(returning: try current(UInt16.self).unboxInteger(UInt16.self, at: currentPath)) }
    mutating func decode(_: UInt32.Type) throws -> UInt32 { advance(returning: try current(UInt32.self).unboxInteger(UInt32.self, at: currentPath)) }
    mutating func decode(_: UInt64.Type) throws -> UInt64 { advance(returning: try current(UInt64.self).unboxInteger(UInt64.self, at: currentPath)) }

    mutating func decode<T: Decodable>(_: T.Type) throws -> T {
        advance(returning: try current(T.self).decode(T.self, at: currentPath, userInfo: decoder.userInfo))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try ValueDecoder(value: try current([String: Any].self), codingPath: currentPath, userInfo: decoder.userInfo).container(keyedBy: type)
        return advance(returning: container)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try ValueDecoder(value: try current([Any].self), codingPath: currentPath, userInfo: decoder.userInfo).unkeyedContainer()
        return advance(returning: container)
    }

    mutating func superDecoder() throws -> any Decoder {
        let superDecoder = ValueDecoder(value: try current((any Decoder).self), codingPath: currentPath, userInfo: decoder.userInfo)
        return advance(returning: superDecoder)
    }
}
