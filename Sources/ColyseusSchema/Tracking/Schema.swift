/// Base class of every generated state class.
///
/// Generated subclasses declare typed properties whose setters call ``recordChange(at:)``,
/// ``recordDelete(at:)`` or ``replaceChild(at:old:new:)``, and override the `encodeField`,
/// `decodeField` and `forEachChild` hooks with straight-line code. Nothing here uses reflection.
open class Schema: SchemaRef {
    /// Creates an instance with every field unset; generated initializers then record their defaults.
    public required init() {
        super.init(indexCapacity: Self.fieldCount)
    }

    /// Creates an instance for a decoder to fill: declared defaults are set but not recorded as
    /// changes (the wire says which fields have values). Generated classes forward this initializer.
    public required init(decoding: DecodingConstruction) {
        super.init(indexCapacity: Self.fieldCount)
    }

    // MARK: metadata (overridden by generated code)

    /// The schema's name, as written in the schema file and sent in the handshake.
    open class var schemaName: String { "Schema" }
    /// The fields declared by this class itself (inherited ones excluded), in index order.
    open class var ownFields: [SchemaField] { [] }
    /// The number of fields including inherited ones.
    open class var fieldCount: Int { 0 }
    /// The schema this one extends, if any.
    open class var parentSchema: Schema.Type? { nil }
    /// The schemas that directly extend this one, in declaration order (needed for type ids).
    open class var knownSubclasses: [Schema.Type] { [] }

    /// Whether this class is `other` or extends it (through the schema hierarchy).
    public static func isSameOrSubclass(of other: Schema.Type) -> Bool {
        var current: Schema.Type? = self
        while let type = current {
            if type == other { return true }
            current = type.parentSchema
        }
        return false
    }

    /// All fields including inherited ones, in index order.
    public static var allFields: [SchemaField] {
        (parentSchema?.allFields ?? []) + ownFields
    }

    // MARK: hooks (overridden by generated code)

    /// Writes the value of field `index` for `operation` (never called for DELETE).
    open func encodeField(_ index: Int, operation: UInt8, into writer: inout ByteWriter, context: EncodeContext) {
        preconditionFailure("\(Self.schemaName) has no field \(index)")
    }

    /// Reads the value of field `index` for `operation` and applies it.
    open func decodeField(_ index: Int, operation: UInt8, decoder: inout DecodingContext) throws(SchemaDecodingError) {
        throw .unknownField(index: index, type: Self.schemaName, offset: decoder.reader.offset)
    }

    /// Calls `body` with the ref held by each ref-typed field that is set, in field-index order.
    open func forEachChild(_ body: (SchemaRef) -> Void) {}

    /// The current value of field `index` (nil when unset), for inspection, JSON and callbacks by name.
    open func value(ofField index: Int) -> Any? { nil }

    /// Decoder side: the fields that received a value from the wire (a first value is always reported
    /// as a change, even when it equals the field's default).
    @exclusivity(unchecked) final var decodedFields: UInt64 = 0

    // MARK: change recording (called by generated setters)

    /// Records that field `index` got a new primitive value.
    public final func recordChange(at index: Int) {
        recordChange(index, Operation.add)
    }

    /// Records that field `index` was unset.
    public final func recordDelete(at index: Int) {
        recordDelete(index)
    }

    /// Records that a ref-typed field changed from `old` to `new` and moves the parent links.
    public final func replaceChild(at index: Int, old: SchemaRef?, new: SchemaRef?) {
        if let old { release(old) }
        if let new {
            recordChange(index, old == nil ? Operation.add : Operation.deleteAndAdd)
            adopt(new, at: index)
        } else if old != nil {
            recordDelete(index)
        }
    }

    /// Records the initial value of field `index` (from a generated initializer).
    public final func recordInitialValue(at index: Int) {
        recordChange(index, Operation.add)
    }

    // MARK: SchemaRef

