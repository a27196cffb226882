/// A collection item as a collection stores it: a schema instance or a primitive value. Collections
/// keep items in this non-generic form so that their encoding, decoding and child walks compile to
/// direct code; their typed API converts to and from the element type at the surface.
public enum SchemaItem {
    case schema(Schema)
    case string(String)
    /// `number`, `float64`.
    case double(Double)
    /// `float32`.
    case float(Float)
    case boolean(Bool)
    /// Signed integer types, widened.
    case signed(Int64)
    /// Unsigned integer types, widened.
    case unsigned(UInt64)

    /// The schema instance, when the item is one.
    @inlinable public var schema: Schema? {
        if case let .schema(schema) = self { return schema }
        return nil
    }

    /// Whether storing `other` over this item changes nothing (equal primitives, or the same instance).
    func isSame(as other: SchemaItem) -> Bool {
        switch (self, other) {
        case let (.schema(a), .schema(b)): a === b
        case let (.string(a), .string(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.float(a), .float(b)): a == b
        case let (.boolean(a), .boolean(b)): a == b
        case let (.signed(a), .signed(b)): a == b
        case let (.unsigned(a), .unsigned(b)): a == b
        default: false
        }
    }

    /// Writes the item with the encoding of `elementType` (§8.2; a schema item as its refId, §8.13).
    func encode(as elementType: CollectionElementType, operation: UInt8, into writer: inout ByteWriter, context: EncodeContext) {
        switch (elementType, self) {
        case let (.schema(declared), .schema(child)):
            writer.childReference(child, declaredType: declared, operation: operation, context: context)
        case let (.primitive(type), .double(value)):
            switch type {
            case .float64: writer.float64(value)
            case .float32: writer.float32(Float(value))
            default: writer.number(value)
            }
        case let (.primitive(_), .string(value)): writer.string(value)
        case let (.primitive(_), .float(value)): writer.float32(value)
        case let (.primitive(_), .boolean(value)): writer.boolean(value)
        case let (.primitive(type), .signed(value)):
            switch type {
            case .int8: writer.int8(Int8(truncatingIfNeeded: value))
            case .int16: writer.int16(Int16(truncatingIfNeeded: value))
            case .int32: writer.int32(Int32(truncatingIfNeeded: value))
            default: writer.int64(value)
            }
        case let (.primitive(type), .unsigned(value)):
            switch type {
            case .uint8: writer.uint8(UInt8(truncatingIfNeeded: value))
            case .uint16: writer.uint16(UInt16(truncatingIfNeeded: value))
            case .uint32: writer.uint32(UInt32(truncatingIfNeeded: value))
            default: writer.uint64(value)
            }
        case (.schema, _), (.primitive, .schema):
            preconditionFailure("collection item \(self) does not match its element type")
        }
    }

    /// Reads an item of `elementType`. For a schema item this resolves (or creates) the instance and
    /// counts the reference; `previous` is the instance the slot held, if any.
    static func decode(as elementType: CollectionElementType, operation: UInt8, previous: SchemaItem?, decoder: inout DecodingContext) throws(SchemaDecodingError) -> SchemaItem {
        switch elementType {
        case let .schema(declared):
            let start = decoder.reader.offset
            guard let child = try decoder.childInstance(declared, operation: operation, previous: previous?.schema) else {
                throw .invalidOperation(operation, on: "a collection of \(declared.schemaName)", offset: start)
            }
            return .schema(child)
        case let .primitive(type):
            switch type {
            case .string: return .string(try decoder.reader.string())
            case .number: return .double(try decoder.reader.number())
            case .float64: return .double(try decoder.reader.float64())
            case .float32: return .float(try decoder.reader.float32())
            case .boolean: return .boolean(try decoder.reader.boolean())
            case .int8: return .signed(Int64(try decoder.reader.int8()))
            case .int16: return .signed(Int64(try decoder.reader.int16()))
            case .int32: return .signed(Int64(try decoder.reader.int32()))
            case .int64, .bigint64: return .signed(try decoder.reader.int64())
            case .uint8: return .unsigned(UInt64(try decoder.reader.uint8()))
            case .uint16: return .unsigned(UInt64(try decoder.reader.uint16()))
            case .uint32: return .unsigned(UInt64(try decoder.reader.uint32()))
            case .uint64, .biguint64: return .unsigned(try decoder.reader.uint64())
            }
        }
    }
}
