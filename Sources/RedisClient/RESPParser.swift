import NIOCore

/// Why bytes from the server are not RESP. The connection that received them is closed.
public struct RESPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Offset of the offending byte from the start of the reply.
    public let offset: Int
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "malformed RESP at byte \(offset): \(reason)" }
}

/// Reads RESP2 and RESP3 values from bytes that arrive in pieces: ``parse(_:)`` returns a value once
/// all of its bytes are there and leaves incomplete input untouched.
public struct RESPParser: Sendable {
    /// Largest bulk string accepted (Redis's own limit is 512 MiB).
    public var maxBulkLength = 512 * 1024 * 1024
    /// Most elements of one array, set, map or push.
    public var maxAggregateCount = 1 << 24
    /// Deepest nesting of aggregates.
    public var maxDepth = 64
    /// Longest line (type byte to CRLF) of a simple value.
    public var maxLineLength = 64 * 1024

    public init() {}

    /// The next complete value at the buffer's reader index, consumed; nil (nothing consumed) when more
    /// bytes are needed.
    public func parse(_ buffer: inout ByteBuffer) throws(RESPParseError) -> RESPValue? {
        var cursor = Cursor(buffer: buffer, start: buffer.readerIndex)
        guard let value = try value(&cursor, depth: 0) else { return nil }
        buffer.moveReaderIndex(to: cursor.index)
        return value
    }

    private struct Cursor {
        let buffer: ByteBuffer
        let start: Int
        var index: Int

        init(buffer: ByteBuffer, start: Int) {
            self.buffer = buffer
            self.start = start
            self.index = start
        }

        var offset: Int { index - start }
        var remaining: Int { buffer.writerIndex - index }
    }

    private func fail(_ cursor: Cursor, _ reason: String) -> RESPParseError {
        RESPParseError(offset: cursor.offset, reason: reason)
    }

    private func value(_ cursor: inout Cursor, depth: Int) throws(RESPParseError) -> RESPValue? {
        guard depth <= maxDepth else { throw fail(cursor, "nested deeper than \(maxDepth)") }
        guard let type = cursor.buffer.getInteger(at: cursor.index, as: UInt8.self) else { return nil }
        let typeOffset = cursor
        cursor.index += 1
        switch type {
        case UInt8(ascii: "+"):
            return try line(&cursor).map { .simpleString($0) }
        case UInt8(ascii: "-"):
            return try line(&cursor).map { .error($0) }
        case UInt8(ascii: ":"):
            guard let text = try line(&cursor) else { return nil }
            guard let number = Int64(text) else { throw fail(typeOffset, "integer expected, found \"\(text.prefix(40))\"") }
            return .integer(number)
        case UInt8(ascii: "$"):
            guard let length = try length(&cursor, allowNull: true, limit: maxBulkLength) else { return nil }
            guard length >= 0 else { return .null }
            return try bulk(&cursor, length: length).map { .bulkString($0) }
        case UInt8(ascii: "!"):
            guard let length = try length(&cursor, allowNull: false, limit: maxBulkLength) else { return nil }
            return try bulk(&cursor, length: length).map { .error(String(decoding: $0, as: UTF8.self)) }
        case UInt8(ascii: "="):
            guard let length = try length(&cursor, allowNull: false, limit: maxBulkLength) else { return nil }
            let start = cursor
            guard let bytes = try bulk(&cursor, length: length) else { return nil }
            guard bytes.count >= 4, bytes[3] == UInt8(ascii: ":") else { throw fail(start, "verbatim string without a format prefix") }
            return .verbatimString(format: String(decoding: bytes[0..<3], as: UTF8.self), text: String(decoding: bytes[4...], as: UTF8.self))
        case UInt8(ascii: "_"):
            guard let text = try line(&cursor) else { return nil }
            guard text.isEmpty else { throw fail(typeOffset, "null with content") }
            return .null
        case UInt8(ascii: "#"):
            guard let text = try line(&cursor) else { return nil }
            switch text {
            case "t": return .boolean(true)
            case "f": return .boolean(false)
            default: throw fail(typeOffset, "boolean must be t or f, found \"\(text.prefix(40))\"")
            }
        case UInt8(ascii: ","):
            guard let text = try line(&cursor) else { return nil }
            return .double(try double(text, at: typeOffset))
        case UInt8(ascii: "("):
            guard let text = try line(&cursor) else { return nil }
            let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { throw fail(typeOffset, "big number expected") }
            return .bigNumber(text)
        case UInt8(ascii: "*"):
            guard let count = try length(&cursor, allowNull: true, limit: maxAggregateCount) else { return nil }
            guard count >= 0 else { return .null }
            return try elements(&cursor, count: count, depth: depth).map { .array($0) }
        case UInt8(ascii: "~"):
            guard let count = try length(&cursor, allowNull: false, limit: maxAggregateCount) else { return nil }
            return try elements(&cursor, count: count, depth: depth).map { .set($0) }
        case UInt8(ascii: ">"):
            guard let count = try length(&cursor, allowNull: false, limit: maxAggregateCount) else { return nil }
            return try elements(&cursor, count: count, depth: depth).map { .push($0) }
        case UInt8(ascii: "%"):
            guard let count = try length(&cursor, allowNull: false, limit: maxAggregateCount / 2) else { return nil }
            guard let flat = try elements(&cursor, count: count * 2, depth: depth) else { return nil }
            return .map(stride(from: 0, to: flat.count, by: 2).map { RESPValue.Pair(key: flat[$0], value: flat[$0 + 1]) })
        case UInt8(ascii: "|"):
            // Attributes describe the value that follows; the value is what the caller asked for.
            guard let count = try length(&cursor, allowNull: false, limit: maxAggregateCount / 2) else { return nil }
            guard try elements(&cursor, count: count * 2, depth: depth) != nil else { return nil }
            return try value(&cursor, depth: depth)
        default:
            throw fail(typeOffset, "unknown type byte 0x\(String(type, radix: 16))")
        }
    }

