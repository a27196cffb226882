/// A type that can be stored as a collection item: one of the primitive Swift types the schema
/// types map to, or a `Schema` class.
public protocol SchemaValue {
    /// The wire type a collection of this Swift type uses unless the schema says otherwise
    /// (`Double` is `number` unless declared `float64`, `Int64` is `int64` unless `bigint64`, ...).
    static var defaultElementType: CollectionElementType { get }

    /// Writes the value as a collection item.
    func encodeItem(as elementType: CollectionElementType, operation: UInt8, into writer: inout ByteWriter, context: EncodeContext)

    /// Reads an item value; `previous` is the value the slot held, if any.
    static func decodeItem(as elementType: CollectionElementType, operation: UInt8, previous: Self?, decoder: inout DecodingContext) throws(SchemaDecodingError) -> Self

    /// Whether assigning `rhs` over `lhs` is a no-op (equal primitives or the same instance).
    static func isSame(_ lhs: Self, _ rhs: Self) -> Bool

    /// The value as a ref, when it is a schema instance.
    var schemaRef: SchemaRef? { get }
}

/// A primitive item type.
public protocol SchemaPrimitiveValue: SchemaValue, Equatable, Sendable {
    /// The primitive wire type used by default for this Swift type.
    static var defaultPrimitiveType: PrimitiveType { get }
    /// Writes the value with the encoding of `type`.
    func encode(as type: PrimitiveType, into writer: inout ByteWriter)
    /// Reads a value encoded as `type`.
    static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> Self
}

extension SchemaPrimitiveValue {
    public static var defaultElementType: CollectionElementType { .primitive(defaultPrimitiveType) }

    @inlinable public func encodeItem(as elementType: CollectionElementType, operation: UInt8, into writer: inout ByteWriter, context: EncodeContext) {
        guard case let .primitive(type) = elementType else { preconditionFailure("primitive item in a schema collection") }
        encode(as: type, into: &writer)
    }

    public static func decodeItem(as elementType: CollectionElementType, operation: UInt8, previous: Self?, decoder: inout DecodingContext) throws(SchemaDecodingError) -> Self {
        guard case let .primitive(type) = elementType else { preconditionFailure("primitive item in a schema collection") }
        return try decode(as: type, from: &decoder.reader)
    }

    @inlinable public static func isSame(_ lhs: Self, _ rhs: Self) -> Bool { lhs == rhs }
    @inlinable public var schemaRef: SchemaRef? { nil }
}

extension String: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .string }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.string(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> String { try reader.string() }
}

extension Bool: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .boolean }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.boolean(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> Bool { try reader.boolean() }
}

extension Double: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .number }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) {
        switch type {
        case .float64: writer.float64(self)
        case .float32: writer.float32(Float(self))
        default: writer.number(self)
        }
    }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> Double {
        switch type {
        case .float64: try reader.float64()
        case .float32: Double(try reader.float32())
        default: try reader.number()
        }
    }
}

extension Float: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .float32 }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.float32(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> Float { try reader.float32() }
}

extension Int8: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .int8 }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.int8(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> Int8 { try reader.int8() }
}

extension UInt8: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .uint8 }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.uint8(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> UInt8 { try reader.uint8() }
}

extension Int16: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .int16 }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.int16(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> Int16 { try reader.int16() }
}

extension UInt16: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .uint16 }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.uint16(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> UInt16 { try reader.uint16() }
}

extension Int32: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .int32 }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.int32(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> Int32 { try reader.int32() }
}

extension UInt32: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .uint32 }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.uint32(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> UInt32 { try reader.uint32() }
}

extension Int64: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .int64 }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.int64(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> Int64 { try reader.int64() }
}

extension UInt64: SchemaPrimitiveValue {
    public static var defaultPrimitiveType: PrimitiveType { .uint64 }
    @inlinable public func encode(as type: PrimitiveType, into writer: inout ByteWriter) { writer.uint64(self) }
    public static func decode(as type: PrimitiveType, from reader: inout ByteReader) throws(SchemaDecodingError) -> UInt64 { try reader.uint64() }
}

extension Schema: SchemaValue {
    public static var defaultElementType: CollectionElementType { .schema(self) }

    public func encodeItem(as elementType: CollectionElementType, operation: UInt8, into writer: inout ByteWriter, context: EncodeContext) {
        guard case let .schema(declared) = elementType else { preconditionFailure("schema item in a primitive collection") }
        writer.childReference(self, declaredType: declared, operation: operation, context: context)
    }

    public static func decodeItem(as elementType: CollectionElementType, operation: UInt8, previous: Schema?, decoder: inout DecodingContext) throws(SchemaDecodingError) -> Self {
        guard let value = try decoder.child(self, operation: operation, previous: previous as? Self) else {
            throw .invalidOperation(operation, on: "a collection of \(schemaName)", offset: decoder.reader.offset)
        }
        return value
    }

    public static func isSame(_ lhs: Schema, _ rhs: Schema) -> Bool { lhs === rhs }
    public var schemaRef: SchemaRef? { self }
}
