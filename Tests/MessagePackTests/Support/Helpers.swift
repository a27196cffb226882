import MessagePack
import SchemaTestSupport

/// Bytes from hex as the vectors and PROTOCOL.md write them (spaces allowed).
func hex(_ text: String) -> [UInt8] { Hex.decode(text) }

/// Lowercase hex of `bytes`.
func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

/// The whole payload `text` (hex) decoded.
func decode(_ text: String) throws(MessagePackError) -> MessagePackValue {
    try MessagePackValue(decoding: hex(text))
}

/// The error decoding the payload `text` (hex) throws, or nil when it decodes.
func decodingError(_ text: String, maximumDepth: Int = MessagePackReader.defaultMaximumDepth) -> MessagePackError? {
    decodingError(hex(text), maximumDepth: maximumDepth)
}

/// The error decoding `bytes` throws, or nil when they decode.
func decodingError(_ bytes: [UInt8], maximumDepth: Int = MessagePackReader.defaultMaximumDepth) -> MessagePackError? {
    do {
        _ = try MessagePackValue(decoding: bytes, maximumDepth: maximumDepth)
        return nil
    } catch {
        return error
    }
}

/// `value` written in `format`, as hex.
func written(_ value: MessagePackValue, _ format: MessagePackWriter.Format = .compact) -> String {
    var writer = MessagePackWriter(format: format)
    writer.write(value)
    return hex(writer.bytes)
}

/// `value` as JS sees it, so that values from different wire forms compare: an integral float within ±2^53 becomes
/// `.int` (msgpackr reads `cb 41f0000000000000` as the number 4294967296, and writes −0 as `00`), a float32 becomes
/// the float64 it widens to.
func jsNormalized(_ value: MessagePackValue) -> MessagePackValue {
    func number(_ double: Double) -> MessagePackValue {
        if double == double.rounded(), abs(double) <= 9_007_199_254_740_992 {
            return .int(Int64(double))
        }
        return .double(double)
    }
    switch value {
    case let .double(double): return number(double)
    case let .float(float): return number(Double(float))
    case let .array(elements): return .array(elements.map(jsNormalized))
    case let .map(entries): return .map(entries.map { (key: jsNormalized($0.key), value: jsNormalized($0.value)) })
    default: return value
    }
}