    /// The text up to CRLF, consumed with it; nil when the CRLF has not arrived.
    private func line(_ cursor: inout Cursor) throws(RESPParseError) -> String? {
        let view = cursor.buffer.readableBytesView
        let base = cursor.buffer.readerIndex
        let from = cursor.index - base
        let searchEnd = min(view.count, from + maxLineLength + 2)
        var position = from
        while position < searchEnd {
            let byte = view[view.startIndex + position]
            if byte == UInt8(ascii: "\r") {
                guard position + 1 < view.count else { return nil }
                guard view[view.startIndex + position + 1] == UInt8(ascii: "\n") else {
                    throw RESPParseError(offset: base + position - cursor.start, reason: "CR not followed by LF")
                }
                let text = String(decoding: view[(view.startIndex + from)..<(view.startIndex + position)], as: UTF8.self)
                cursor.index = base + position + 2
                return text
            }
            if byte == UInt8(ascii: "\n") {
                throw RESPParseError(offset: base + position - cursor.start, reason: "LF without CR")
            }
            position += 1
        }
        if searchEnd - from > maxLineLength { throw fail(cursor, "line longer than \(maxLineLength) bytes") }
        return nil
    }

    /// A length line: -1 for null where allowed, else 0...limit.
    private func length(_ cursor: inout Cursor, allowNull: Bool, limit: Int) throws(RESPParseError) -> Int? {
        let start = cursor
        guard let text = try line(&cursor) else { return nil }
        guard let number = Int(text), text.allSatisfy({ $0 == "-" || $0.isASCIIDigit }) else {
            throw fail(start, "length expected, found \"\(text.prefix(40))\"")
        }
        if number == -1 && allowNull { return -1 }
        guard number >= 0 else { throw fail(start, "negative length \(number)") }
        guard number <= limit else { throw fail(start, "length \(number) over the limit of \(limit)") }
        return number
    }

    private func bulk(_ cursor: inout Cursor, length: Int) throws(RESPParseError) -> [UInt8]? {
        guard cursor.remaining >= length + 2 else { return nil }
        let bytes = cursor.buffer.getBytes(at: cursor.index, length: length) ?? []
        let terminator = cursor.buffer.getBytes(at: cursor.index + length, length: 2)
        guard terminator == [UInt8(ascii: "\r"), UInt8(ascii: "\n")] else {
            cursor.index += length
            throw fail(cursor, "bulk string of \(length) bytes not followed by CRLF")
        }
        cursor.index += length + 2
        return bytes
    }

    private func elements(_ cursor: inout Cursor, count: Int, depth: Int) throws(RESPParseError) -> [RESPValue]? {
        var values: [RESPValue] = []
        // Each element takes at least 3 bytes: never reserve more than the bytes could hold.
        values.reserveCapacity(min(count, cursor.remaining / 3))
        for _ in 0..<count {
            guard let element = try value(&cursor, depth: depth + 1) else { return nil }
            values.append(element)
        }
        return values
    }

    private func double(_ text: String, at cursor: Cursor) throws(RESPParseError) -> Double {
        switch text.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "-nan": return .nan
        default:
            guard let value = Double(text), !text.isEmpty, text.allSatisfy({ "0123456789+-.eE".contains($0) }) else {
                throw fail(cursor, "double expected, found \"\(text.prefix(40))\"")
            }
            return value
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
