import ColyseusSchema
import MessagePack

extension MessagePackValue {
    /// A schema instance as a plain MessagePack value (what the reference sends when a message is a
    /// schema object): a map of field names to values, maps for MapSchema, arrays for the other collections.
    public init(schema: Schema) {
        self = .map(type(of: schema).allFields.compactMap { field in
            guard let value = schema.value(ofField: field.index) else { return nil }
            return (key: .string(field.name), value: MessagePackValue(schemaValue: value))
        })
    }

    private init(schemaValue value: Any) {
        switch value {
        case let schema as Schema: self.init(schema: schema)
        case let collection as any AnySchemaCollection:
            let entries = collection.anyEntries
            if type(of: collection).kind == .map {
                self = .map(entries.map { (key: .string($0.key.description), value: MessagePackValue(schemaValue: $0.value)) })
            } else {
                self = .array(entries.map { MessagePackValue(schemaValue: $0.value) })
            }
        case let text as String: self = .string(text)
        case let flag as Bool: self = .bool(flag)
        case let number as Double: self = .double(number)
        case let number as Float: self = .float(number)
        case let number as UInt64: self = .uint(number)
        case let number as any BinaryInteger: self = .int(Int64(number))
        default: self = .nil
        }
    }
}
