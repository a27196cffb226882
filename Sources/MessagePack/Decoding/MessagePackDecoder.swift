/// Decodes `Decodable` values from MessagePack, as `JSONDecoder` does from JSON, including the msgpackr records the
/// JS SDK sends for plain objects.
///
/// Maps (and records) fill keyed containers, arrays unkeyed ones. Numbers convert exactly: `3`, `3.0` and `3.0f` all
/// decode into an `Int`, `1.5` or an out-of-range number throw; a `Float` takes the nearest value of a float64 (see
/// ``MessagePackValue``). Optionals are nil for `nil`, `undefined` and missing keys. `[UInt8]` reads binary,
/// ``MessagePackTimestamp`` the timestamp extension and ``MessagePackValue`` any value as it is.
///
/// ```swift
/// struct Move: Decodable { var x: Double; var y: Double }
/// let move = try MessagePackDecoder().decode(Move.self, from: payload)  // d4 72 40 92 a178 a179 01 02
/// ```
///
/// Errors are `DecodingError`s; bytes that are not one well-formed value throw `dataCorrupted` with the
/// ``MessagePackError`` as underlying error.
public struct MessagePackDecoder: Sendable {
    /// The deepest nesting of arrays, maps and records accepted.
    public var maximumDepth: Int
    /// Handed to the types' `init(from:)` as `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// A decoder accepting nesting up to `maximumDepth`.
    public init(maximumDepth: Int = MessagePackReader.defaultMaximumDepth, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.maximumDepth = maximumDepth
        self.userInfo = userInfo
    }

    /// A `T` from a whole payload, which must be exactly one value.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        try decode(type, from: try value(of: { () throws(MessagePackError) in try MessagePackValue(decoding: bytes, maximumDepth: maximumDepth) }))
    }

    /// A `T` from a whole payload, which must be exactly one value.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { try decode(type, from: $0) }
    }

    /// A `T` from a whole payload (`ArraySlice<UInt8>`, …), which must be exactly one value.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some Sequence<UInt8>) throws -> T {
        try decode(type, from: try value(of: { () throws(MessagePackError) in try MessagePackValue(decoding: bytes, maximumDepth: maximumDepth) }))
    }

    /// A `T` from an already decoded value.
    public func decode<T: Decodable>(_: T.Type, from value: MessagePackValue) throws -> T {
        try value.decode(T.self, at: [], userInfo: codingUserInfo(userInfo))
    }

    /// The value `read` decodes, its failure reported as `DecodingError.dataCorrupted`.
    private func value(of read: () throws(MessagePackError) -> MessagePackValue) throws -> MessagePackValue {
        do {
            return try read()
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: error.description, underlyingError: error))
        }
    }
}
