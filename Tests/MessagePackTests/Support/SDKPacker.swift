import MessagePack

/// Packs values as the JS SDK does (msgpackr `Packr()` defaults, PROTOCOL.md §5.2), to produce record payloads for
/// values the vectors do not cover:
/// * a map whose keys are all strings is a plain object, written as a record: a new key list takes the next id from
///   `0x40` (after `0x7f` back to `0x40`, the shape that held the id losing it), is defined inline `d4 72 <id>` + key
///   array, and is referred to by its id byte while it keeps it;
/// * other maps are JS `Map`s, written as plain maps;
/// * numbers as the reference server writes them, except 64…127, which are record ids: `cc xx`.
struct SDKPacker {
    private(set) var bytes: [UInt8] = []
    private var idByShape: [[String]: UInt8] = [:]
    private var shapeByID: [UInt8: [String]] = [:]
    private var nextID: UInt8 = 0x40

    /// The payload of `value`, with a fresh record table (one per message).
    static func pack(_ value: MessagePackValue) -> [UInt8] {
        var packer = SDKPacker()
        packer.pack(value)
        return packer.bytes
    }

    private mutating func pack(_ value: MessagePackValue) {
        var writer = MessagePackWriter(format: .referenceCompatible)
        switch value {
        case let .map(entries) where entries.allSatisfy({ $0.key.stringValue != nil }):
            let keys = entries.map { $0.key.stringValue! }
            if let id = idByShape[keys] {
                bytes.append(id)
            } else {
                let id = nextID
                nextID = id == 0x7F ? 0x40 : id + 1
                if let previous = shapeByID[id] { idByShape[previous] = nil }
                shapeByID[id] = keys
                idByShape[keys] = id
                writer.bytes = [0xD4, 0x72, id]
                writer.write(.array(keys.map { .string($0) }))
                bytes += writer.bytes
            }
            for entry in entries { pack(entry.value) }
        case let .map(entries):
            writer.format = .compact
            writer.writeMapHeader(count: entries.count)
            bytes += writer.bytes
            for entry in entries {
                pack(entry.key)
                pack(entry.value)
            }
        case let .array(elements):
            writer.writeArrayHeader(count: elements.count)
            bytes += writer.bytes
            for element in elements { pack(element) }
        default:
            writer.write(value)
            if writer.bytes.count == 1, (0x40...0x7F).contains(writer.bytes[0]) { writer.bytes.insert(0xCC, at: 0) }
            bytes += writer.bytes
        }
    }
}
