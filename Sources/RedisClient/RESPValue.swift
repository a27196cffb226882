/// One value of the Redis serialization protocol, RESP2 and RESP3 (a reply, a push message, or an
/// element of either).
public enum RESPValue: Sendable, Hashable {
    /// `+OK`: a short status text.
    case simpleString(String)
    /// `-ERR …` (RESP2) or `!` bulk error (RESP3): the server refused the command.
    case error(String)
    /// `:42`.
    case integer(Int64)
    /// `$3\r\nabc`: binary-safe bytes.
    case bulkString([UInt8])
    /// `$-1`, `*-1` (RESP2) or `_` (RESP3).
    case null
    /// `*2 …`.
    case array([RESPValue])
    /// `#t` / `#f` (RESP3).
    case boolean(Bool)
    /// `,3.14` (RESP3), including `inf`, `-inf` and `nan`.
    case double(Double)
    /// `(3492890328409238509324850943850943825024385` (RESP3): digits kept as text.
    case bigNumber(String)
    /// `=15\r\ntxt:Some string` (RESP3): the three-letter format and the text.
    case verbatimString(format: String, text: String)
    /// `%2 …` (RESP3): key-value pairs in the server's order.
    case map([Pair])
    /// `~3 …` (RESP3).
    case set([RESPValue])
    /// `>3 …` (RESP3): an out-of-band message such as a pub/sub delivery.
    case push([RESPValue])

    /// One entry of a ``map(_:)``.
    public struct Pair: Sendable, Hashable {
        public var key: RESPValue
        public var value: RESPValue

        public init(key: RESPValue, value: RESPValue) {
            self.key = key
            self.value = value
        }
    }

    /// Text of a simple, bulk or verbatim string (bulk bytes decoded as UTF-8); nil for other kinds.
    public var string: String? {
        switch self {
        case .simpleString(let text), .bigNumber(let text): text
        case .bulkString(let bytes): String(decoding: bytes, as: UTF8.self)
        case .verbatimString(_, let text): text
        default: nil
        }
    }

    /// An integer reply, or a string holding one (as `INCRBYFLOAT`-free commands answer).
    public var integer: Int? {
        switch self {
        case .integer(let value): Int(exactly: value)
        case .simpleString, .bulkString: string.flatMap { Int($0) }
        default: nil
        }
    }

    /// Elements of an array, set or push; a map flattened to key, value, key, value (as RESP2 sends it).
    public var elements: [RESPValue]? {
        switch self {
        case .array(let values), .set(let values), .push(let values): values
        case .map(let pairs): pairs.flatMap { [$0.key, $0.value] }
        default: nil
        }
    }
}
