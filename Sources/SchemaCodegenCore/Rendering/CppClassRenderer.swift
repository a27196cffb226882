/// Renders the C++ class of one schema: the declaration with typed members and the constexpr field
/// table, and the out-of-line definitions (constructor, type metadata, decode dispatch, JSON, child walk).
struct CppClassRenderer {
    let schema: SchemaDefinition
    let model: SchemaModel

    private var className: String { CppNames.className(schema.name) }
    private var parentClass: String? { schema.parentName.map(CppNames.className) }
    private var refFields: [FieldDefinition] { schema.ownFields.filter { $0.type.isReference } }

    func renderDeclaration(into writer: inout CodeWriter) {
        writer.documentation(schema.documentation)
        writer.line("class \(className) : public \(parentClass ?? "\(CppNames.runtime)::Schema") {")
        writer.line("public:")
        writer.indented { body in
            for field in schema.ownFields {
                body.documentation(field.documentation)
                body.line("\(CppNames.memberType(field)) \(CppNames.member(field.name))\(initializer(field));")
            }
            if !schema.ownFields.isEmpty { body.line() }
            body.line("/// The own fields: wire index, name, wire type, element type, child schema.")
            let count = schema.ownFields.count
            if count == 0 {
                body.line("static constexpr std::array<\(CppNames.runtime)::FieldInfo, 0> fields{};")
            } else {
                body.line("static constexpr std::array<\(CppNames.runtime)::FieldInfo, \(count)> fields{{")
                body.indented { table in
                    for field in schema.ownFields { table.line(fieldRow(field) + ",") }
                }
                body.line("}};")
            }
            body.line()
            body.line("\(className)();")
            body.line("/// The class's metadata: name, parent, fields, subclasses, factory.")
            body.line("static const \(CppNames.runtime)::TypeInfo& type_info();")
            body.line("const \(CppNames.runtime)::TypeInfo& schema_type() const override { return type_info(); }")
        }
        writer.line()
        writer.line("protected:")
        writer.indented { body in
            body.line("void decode_field(int index, std::uint8_t op, \(CppNames.runtime)::DecodeContext& context) override;")
            body.line("void write_json_fields(\(CppNames.runtime)::JsonWriter& out) const override;")
            if !refFields.isEmpty {
                body.line("void for_each_child(const std::function<void(\(CppNames.runtime)::Ref&)>& visit) const override;")
            }
        }
        writer.line("};")
    }

    func renderDefinitions(into writer: inout CodeWriter) {
        renderConstructor(into: &writer)
        writer.line()
        renderTypeInfo(into: &writer)
        writer.line()
        renderDecodeField(into: &writer)
        writer.line()
        renderWriteJSON(into: &writer)
        if !refFields.isEmpty {
            writer.line()
            renderForEachChild(into: &writer)
        }
    }

    // MARK: declaration parts

    /// The default member initialiser of a primitive field with a declared default.
    private func initializer(_ field: FieldDefinition) -> String {
        guard case .primitive(let primitive) = field.type, let value = field.defaultValue,
              let literal = CppNames.literal(value, of: primitive)
        else { return "" }
        return " = \(literal)"
    }

    private func fieldRow(_ field: FieldDefinition) -> String {
        let wire = CppNames.wireTypes(field.type)
        let child = CppNames.referencedSchema(field.type).map { "&\(CppNames.runtime)::type_info_of<\(CppNames.className($0))>" } ?? "nullptr"
        return "\(CppNames.runtime)::FieldInfo{\(field.index), \(CppNames.string(field.name)), \(wire.type), \(wire.element), \(child)}"
    }

    // MARK: definitions

    private func renderConstructor(into writer: inout CodeWriter) {
        let created = refFields.filter { !$0.isOptional }
        guard !created.isEmpty else {
            writer.line("inline \(className)::\(className)() = default;")
            return
        }
        writer.line("inline \(className)::\(className)()")
        for (position, field) in created.enumerated() {
            let separator = position == 0 ? ":" : ","
            writer.line("    \(separator) \(CppNames.member(field.name))(std::make_shared<\(CppNames.pointee(field.type)!)>(\(collectionItems(field))))")
        }
        writer.line("{}")
    }

