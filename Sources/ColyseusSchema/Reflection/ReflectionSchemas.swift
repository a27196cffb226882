// The reflection schema of the handshake (PROTOCOL.md §9.1), written in the same shape as the code
// schema-codegen emits for schema files.

/// One field of a ``ReflectionType``.
public final class ReflectionField: Schema {
    /// The field name.
    public var name: String? {
        get { _name }
        set {
            guard newValue != _name else { return }
            _name = newValue
            if newValue == nil { recordDelete(at: 0) } else { recordChange(at: 0) }
        }
    }
    private var _name: String?

    /// The field type: a primitive name, `"ref"`, a collection kind, or `"kind:primitive"`.
    public var type: String? {
        get { _type }
        set {
            guard newValue != _type else { return }
            _type = newValue
            if newValue == nil { recordDelete(at: 1) } else { recordChange(at: 1) }
        }
    }
    private var _type: String?

    /// The type id of the referenced schema, or -1 for a collection of primitives.
    public var referencedType: Double? {
        get { _referencedType }
        set {
            guard newValue != _referencedType else { return }
            _referencedType = newValue
            if newValue == nil { recordDelete(at: 2) } else { recordChange(at: 2) }
        }
    }
    private var _referencedType: Double?

    public required init() {
        super.init()
    }

    public required init(decoding: DecodingConstruction) {
        super.init(decoding: decoding)
    }

    public override class var schemaName: String { "ReflectionField" }
    public override class var fieldCount: Int { 3 }
    public override class var ownFields: [SchemaField] { fields }
    private static let fields: [SchemaField] = [
        SchemaField(index: 0, name: "name", type: .primitive(.string)),
        SchemaField(index: 1, name: "type", type: .primitive(.string)),
        SchemaField(index: 2, name: "referencedType", type: .primitive(.number)),
    ]

    public override func encodeField(_ index: Int, operation: UInt8, into writer: inout ByteWriter, context: EncodeContext) {
        switch index {
        case 0: writer.string(_name ?? "")
        case 1: writer.string(_type ?? "")
        case 2: writer.number(_referencedType ?? 0)
        default: super.encodeField(index, operation: operation, into: &writer, context: context)
        }
    }

    public override func decodeField(_ index: Int, operation: UInt8, decoder: inout DecodingContext) throws(SchemaDecodingError) {
        switch index {
        case 0:
            let previous = _name
            _name = operation == Operation.delete ? nil : try decoder.reader.string()
            decoder.reportField(self, "name", operation, previous: previous, value: _name)
        case 1:
            let previous = _type
            _type = operation == Operation.delete ? nil : try decoder.reader.string()
            decoder.reportField(self, "type", operation, previous: previous, value: _type)
        case 2:
            let previous = _referencedType
            _referencedType = operation == Operation.delete ? nil : try decoder.reader.number()
            decoder.reportField(self, "referencedType", operation, previous: previous, value: _referencedType)
        default:
            try super.decodeField(index, operation: operation, decoder: &decoder)
        }
    }
}

/// One schema class of a handshake.
public final class ReflectionType: Schema {
    /// The type id.
    public var id: Double? {
        get { _id }
        set {
            guard newValue != _id else { return }
            _id = newValue
            if newValue == nil { recordDelete(at: 0) } else { recordChange(at: 0) }
        }
    }
    private var _id: Double?

    /// The parent's type id, when the class extends another schema.
    public var extendsId: Double? {
        get { _extendsId }
        set {
            guard newValue != _extendsId else { return }
            _extendsId = newValue
            if newValue == nil { recordDelete(at: 1) } else { recordChange(at: 1) }
        }
    }
    private var _extendsId: Double?

    /// The class's own fields, in index order.
    public var fields: ArraySchema<ReflectionField> {
        get { _fields }
        set {
            guard newValue !== _fields else { return }
            let old = _fields
            _fields = newValue
            replaceChild(at: 2, old: old, new: newValue)
        }
    }
    private var _fields = ArraySchema<ReflectionField>()

    public required init() {
        super.init()
        recordInitialValue(at: 2)
    }

    public required init(decoding: DecodingConstruction) {
        super.init(decoding: decoding)
    }

