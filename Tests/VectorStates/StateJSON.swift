import ColyseusSchema
import SchemaTestSupport

/// The JSON form of a decoded state, in the vectors' conventions: unset fields omitted, bigints as
/// `"<n>n"` strings, negative zero as `"-0"`, sets and collections as arrays.
public enum StateJSON {
    /// The JSON form of `schema` and everything below it.
    public static func value(_ schema: Schema) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for field in type(of: schema).allFields {
            guard let value = schema.value(ofField: field.index) else { continue }
            members[field.name] = convert(value, type: field.type)
        }
        return .object(members)
    }

    private static func convert(_ value: Any, type: SchemaFieldType) -> JSONValue {
        switch type {
        case let .primitive(primitive): primitiveValue(value, primitive)
        case .schema: self.value(value as! Schema)
        case let .collection(_, element): collection(value as! any AnySchemaCollection, element: element)
        }
    }

    private static func collection(_ collection: any AnySchemaCollection, element: CollectionElementType) -> JSONValue {
        let itemType: SchemaFieldType
        switch element {
        case let .primitive(primitive): itemType = .primitive(primitive)
        case let .schema(schema): itemType = .schema(schema)
        }
        let entries = collection.anyEntries
        if type(of: collection).kind == .map {
            var members: [String: JSONValue] = [:]
            for entry in entries { members[entry.key.description] = convert(entry.value, type: itemType) }
            return .object(members)
        }
        return .array(entries.map { convert($0.value, type: itemType) })
    }

    private static func primitiveValue(_ value: Any, _ type: PrimitiveType) -> JSONValue {
        switch value {
        case let string as String: return .string(string)
        case let bool as Bool: return .bool(bool)
        case let double as Double: return number(double)
        case let float as Float: return number(Double(float))
        case let integer as Int64: return type == .bigint64 ? .string("\(integer)n") : .number(Double(integer))
        case let integer as UInt64: return type == .biguint64 ? .string("\(integer)n") : .number(Double(integer))
        case let integer as Int8: return .number(Double(integer))
        case let integer as UInt8: return .number(Double(integer))
        case let integer as Int16: return .number(Double(integer))
        case let integer as UInt16: return .number(Double(integer))
        case let integer as Int32: return .number(Double(integer))
        case let integer as UInt32: return .number(Double(integer))
        default: fatalError("unexpected primitive \(value)")
        }
    }

    private static func number(_ value: Double) -> JSONValue {
        value == 0 && value.sign == .minus ? .string("-0") : .number(value)
    }
}
