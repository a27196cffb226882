/// What an `Encodable` value encoded to, before it is written. Containers are references so that nested containers
/// and super encoders handed out earlier can still add to them.
enum EncodedNode {
    /// A finished value: a scalar, or a `MessagePackValue` / `[UInt8]` / timestamp encoded as a whole.
    case value(MessagePackValue)
    case array(EncodedArray)
    case map(EncodedMap)
    /// A super encoder, read when written: what it holds, or an empty map when nothing was encoded into it.
    case encoder(NodeEncoder)
}

/// The elements of an unkeyed container.
final class EncodedArray {
    var elements: [EncodedNode] = []
}

/// The entries of a keyed container, in encoding order (a key encoded twice is written twice; decoders keep the last).
final class EncodedMap {
    var entries: [(key: String, value: EncodedNode)] = []
}

extension MessagePackWriter {
    /// Writes `node` and everything it contains.
    mutating func write(_ node: EncodedNode) {
        switch node {
        case let .value(value):
            write(value)
        case let .array(array):
            writeArrayHeader(count: array.elements.count)
            for element in array.elements {
                write(element)
            }
        case let .map(map):
            writeMapHeader(count: map.entries.count)
            for entry in map.entries {
                write(entry.key)
                write(entry.value)
            }
        case let .encoder(encoder):
            write(encoder.node ?? .value(.map([])))
        }
    }
}
