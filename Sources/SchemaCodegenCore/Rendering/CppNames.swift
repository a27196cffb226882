/// C++ spellings of schema types, names and default values in generated headers.
enum CppNames {
    /// The runtime namespace, spelled out in generated code so that no alias leaks into user code.
    static let runtime = "colyseus::schema"

    /// C++ keywords and alternative tokens, which cannot name a member or a class.
    static let keywords: Set<String> = [
        "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
        "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
        "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
        "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
        "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
        "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
        "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
        "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
        "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
    ]

    /// Members of generated classes and of the runtime base classes that a field must not hide, and
    /// the namespaces generated code qualifies names with.
    static let memberNames: Set<String> = [
        "std", "colyseus",
        "fields", "type_info", "schema_type", "decode_field", "decode_operation", "write_json", "write_json_fields",
        "for_each_child", "finish_section", "ref_id", "to_json", "type_description", "has_decoded",
    ]

    /// The C++ identifier of a field: its schema name, with `_` appended when that is a keyword or a member name.
    static func member(_ name: String) -> String {
        keywords.contains(name) || memberNames.contains(name) ? name + "_" : name
    }

    /// The C++ identifier of a schema class.
    static func className(_ name: String) -> String {
        keywords.contains(name) ? name + "_" : name
    }

    /// The C++ value type of a primitive.
    static func valueType(_ primitive: PrimitiveType) -> String {
        switch primitive {
        case .string: "std::string"
        case .number, .float64: "double"
        case .boolean: "bool"
        case .int8: "std::int8_t"
        case .uint8: "std::uint8_t"
        case .int16: "std::int16_t"
        case .uint16: "std::uint16_t"
        case .int32: "std::int32_t"
        case .uint32: "std::uint32_t"
        case .int64, .bigint64: "std::int64_t"
        case .uint64, .biguint64: "std::uint64_t"
        case .float32: "float"
        }
    }

    /// The runtime tag of an element type (`colyseus::schema::type::number`, `...::type::ref<Player>`).
    static func tag(_ element: ElementType) -> String {
        switch element {
        case .primitive(let primitive): "\(runtime)::type::\(primitive.rawValue)"
        case .schema(let name): "\(runtime)::type::ref<\(className(name))>"
        }
    }

    /// The runtime class template of a collection kind.
    static func collectionClass(_ kind: CollectionKind) -> String {
        switch kind {
        case .array: "\(runtime)::ArraySchema"
        case .map: "\(runtime)::MapSchema"
        case .set: "\(runtime)::SetSchema"
        case .collection: "\(runtime)::CollectionSchema"
        }
    }

    /// The type a ref-valued field points to (a schema class or a collection instance).
    static func pointee(_ type: FieldType) -> String? {
        switch type {
        case .primitive: nil
        case .schema(let name): className(name)
        case .collection(let kind, let element): "\(collectionClass(kind))<\(tag(element))>"
        }
    }

    /// The C++ type of a field's member.
    static func memberType(_ field: FieldDefinition) -> String {
        switch field.type {
        case .primitive(let primitive):
            field.isOptional ? "std::optional<\(valueType(primitive))>" : valueType(primitive)
        case .schema, .collection:
            "std::shared_ptr<\(pointee(field.type)!)>"
        }
    }

    /// The `WireType` enumerator of a field's type and of its elements.
    static func wireTypes(_ type: FieldType) -> (type: String, element: String) {
        func wire(_ name: String) -> String { "\(runtime)::WireType::\(name)" }
        switch type {
        case .primitive(let primitive): return (wire(primitive.rawValue), wire(primitive.rawValue))
        case .schema: return (wire("ref"), wire("ref"))
        case .collection(let kind, .primitive(let primitive)): return (wire(kind.rawValue), wire(primitive.rawValue))
        case .collection(let kind, .schema): return (wire(kind.rawValue), wire("ref"))
        }
    }

    /// The schema a field refers to, directly or as its collection's element.
    static func referencedSchema(_ type: FieldType) -> String? {
        switch type {
        case .schema(let name), .collection(_, .schema(let name)): name
        case .primitive, .collection(_, .primitive): nil
        }
    }

    /// A C++ literal for a primitive default value, exact for its type.
    static func literal(_ value: DefaultValue, of primitive: PrimitiveType) -> String? {
        switch value {
        case .integer(let integer):
            switch primitive {
            case .int64, .bigint64:
                return integer.int64Value == Int64.min ? "std::numeric_limits<std::int64_t>::min()" : "\(integer)LL"
            case .uint64, .biguint64: return "\(integer)ULL"
            case .uint32: return "\(integer)U"
            default: return integer.description
            }
        case .float(let double):
            if primitive == .float32 { return floatingPoint(Double(Float(double))) + "F" }
            return floatingPoint(double)
        case .string(let text): return string(text)
        case .boolean(let flag): return flag ? "true" : "false"
        case .array: return nil
        }
    }

    /// A C++ string literal; bytes a literal cannot hold verbatim are escaped in octal, which cannot
    /// swallow the characters that follow (as hexadecimal escapes would).
    static func string(_ value: String) -> String {
        var result = "\""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): result += "\\\""
            case UInt8(ascii: "\\"): result += "\\\\"
            case UInt8(ascii: "\n"): result += "\\n"
            case UInt8(ascii: "\t"): result += "\\t"
            case UInt8(ascii: "\r"): result += "\\r"
            case 0x20..<0x7F: result.unicodeScalars.append(Unicode.Scalar(byte))
            default: result += "\\" + String(repeating: "0", count: 3 - String(byte, radix: 8).count) + String(byte, radix: 8)
            }
        }
        return result + "\""
    }

    private static func floatingPoint(_ value: Double) -> String {
        let text = "\(value)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }
}
