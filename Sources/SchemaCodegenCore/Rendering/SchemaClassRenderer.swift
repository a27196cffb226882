/// Renders the class of one schema: typed properties with change recording, metadata, and
/// straight-line encode / decode / child-walk code keyed by field index.
struct SchemaClassRenderer {
    let schema: SchemaDefinition
    let model: SchemaModel
    let access: String

    private var subclasses: [SchemaDefinition] { model.directSubclasses(of: schema) }
    private var fieldCount: Int { schema.firstFieldIndex + schema.ownFields.count }

    func render(into writer: inout CodeWriter) {
        writer.documentation(schema.documentation)
        let finality = subclasses.isEmpty ? " final" : ""
        writer.block("\(access)\(finality) class \(schema.name): \(schema.parentName ?? "Schema") {") { body in
            for field in schema.ownFields {
                renderProperty(field, into: &body)
                body.line()
            }
            renderInitializer(into: &body)
            body.line()
            renderMetadata(into: &body)
            body.line()
            renderEncodeField(into: &body)
            body.line()
            if subclasses.isEmpty {
                renderEncodeOperations(into: &body)
                body.line()
            }
            renderDecodeField(into: &body)
            body.line()
            renderValueOfField(into: &body)
            if schema.ownFields.contains(where: { $0.type.isReference }) {
                body.line()
                renderForEachChild(into: &body)
            }
        }
    }

    // MARK: properties

    private func storedType(_ field: FieldDefinition) -> String {
        field.type.swiftType + (field.isOptional ? "?" : "")
    }

    private func initialValue(_ field: FieldDefinition) -> String? {
        guard let value = field.defaultValue else {
            return field.isOptional ? nil : field.type.emptyInstanceExpression
        }
        switch field.type {
        case .primitive(let primitive):
            return SwiftLiterals.value(value, of: primitive)
        case .collection(let kind, .primitive(let primitive)):
            return collectionExpression(kind: kind, element: primitive, value: value)
        case .schema, .collection(_, .schema):
            // The front end allows no default here; keep the empty value.
            return field.type.emptyInstanceExpression
        }
    }

    /// An expression creating a collection of primitives holding the default `value`, on one line
    /// (it is also the fallback of a non-optional field after a DELETE).
    private func collectionExpression(kind: CollectionKind, element: PrimitiveType, value: DefaultValue) -> String {
        let type = FieldType.collection(kind, element: .primitive(element))
        guard case .array(let elements) = value, !elements.isEmpty else { return type.emptyInstanceExpression }
        let literal = SwiftLiterals.value(value, of: element)
        let elementType = element.needsExplicitElementType ? ", elementType: .primitive(.\(element.rawValue))" : ""
        return "\(type.swiftType)(\(literal)\(elementType))"
    }

    private func renderProperty(_ field: FieldDefinition, into writer: inout CodeWriter) {
        let name = field.name
        writer.documentation(field.documentation)
        writer.block("\(access) var \(name): \(storedType(field)) {") { property in
            property.line("get { _\(name) }")
            property.block("set {") { setter in
                if field.type.isReference {
                    setter.line("guard newValue !== _\(name) else { return }")
                    setter.line("let old = _\(name)")
                    setter.line("_\(name) = newValue")
                    setter.line("replaceChild(at: \(field.index), old: old, new: newValue)")
                } else {
                    setter.line("guard newValue != _\(name) else { return }")
                    setter.line("_\(name) = newValue")
                    if field.isOptional {
                        setter.line("if newValue == nil { recordDelete(at: \(field.index)) } else { recordChange(at: \(field.index)) }")
                    } else {
                        setter.line("recordChange(at: \(field.index))")
                    }
                }
            }
        }
        let initializer = initialValue(field).map { " = \($0)" } ?? ""
        writer.line("private var _\(name): \(storedType(field))\(initializer)")
    }

    // MARK: initializer

    private func renderInitializer(into writer: inout CodeWriter) {
        writer.documentation(["Creates an instance with the declared defaults."])
        writer.block("\(access) required init() {") { body in
            body.line("super.init()")
            for field in schema.ownFields where !field.isOptional || field.defaultValue != nil {
                body.line("recordInitialValue(at: \(field.index))")
            }
        }
        writer.line()
        writer.documentation(["Creates an instance for a decoder: defaults set, nothing recorded."])
        writer.block("\(access) required init(decoding: DecodingConstruction) {") { body in
            body.line("super.init(decoding: decoding)")
        }
    }

    // MARK: metadata

    private func renderMetadata(into writer: inout CodeWriter) {
        writer.line("\(access) override class var schemaName: String { \(SwiftLiterals.string(schema.name)) }")
        writer.line("\(access) override class var fieldCount: Int { \(fieldCount) }")
        if let parent = schema.parentName {
            writer.line("\(access) override class var parentSchema: Schema.Type? { \(parent).self }")
        }
        if !subclasses.isEmpty {
            let list = subclasses.map { "\($0.name).self" }.joined(separator: ", ")
            writer.line("\(access) override class var knownSubclasses: [Schema.Type] { [\(list)] }")
        }
        if schema.ownFields.isEmpty {
            writer.line("\(access) override class var ownFields: [SchemaField] { [] }")
            return
        }
        writer.block("\(access) override class var ownFields: [SchemaField] {") { body in
            body.block("[", closing: "]") { list in
                for field in schema.ownFields {
                    let tag = field.viewTag.map { ", viewTag: \($0)" } ?? ""
                    list.line("SchemaField(index: \(field.index), name: \(SwiftLiterals.string(field.name)), type: \(field.type.metadataLiteral)\(tag)),")
                }
            }
        }
    }