    override final func recordDecodedContent() {
        for index in 0..<Self.fieldCount where decodedFields & (1 << UInt64(index)) != 0 {
            recordChange(index, Operation.add)
        }
    }

    override final func forEachChildRef(_ body: (SchemaRef) -> Void) {
        forEachChild(body)
    }

    /// Writes the operations of one section: each operation byte (``ByteWriter/fieldOperation(_:context:)``)
    /// then, unless it is a DELETE, the field's value (``encodeField(_:operation:into:context:)``).
    /// Generated final classes override this with the same loop, so that `encodeField` is called
    /// directly rather than through the vtable.
    open func encodeOperations(_ operations: FieldOperations, into writer: inout ByteWriter, context: EncodeContext) {
        for operation in operations where writer.fieldOperation(operation, context: context) {
            encodeField(operation.index, operation: operation.code, into: &writer, context: context)
        }
    }

    override final func encodePending(_ writer: inout ByteWriter, _ context: EncodeContext) {
        encodeOperations(pending.fieldOperations, into: &writer, context: context)
    }

    override final func encodeFullState(_ writer: inout ByteWriter, _ context: EncodeContext, header: (inout ByteWriter) -> Void) -> Bool {
        guard fullState.hasEntries else { return false }
        header(&writer)
        encodeOperations(fullState.fieldOperations, into: &writer, context: context)
        return true
    }

    // MARK: per-view encoding

    override final func encodeFilteredPending(_ writer: inout ByteWriter, _ context: EncodeContext, _ view: StateView) {
        encodeVisibleOperations(pending.filteredFieldOperations, into: &writer, context: context, view: view)
    }

    override final func encodeFilteredFullState(_ writer: inout ByteWriter, _ context: EncodeContext, _ view: StateView, header: (inout ByteWriter) -> Void) -> Bool {
        let views = self.views.unsafelyUnwrapped
        guard views.fullState.hasEntries else { return false }
        header(&writer)
        encodeVisibleOperations(views.fullState.fieldOperations, into: &writer, context: context, view: view)
        return true
    }

    /// The operations of a visible ref: all of them, except custom-tag fields whose tag the view
    /// does not hold for this ref.
    private func encodeVisibleOperations(_ operations: FieldOperations, into writer: inout ByteWriter, context: EncodeContext, view: StateView) {
        let customTags = views.unsafelyUnwrapped.customTagMask
        guard customTags != 0 else {
            encodeOperations(operations, into: &writer, context: context)
            return
        }
        let tags = context.types.viewFields(of: Self.self).tags
        for operation in operations {
            if customTags & (1 << UInt64(operation.index)) != 0, !view.hasTag(self, tags[operation.index]!) { continue }
            if writer.fieldOperation(operation, context: context) {
                encodeField(operation.index, operation: operation.code, into: &writer, context: context)
            }
        }
    }

    override final func encodeForcedOperation(_ index: Int, _ operation: UInt8, _ writer: inout ByteWriter, _ context: EncodeContext) {
        let code = Operation.forced(operation, isLive: hasLiveIndex(index))
        if writer.fieldOperation(FieldOperation(index: index, code: code), context: context) {
            encodeField(index, operation: code, into: &writer, context: context)
        }
    }

    override final func decodeOperation(_ decoder: inout DecodingContext) throws(SchemaDecodingError) {
        let start = decoder.reader.offset
        let byte = try decoder.reader.byte()
        let index = Int(byte & 0x3F)
        guard index < Self.fieldCount else {
            throw .unknownField(index: index, type: Self.schemaName, offset: start)
        }
        let operation = byte & 0xC0
        let bit: UInt64 = 1 << UInt64(index)
        decoder.isFirstValue = decodedFields & bit == 0
        try decodeField(index, operation: operation, decoder: &decoder)
        if operation == Operation.delete { decodedFields &= ~bit } else { decodedFields |= bit }
    }

    override var typeDescription: String { Self.schemaName }
}
