/// How schema types are spelled and handled in generated Swift.
extension PrimitiveType {
    /// The Swift type holding values of this type.
    var swiftType: String {
        switch self {
        case .string: "String"
        case .number, .float64: "Double"
        case .boolean: "Bool"
        case .int8: "Int8"
        case .uint8: "UInt8"
        case .int16: "Int16"
        case .uint16: "UInt16"
        case .int32: "Int32"
        case .uint32: "UInt32"
        case .int64, .bigint64: "Int64"
        case .uint64, .biguint64: "UInt64"
        case .float32: "Float"
        }
    }

    /// The value of a field of this type that has no declared default.
    var zeroLiteral: String {
        switch self {
        case .string: "\"\""
        case .boolean: "false"
        default: "0"
        }
    }

    /// The `ByteWriter` / `ByteReader` method for this type.
    var wireMethod: String {
        switch self {
        case .bigint64: "int64"
        case .biguint64: "uint64"
        default: rawValue
        }
    }

    /// Whether the Swift type's default collection element type differs from this one, so that a
    /// collection must name its element type (`Double` is `number` unless declared `float64`, ...).
    var needsExplicitElementType: Bool {
        switch self {
        case .float64, .bigint64, .biguint64: true
        default: false
        }
    }
}

extension ElementType {
    var swiftType: String {
        switch self {
        case .primitive(let primitive): primitive.swiftType
        case .schema(let name): name
        }
    }

    /// The runtime's `CollectionElementType` / `SchemaFieldType` element spelling.
    var metadataLiteral: String {
        switch self {
        case .primitive(let primitive): ".primitive(.\(primitive.rawValue))"
        case .schema(let name): ".schema(\(name).self)"
        }
    }
}

extension FieldType {
    /// The Swift type of the stored value, without optionality.
    var swiftType: String {
        switch self {
        case .primitive(let primitive): primitive.swiftType
        case .schema(let name): name
        case .collection(let kind, let element): "\(kind.className)<\(element.swiftType)>"
        }
    }

    /// The runtime's `SchemaFieldType` spelling.
    var metadataLiteral: String {
        switch self {
        case .primitive(let primitive): ".primitive(.\(primitive.rawValue))"
        case .schema(let name): ".schema(\(name).self)"
        case .collection(let kind, let element): ".collection(.\(kind.rawValue), \(element.metadataLiteral))"
        }
    }

    /// Whether values are refs (child schemas or collections) rather than primitives.
    var isReference: Bool {
        if case .primitive = self { return false }
        return true
    }

    /// An expression creating an empty value of this reference type.
    var emptyInstanceExpression: String {
        switch self {
        case .primitive(let primitive): primitive.zeroLiteral
        case .schema(let name): "\(name)()"
        case .collection(_, .primitive(let primitive)) where primitive.needsExplicitElementType:
            "\(swiftType)(elementType: .primitive(.\(primitive.rawValue)))"
        case .collection: "\(swiftType)()"
        }
    }
}