    // MARK: encode

    private func renderEncodeField(into writer: inout CodeWriter) {
        // A final class inlines encodeField into its encodeOperations loop.
        if subclasses.isEmpty { writer.line("@inline(__always)") }
        writer.block("\(access) override func encodeField(_ index: Int, operation: UInt8, into writer: inout ByteWriter, context: EncodeContext) {") { body in
            renderFieldSwitch(
                into: &body, inherited: "super.encodeField(index, operation: operation, into: &writer, context: context)",
                statement: encodeStatement)
        }
    }

    /// `switch index` with one line per own field; other indexes belong to the superclass.
    private func renderFieldSwitch(into body: inout CodeWriter, inherited: String, statement: (FieldDefinition) -> String) {
        guard !schema.ownFields.isEmpty else {
            body.line(inherited)
            return
        }
        body.line("switch index {")
        for field in schema.ownFields {
            body.line("case \(field.index): \(statement(field))")
        }
        body.line("default: \(inherited)")
        body.line("}")
    }

    private func encodeStatement(_ field: FieldDefinition) -> String {
        let value = "_\(field.name)" + (field.isOptional ? "!" : "")
        switch field.type {
        case .primitive(let primitive):
            return "writer.\(primitive.wireMethod)(\(value))"
        case .schema(let name):
            return "writer.childReference(\(value), declaredType: \(name).self, operation: operation, context: context)"
        case .collection:
            return "writer.collectionReference(\(value))"
        }
    }

    /// In a final class the loop calls `encodeField` directly (no vtable), so the optimizer can inline it.
    private func renderEncodeOperations(into writer: inout CodeWriter) {
        writer.block("\(access) override func encodeOperations(_ operations: FieldOperations, into writer: inout ByteWriter, context: EncodeContext) {") { body in
            body.block("for operation in operations where writer.fieldOperation(operation, context: context) {") { loop in
                loop.line("encodeField(operation.index, operation: operation.code, into: &writer, context: context)")
            }
        }
    }

    // MARK: decode

    private func renderDecodeField(into writer: inout CodeWriter) {
        writer.block("\(access) override func decodeField(_ index: Int, operation: UInt8, decoder: inout DecodingContext) throws(SchemaDecodingError) {") { body in
            guard !schema.ownFields.isEmpty else {
                body.line("try super.decodeField(index, operation: operation, decoder: &decoder)")
                return
            }
            body.line("switch index {")
            for field in schema.ownFields {
                body.line("case \(field.index):")
                body.indented { caseBody in
                    caseBody.line("let previous = _\(field.name)")
                    caseBody.line("_\(field.name) = \(decodeExpression(field))")
                    caseBody.line("decoder.reportField(self, \(SwiftLiterals.string(field.name)), operation, previous: previous, value: _\(field.name))")
                }
            }
            body.line("default:")
            body.indented { $0.line("try super.decodeField(index, operation: operation, decoder: &decoder)") }
            body.line("}")
        }
    }

    /// The value a field takes after a decoded operation; DELETE gives nil, or the declared default
    /// (or an empty value) for a non-optional field.
    private func decodeExpression(_ field: FieldDefinition) -> String {
        let fallback = field.isOptional ? "" : " ?? \(initialValue(field) ?? field.type.emptyInstanceExpression)"
        switch field.type {
        case .primitive(let primitive):
            let deleted = field.isOptional ? "nil" : (initialValue(field) ?? primitive.zeroLiteral)
            return "operation == Operation.delete ? \(deleted) : try decoder.reader.\(primitive.wireMethod)()"
        case .schema(let name):
            return "try decoder.child(\(name).self, operation: operation, previous: previous)\(fallback)"
        case .collection:
            return "try decoder.collection(operation: operation, previous: previous) { \(field.type.emptyInstanceExpression) }\(fallback)"
        }
    }

    // MARK: inspection and child walk

    private func renderValueOfField(into writer: inout CodeWriter) {
        writer.block("\(access) override func value(ofField index: Int) -> Any? {") { body in
            renderFieldSwitch(into: &body, inherited: "return super.value(ofField: index)") { "return _\($0.name)" }
        }
    }

    private func renderForEachChild(into writer: inout CodeWriter) {
        writer.block("\(access) override func forEachChild(_ body: (SchemaRef) -> Void) {") { body in
            body.line("super.forEachChild(body)")
            for field in schema.ownFields where field.type.isReference {
                if field.isOptional {
                    body.line("if let _\(field.name) { body(_\(field.name)) }")
                } else {
                    body.line("body(_\(field.name))")
                }
            }
        }
    }
}
