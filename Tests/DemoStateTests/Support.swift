import DemoState

/// A structural description of a state tree: class names, every field value with its Swift type,
/// collection entries with their keys in iteration order. Two trees with equal descriptions are equal
/// states (same classes, same values, same collection contents and order).
func describe(_ value: Any) -> String {
    switch value {
    case let schema as Schema:
        let type = type(of: schema)
        let fields = type.allFields.map { field in
            "\(field.name)=\(schema.value(ofField: field.index).map(describe) ?? "nil")"
        }
        return "\(type.schemaName){\(fields.joined(separator: ", "))}"
    case let collection as any AnySchemaCollection:
        let entries = collection.anyEntries.map { "\($0.key): \(describe($0.value))" }
        return "\(type(of: collection).kind)[\(entries.joined(separator: ", "))]"
    default:
        return "\(type(of: value))(\(value))"
    }
}

/// Finds the change of `field` on `ref` in a decoder's change list.
func change(_ changes: [DataChange], on ref: SchemaRef, field: String) -> DataChange? {
    changes.first { $0.ref === ref && $0.field == field }
}

/// Whether `bytes` contains `pattern` as a contiguous run.
func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
    guard pattern.count <= bytes.count else { return false }
    return (0...(bytes.count - pattern.count)).contains { Array(bytes[$0..<($0 + pattern.count)]) == pattern }
}

/// Hex helpers: bytes written as lowercase hex, spaces allowed.
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8.filter { $0 != UInt8(ascii: " ") })
    precondition(digits.count % 2 == 0, "odd hex string \(text)")
    func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
    return stride(from: 0, to: digits.count, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
}

/// The hex text of a string's UTF-8 bytes.
func hex(utf8 text: String) -> String {
    text.utf8.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

/// One line per handshake type: `id extends parent: index:name:type …`.
func describe(_ types: [ReflectedType]) -> [String] {
    types.map { type in
        "\(type.id) extends \(type.extendsId.map(String.init) ?? "-"):" + type.fields.map { " \($0.index):\($0.name):\($0.type)" }.joined()
    }
}
