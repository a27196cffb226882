/// The `Encoder` behind ``MessagePackEncoder``: writes each value into the output as soon as it is encoded, with no
/// intermediate tree. It is its own single-value container.
///
/// A container's header is written when it opens, as a placeholder sized for a small count (a fix header; map16 for
/// maps in `referenceCompatible` format), and completed when it closes: when its value is done, or when an enclosing
/// container takes its next entry. A header that turns out too small is widened by moving what follows it (only
/// containers of 16 elements and more, or 65 536 in map16).
///
/// Codable also allows what a stream cannot follow: writing into a container after its parent moved on, super
/// encoders, two single values for one value. The encoder then sets ``needsNodes`` and ignores the rest; the caller
/// encodes the value again with ``NodeEncoder``, which handles every case.
final class StreamingEncoder: Encoder, SingleValueEncodingContainer {
    /// A container whose header is not complete yet.
    struct OpenContainer {
        /// Tells this container from a later one at the same depth.
        let serial: Int
        let headerOffset: Int
        let isMap: Bool
        var count = 0
    }

    // The mutable state is only touched by this encoder and its containers, one call at a time: unchecked
    // exclusivity spares a runtime access check on every write (a third of the encoding time otherwise).
    @exclusivity(unchecked) var writer: MessagePackWriter
    let userInfo: [CodingUserInfoKey: Any]
    @exclusivity(unchecked) private(set) var codingPath: [any CodingKey] = []
    /// Set when the value cannot be streamed; everything written since is to be discarded.
    private(set) var needsNodes = false

    /// The open containers, outermost first; a container's depth is its index.
    @exclusivity(unchecked) private var open: [OpenContainer] = []
    private var nextSerial = 0
    /// Where the value being encoded starts, and how many containers were open then.
    private var valueStart = 0
    private var valueDepth = 0

    init(writer: MessagePackWriter, userInfo: [CodingUserInfoKey: Any]) {
        self.writer = writer
        self.userInfo = userInfo
    }

    /// Writes `value`, at `codingPath` (nil: the path of the value being encoded, for a single-value container).
    /// Scalars and the types with a MessagePack form of their own are written directly; anything else encodes itself
    /// into this encoder, and an empty map when it encodes nothing.
    func encodeValue<T: Encodable>(_ value: T, at codingPath: @autoclosure () -> [any CodingKey]?) throws {
        guard !needsNodes else { return }
        if let scalar = MessagePackValue(encodingWithoutEncoder: value) {
            writer.write(scalar)
            return
        }
        let (outerStart, outerDepth, outerPath) = (valueStart, valueDepth, self.codingPath)
        valueStart = writer.bytes.count
        valueDepth = open.count
        if let codingPath = codingPath() { self.codingPath = codingPath }
        defer { (valueStart, valueDepth, self.codingPath) = (outerStart, outerDepth, outerPath) }
        try value.encode(to: self)
        guard !needsNodes else { return }
        close(downTo: valueDepth)
        if writer.bytes.count == valueStart { writer.writeMapHeader(count: 0) }
    }

    /// Gives up streaming (see the type's documentation).
    func fallBack() { needsNodes = true }

    // MARK: Containers

    /// Opens a container whose header starts here, inside the innermost open one; returns its serial.
    private func openContainer(isMap: Bool) -> Int {
        let serial = nextSerial
        nextSerial += 1
        open.append(OpenContainer(serial: serial, headerOffset: writer.bytes.count, isMap: isMap))
        if isMap {
            writer.writeMapHeader(count: 0)
        } else {
            writer.writeArrayHeader(count: 0)
        }
        return serial
    }

    /// The serial of the container of the value being encoded: a new one, or the one it opened before (a class and
    /// its superclass share their keyed container). −1 when the value cannot have one here (−1 is never open).
    private func valueContainer(isMap: Bool) -> Int {
        guard !needsNodes else { return -1 }
        if open.count > valueDepth, open[valueDepth].headerOffset == valueStart, open[valueDepth].isMap == isMap {
            close(downTo: valueDepth + 1)
            return open[valueDepth].serial
        }
        guard writer.bytes.count == valueStart, open.count == valueDepth else {
            fallBack()
            return -1
        }
        return openContainer(isMap: isMap)
    }

