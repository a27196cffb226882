/// Applies full states and patches to a state of generated classes (the client side), with reference
/// counting and garbage collection of detached refs as the reference decoder does (§8.14).
public final class StateDecoder<State: Schema> {
    /// The decoded state (refId 0).
    public let state: State
    /// The type ids used for TYPE_ID markers; the same discovery as the server's.
    public let types: TypeContext
    /// Whether ``decode(_:)`` builds the list of changes (turn off when nobody listens).
    public var collectsChanges = true
    private let tracker = ReferenceTracker()
    /// Size of the last change list, to allocate the next one at once instead of growing it.
    private var lastChangeCount = 0

    /// Creates a decoder for a fresh state.
    public convenience init() {
        self.init(state: State(decoding: DecodingConstruction()))
    }

    /// Creates a decoder that applies messages to `state`.
    public init(state: State) {
        self.state = state
        self.types = TypeContext(root: State.self)
        tracker.add(state, refId: 0, counting: true)
    }

    /// Number of refs the decoder currently holds.
    public var refCount: Int { tracker.count }

    /// The ref registered under `refId`, if any.
    public func ref(withId refId: Int) -> SchemaRef? { tracker.ref(refId) }

    /// Applies one state message (ROOM_STATE or ROOM_STATE_PATCH payload, without the protocol byte).
    /// Returns the changes in the order they were applied.
    @discardableResult
    public func decode(_ bytes: [UInt8]) throws(SchemaDecodingError) -> [DataChange] {
        do {
            return try bytes.withUnsafeBytes { buffer in try decode(buffer) }
        } catch let error as SchemaDecodingError {
            throw error
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    /// Applies one state message from raw bytes.
    public func decode(_ bytes: UnsafeRawBufferPointer) throws(SchemaDecodingError) -> [DataChange] {
        var context = DecodingContext(reader: ByteReader(bytes), tracker: tracker, types: types, collectsChanges: collectsChanges)
        if collectsChanges { context.changes.reserveCapacity(lastChangeCount) }
        var current: SchemaRef = state
        defer { current.finishDecodingSection() }
        while !context.reader.isAtEnd {
            if context.reader.peek() == Operation.switchToStructure {
                let start = context.reader.offset
                _ = try context.reader.byte()
                current.finishDecodingSection()
                let refId = try context.reader.index()
                guard let next = tracker.ref(refId) else { throw .unknownRefId(refId, offset: start) }
                current = next
                context.currentRefId = refId
                continue
            }
            try current.decodeOperation(&context)
        }
        current.finishDecodingSection()
        tracker.collectGarbage()
        lastChangeCount = context.changes.count
        return context.changes
    }
}
