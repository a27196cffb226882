/// A type that can be a collection item: one of the Swift types the primitive schema types map to,
/// or a `Schema` class.
public protocol SchemaValue {
    /// The wire type a collection of this Swift type uses unless the schema says otherwise
    /// (`Double` is `number` unless declared `float64`, `Int64` is `int64` unless `bigint64`, ...).
    static var defaultElementType: CollectionElementType { get }
    /// The value as a collection stores it.
    var schemaItem: SchemaItem { get }
    /// The value of a stored item (which a collection of this type always holds in the matching form).
    static func fromSchemaItem(_ item: SchemaItem) -> Self
}

extension String: SchemaValue {
    public static var defaultElementType: CollectionElementType { .primitive(.string) }
    @inlinable public var schemaItem: SchemaItem { .string(self) }
    @inlinable public static func fromSchemaItem(_ item: SchemaItem) -> String {
        guard case let .string(value) = item else { preconditionFailure("not a string item: \(item)") }
        return value
    }
}

extension Bool: SchemaValue {
    public static var defaultElementType: CollectionElementType { .primitive(.boolean) }
    @inlinable public var schemaItem: SchemaItem { .boolean(self) }
    @inlinable public static func fromSchemaItem(_ item: SchemaItem) -> Bool {
        guard case let .boolean(value) = item else { preconditionFailure("not a boolean item: \(item)") }
        return value
    }
}

extension Double: SchemaValue {
    public static var defaultElementType: CollectionElementType { .primitive(.number) }
    @inlinable public var schemaItem: SchemaItem { .double(self) }
    @inlinable public static func fromSchemaItem(_ item: SchemaItem) -> Double {
        guard case let .double(value) = item else { preconditionFailure("not a number item: \(item)") }
        return value
    }
}

extension Float: SchemaValue {
    public static var defaultElementType: CollectionElementType { .primitive(.float32) }
    @inlinable public var schemaItem: SchemaItem { .float(self) }
    @inlinable public static func fromSchemaItem(_ item: SchemaItem) -> Float {
        guard case let .float(value) = item else { preconditionFailure("not a float32 item: \(item)") }
        return value
    }
}

/// Signed integers are stored widened to `Int64`.
public protocol SchemaSignedInteger: SchemaValue, FixedWidthInteger, SignedInteger {
    static var integerType: PrimitiveType { get }
}

extension SchemaSignedInteger {
    public static var defaultElementType: CollectionElementType { .primitive(integerType) }
    @inlinable public var schemaItem: SchemaItem { .signed(Int64(self)) }
    @inlinable public static func fromSchemaItem(_ item: SchemaItem) -> Self {
        guard case let .signed(value) = item else { preconditionFailure("not a signed integer item: \(item)") }
        return Self(truncatingIfNeeded: value)
    }
}

/// Unsigned integers are stored widened to `UInt64`.
public protocol SchemaUnsignedInteger: SchemaValue, FixedWidthInteger, UnsignedInteger {
    static var integerType: PrimitiveType { get }
}

extension SchemaUnsignedInteger {
    public static var defaultElementType: CollectionElementType { .primitive(integerType) }
    @inlinable public var schemaItem: SchemaItem { .unsigned(UInt64(self)) }
    @inlinable public static func fromSchemaItem(_ item: SchemaItem) -> Self {
        guard case let .unsigned(value) = item else { preconditionFailure("not an unsigned integer item: \(item)") }
        return Self(truncatingIfNeeded: value)
    }
}

extension Int8: SchemaSignedInteger { public static var integerType: PrimitiveType { .int8 } }
extension Int16: SchemaSignedInteger { public static var integerType: PrimitiveType { .int16 } }
extension Int32: SchemaSignedInteger { public static var integerType: PrimitiveType { .int32 } }
extension Int64: SchemaSignedInteger { public static var integerType: PrimitiveType { .int64 } }
extension UInt8: SchemaUnsignedInteger { public static var integerType: PrimitiveType { .uint8 } }
extension UInt16: SchemaUnsignedInteger { public static var integerType: PrimitiveType { .uint16 } }
extension UInt32: SchemaUnsignedInteger { public static var integerType: PrimitiveType { .uint32 } }
extension UInt64: SchemaUnsignedInteger { public static var integerType: PrimitiveType { .uint64 } }

extension Schema: SchemaValue {
    public static var defaultElementType: CollectionElementType { .schema(self) }
    @inlinable public var schemaItem: SchemaItem { .schema(self) }
    @inlinable public static func fromSchemaItem(_ item: SchemaItem) -> Self {
        guard case let .schema(value) = item else { preconditionFailure("not a schema item: \(item)") }
        return unsafeDowncast(value, to: self)
    }
}