    /// The depth of the open container `serial`: usually the innermost.
    private func depth(of serial: Int) -> Int? {
        if let last = open.last, last.serial == serial { return open.count - 1 }
        return open.lastIndex { $0.serial == serial }
    }

    /// Prepares container `serial` for one more element: closes the containers opened inside it since. False when it
    /// is closed already (or streaming was given up): the element is then to be ignored.
    func beginElement(in serial: Int) -> Bool {
        guard !needsNodes else { return false }
        guard let depth = depth(of: serial) else {
            fallBack()
            return false
        }
        if open.count > depth + 1 { close(downTo: depth + 1) }
        open[depth].count += 1
        return true
    }

    /// Opens a container for the element that `beginElement` just announced; returns its serial.
    func nestedContainer(isMap: Bool) -> Int {
        needsNodes ? -1 : openContainer(isMap: isMap)
    }

    /// The number of elements written into container `serial` so far, while it is open.
    func count(in serial: Int) -> Int {
        depth(of: serial).map { open[$0].count } ?? 0
    }

    /// Completes the headers of the containers deeper than `depth`, innermost first.
    private func close(downTo depth: Int) {
        while open.count > depth {
            completeHeader(of: open.removeLast())
        }
    }

    /// Writes the count into a container's placeholder header, or replaces the placeholder by a wider header.
    private func completeHeader(of container: OpenContainer) {
        let offset = container.headerOffset, count = container.count
        if container.isMap && writer.format == .referenceCompatible {
            if count <= 0xFFFF {
                writer.bytes[offset + 1] = UInt8(count >> 8)
                writer.bytes[offset + 2] = UInt8(truncatingIfNeeded: count)
                return
            }
        } else if count < 16 {
            writer.bytes[offset] = (container.isMap ? 0x80 : 0x90) | UInt8(count)
            return
        }
        var header = MessagePackWriter(format: writer.format)
        if container.isMap {
            header.writeMapHeader(count: count)
        } else {
            header.writeArrayHeader(count: count)
        }
        let placeholderSize = container.isMap && writer.format == .referenceCompatible ? 3 : 1
        writer.bytes.replaceSubrange(offset ..< offset + placeholderSize, with: header.bytes)
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(StreamingKeyedEncodingContainer(encoder: self, serial: valueContainer(isMap: true), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        StreamingUnkeyedEncodingContainer(encoder: self, serial: valueContainer(isMap: false), codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: SingleValueEncodingContainer

    /// Writes the single value of the value being encoded; a second one, or one after a container, gives up streaming.
    func writeSingle(_ value: MessagePackValue) {
        guard !needsNodes else { return }
        guard writer.bytes.count == valueStart, open.count == valueDepth else { return fallBack() }
        writer.write(value)
    }

    func encodeNil() { writeSingle(.nil) }
    func encode(_ value: Bool) { writeSingle(.bool(value)) }
    func encode(_ value: String) { writeSingle(.string(value)) }
    func encode(_ value: Double) { writeSingle(.double(value)) }
    func encode(_ value: Float) { writeSingle(.float(value)) }
    func encode(_ value: Int) { writeSingle(MessagePackValue(integer: value)) }
    func encode(_ value: Int8) { writeSingle(MessagePackValue(integer: value)) }
    func encode(_ value: Int16) { writeSingle(MessagePackValue(integer: value)) }
    func encode(_ value: Int32) { writeSingle(MessagePackValue(integer: value)) }
    func encode(_ value: Int64) { writeSingle(MessagePackValue(integer: value)) }
    func encode(_ value: UInt) { writeSingle(MessagePackValue(integer: value)) }
    func encode(_ value: UInt8) { writeSingle(MessagePackValue(integer: value)) }
    func encode(_ value: UInt16) { writeSingle(MessagePackValue(integer: value)) }
    func encode(_ value: UInt32) { writeSingle(MessagePackValue(integer: value)) }
    func encode(_ value: UInt64) { writeSingle(MessagePackValue(integer: value)) }

    func encode<T: Encodable>(_ value: T) throws {
        guard !needsNodes else { return }
        guard writer.bytes.count == valueStart, open.count == valueDepth else { return fallBack() }
        try encodeValue(value, at: nil)
    }
}