    /// The items of a collection field's declared default (`= [1, 0.5]`), as the collection's
    /// initializer-list argument; empty when the field has no default.
    private func collectionItems(_ field: FieldDefinition) -> String {
        guard case .collection(_, .primitive(let primitive)) = field.type, case .array(let values)? = field.defaultValue else { return "" }
        let items = values.compactMap { CppNames.literal($0, of: primitive) }
        return "std::initializer_list<\(CppNames.valueType(primitive))>{\(items.joined(separator: ", "))}"
    }

    private func renderTypeInfo(into writer: inout CodeWriter) {
        let runtime = CppNames.runtime
        let subclasses = model.directSubclasses(of: schema)
        writer.block("inline const \(runtime)::TypeInfo& \(className)::type_info() {") { body in
            if !subclasses.isEmpty {
                let list = subclasses.map { "&\(runtime)::type_info_of<\(CppNames.className($0.name))>" }.joined(separator: ", ")
                body.line("static constexpr \(runtime)::TypeInfoAccessor subclasses[] = {\(list)};")
            }
            let parent = parentClass.map { "&\(runtime)::type_info_of<\($0)>" } ?? "nullptr"
            let subclassList = subclasses.isEmpty ? "nullptr, 0" : "subclasses, \(subclasses.count)"
            body.line("static const \(runtime)::TypeInfo info{")
            body.line("    \(CppNames.string(schema.name)), \(parent), \(schema.firstFieldIndex), fields.data(), fields.size(),")
            body.line("    \(subclassList), &\(runtime)::create_instance<\(className)>};")
            body.line("return info;")
        }
    }

    private func renderDecodeField(into writer: inout CodeWriter) {
        let runtime = CppNames.runtime
        let usesParameters = !schema.ownFields.isEmpty || parentClass != nil
        let parameters = usesParameters ? "int index, std::uint8_t op, \(runtime)::DecodeContext& context" : "int, std::uint8_t, \(runtime)::DecodeContext&"
        writer.block("inline void \(className)::decode_field(\(parameters)) {") { body in
            guard !schema.ownFields.isEmpty else {
                if let parentClass { body.line("\(parentClass)::decode_field(index, op, context);") }
                return
            }
            body.block("switch (index) {") { cases in
                for (position, field) in schema.ownFields.enumerated() {
                    let member = CppNames.member(field.name)
                    let row = "fields[\(position)]"
                    switch field.type {
                    case .primitive(let primitive):
                        cases.line("case \(field.index): context.field<\(runtime)::type::\(primitive.rawValue)>(*this, \(row), op, \(member)); break;")
                    case .schema:
                        cases.line("case \(field.index): context.child(*this, \(row), op, \(member), \(field.isOptional)); break;")
                    case .collection:
                        cases.line("case \(field.index): context.collection(*this, \(row), op, \(member), \(field.isOptional)); break;")
                    }
                }
                if let parentClass {
                    cases.line("default: \(parentClass)::decode_field(index, op, context); break;")
                } else {
                    cases.line("default: break;")
                }
            }
        }
    }

    private func renderWriteJSON(into writer: inout CodeWriter) {
        let runtime = CppNames.runtime
        let parameter = schema.ownFields.isEmpty && parentClass == nil ? "" : " out"
        writer.block("inline void \(className)::write_json_fields(\(runtime)::JsonWriter&\(parameter)) const {") { body in
            if let parentClass { body.line("\(parentClass)::write_json_fields(out);") }
            for field in schema.ownFields {
                let member = CppNames.member(field.name)
                let key = "out.key(\(CppNames.string(field.name)));"
                switch field.type {
                case .primitive(let primitive):
                    let write = "\(runtime)::type::\(primitive.rawValue)::write_json(out, \(field.isOptional ? "*" : "")\(member));"
                    body.line(field.isOptional ? "if (\(member)) { \(key) \(write) }" : "\(key) \(write)")
                case .schema, .collection:
                    body.line("if (\(member)) { \(key) \(member)->write_json(out); }")
                }
            }
        }
    }

    private func renderForEachChild(into writer: inout CodeWriter) {
        let runtime = CppNames.runtime
        writer.block("inline void \(className)::for_each_child(const std::function<void(\(runtime)::Ref&)>& visit) const {") { body in
            body.line("\(parentClass ?? "\(runtime)::Schema")::for_each_child(visit);")
            for field in refFields {
                let member = CppNames.member(field.name)
                body.line("if (\(member)) visit(*\(member));")
            }
        }
    }
}