    public override class var schemaName: String { "ReflectionType" }
    public override class var fieldCount: Int { 3 }
    public override class var ownFields: [SchemaField] { schemaFields }
    private static let schemaFields: [SchemaField] = [
        SchemaField(index: 0, name: "id", type: .primitive(.number)),
        SchemaField(index: 1, name: "extendsId", type: .primitive(.number)),
        SchemaField(index: 2, name: "fields", type: .collection(.array, .schema(ReflectionField.self))),
    ]

    public override func encodeField(_ index: Int, operation: UInt8, into writer: inout ByteWriter, context: EncodeContext) {
        switch index {
        case 0: writer.number(_id ?? 0)
        case 1: writer.number(_extendsId ?? 0)
        case 2: writer.collectionReference(_fields)
        default: super.encodeField(index, operation: operation, into: &writer, context: context)
        }
    }

    public override func decodeField(_ index: Int, operation: UInt8, decoder: inout DecodingContext) throws(SchemaDecodingError) {
        switch index {
        case 0:
            let previous = _id
            _id = operation == Operation.delete ? nil : try decoder.reader.number()
            decoder.reportField(self, "id", operation, previous: previous, value: _id)
        case 1:
            let previous = _extendsId
            _extendsId = operation == Operation.delete ? nil : try decoder.reader.number()
            decoder.reportField(self, "extendsId", operation, previous: previous, value: _extendsId)
        case 2:
            let previous = _fields
            _fields = try decoder.collection(operation: operation, previous: previous) { ArraySchema<ReflectionField>() } ?? ArraySchema<ReflectionField>()
            decoder.reportField(self, "fields", operation, previous: previous, value: _fields)
        default:
            try super.decodeField(index, operation: operation, decoder: &decoder)
        }
    }

    public override func forEachChild(_ body: (SchemaRef) -> Void) {
        super.forEachChild(body)
        body(_fields)
    }
}

/// The root of a handshake.
public final class Reflection: Schema {
    /// One entry per class of the state's type context.
    public var types: ArraySchema<ReflectionType> {
        get { _types }
        set {
            guard newValue !== _types else { return }
            let old = _types
            _types = newValue
            replaceChild(at: 0, old: old, new: newValue)
        }
    }
    private var _types = ArraySchema<ReflectionType>()

    /// The root class's type id, when not 0.
    public var rootType: Double? {
        get { _rootType }
        set {
            guard newValue != _rootType else { return }
            _rootType = newValue
            if newValue == nil { recordDelete(at: 1) } else { recordChange(at: 1) }
        }
    }
    private var _rootType: Double?

    public required init() {
        super.init()
        recordInitialValue(at: 0)
    }

    public required init(decoding: DecodingConstruction) {
        super.init(decoding: decoding)
    }

    public override class var schemaName: String { "Reflection" }
    public override class var fieldCount: Int { 2 }
    public override class var ownFields: [SchemaField] { fields }
    private static let fields: [SchemaField] = [
        SchemaField(index: 0, name: "types", type: .collection(.array, .schema(ReflectionType.self))),
        SchemaField(index: 1, name: "rootType", type: .primitive(.number)),
    ]

    public override func encodeField(_ index: Int, operation: UInt8, into writer: inout ByteWriter, context: EncodeContext) {
        switch index {
        case 0: writer.collectionReference(_types)
        case 1: writer.number(_rootType ?? 0)
        default: super.encodeField(index, operation: operation, into: &writer, context: context)
        }
    }

    public override func decodeField(_ index: Int, operation: UInt8, decoder: inout DecodingContext) throws(SchemaDecodingError) {
        switch index {
        case 0:
            let previous = _types
            _types = try decoder.collection(operation: operation, previous: previous) { ArraySchema<ReflectionType>() } ?? ArraySchema<ReflectionType>()
            decoder.reportField(self, "types", operation, previous: previous, value: _types)
        case 1:
            let previous = _rootType
            _rootType = operation == Operation.delete ? nil : try decoder.reader.number()
            decoder.reportField(self, "rootType", operation, previous: previous, value: _rootType)
        default:
            try super.decodeField(index, operation: operation, decoder: &decoder)
        }
    }

    public override func forEachChild(_ body: (SchemaRef) -> Void) {
        super.forEachChild(body)
        body(_types)
    }
}
