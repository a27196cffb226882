/// Encodes `Encodable` values as MessagePack, as `JSONEncoder` does JSON.
///
/// Keyed containers become maps with string keys in encoding order, unkeyed containers arrays; `nil` optionals are left
/// out of keyed containers (as synthesized `Encodable` does) and written as `c0` elsewhere. `[UInt8]` is written as
/// binary, ``MessagePackTimestamp`` as the timestamp extension and ``MessagePackValue`` as itself. Integers keep their
/// value, `Double` and `Float` their width; ``MessagePackWriter/Format/referenceCompatible`` turns numbers into JS
/// numbers as the reference server would (see ``MessagePackWriter/Format``).
///
/// ```swift
/// struct Chat: Encodable { var text: String }
/// let payload = try MessagePackEncoder().encode(Chat(text: "hi"))  // 81 a4 74657874 a2 6869
/// ```
public struct MessagePackEncoder: Sendable {
    /// The layout of numbers, maps and timestamps.
    public var format: MessagePackWriter.Format
    /// Handed to the values' `encode(to:)` as `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// An encoder writing `format`.
    public init(format: MessagePackWriter.Format = .compact, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.format = format
        self.userInfo = userInfo
    }

    /// `value` as one MessagePack value.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var writer = MessagePackWriter(format: format)
        writer.bytes.reserveCapacity(64)
        try encode(value, into: &writer)
        return writer.bytes
    }

    /// Appends `value` to `writer` (for example after a frame's header), in the writer's format. When encoding throws,
    /// the writer is left as it was.
    public func encode<T: Encodable>(_ value: T, into writer: inout MessagePackWriter) throws {
        let start = writer.bytes.count
        let userInfo = codingUserInfo(userInfo)
        // The encoder takes the bytes over for the time of the encoding, so that appending does not copy them.
        let encoder = StreamingEncoder(writer: MessagePackWriter(format: writer.format), userInfo: userInfo)
        swap(&encoder.writer, &writer)
        defer { swap(&encoder.writer, &writer) }
        do {
            try encoder.encodeValue(value, at: [])
            if encoder.needsNodes {
                encoder.writer.bytes.removeSubrange(start...)
                encoder.writer.write(try EncodedNode(encoding: value, codingPath: [], userInfo: userInfo))
            }
        } catch {
            encoder.writer.bytes.removeSubrange(start...)
            throw error
        }
    }
}
