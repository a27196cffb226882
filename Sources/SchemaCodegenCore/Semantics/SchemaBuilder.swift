/// Builds schema definitions parent-first so that each schema knows its inherited fields.
///
/// Used by ``SemanticAnalyzer`` after duplicate names and inheritance cycles have been dealt
/// with, so following parent links always ends.
struct SchemaBuilder {
    /// A field name that is already taken in a schema, and by which schema.
    struct TakenFieldName {
        let location: SourceLocation
        let schemaName: String
    }

    /// A finished schema with what its subclasses need to know.
    struct BuiltSchema {
        let definition: SchemaDefinition
        /// The number of fields including inherited ones.
        let fieldCount: Int
        /// Every field name of the schema, inherited or own.
        let takenFieldNames: [String: TakenFieldName]
    }

    let declarationsByName: [String: SchemaDeclarationSyntax]
    let parentByName: [String: String]
    let typeResolver: TypeResolver
    let attributeResolver: AttributeResolver
    let defaultValueResolver: DefaultValueResolver
    let diagnostics: DiagnosticCollector
    private var builtSchemas: [String: BuiltSchema] = [:]

    init(
        declarationsByName: [String: SchemaDeclarationSyntax], parentByName: [String: String],
        typeResolver: TypeResolver, attributeResolver: AttributeResolver,
        defaultValueResolver: DefaultValueResolver, diagnostics: DiagnosticCollector
    ) {
        self.declarationsByName = declarationsByName
        self.parentByName = parentByName
        self.typeResolver = typeResolver
        self.attributeResolver = attributeResolver
        self.defaultValueResolver = defaultValueResolver
        self.diagnostics = diagnostics
    }

    /// Builds the schema called `name` (a registered declaration), building its ancestors first.
    mutating func build(_ name: String) -> BuiltSchema {
        if let built = builtSchemas[name] { return built }
        let declaration = declarationsByName[name]!
        let parent = parentByName[name].map { build($0) }
        let inheritedFieldCount = parent?.fieldCount ?? 0
        var takenFieldNames = parent?.takenFieldNames ?? [:]
        var ownFields: [FieldDefinition] = []
        var fieldCount = inheritedFieldCount
        for field in declaration.fields {
            guard claimFieldName(field, in: name, takenFieldNames: &takenFieldNames) else { continue }
            let index = fieldCount
            fieldCount += 1
            if let definition = buildField(field, index: index) {
                ownFields.append(definition)
            }
        }
        if fieldCount > SemanticAnalyzer.maximumFieldCount, inheritedFieldCount <= SemanticAnalyzer.maximumFieldCount {
            diagnostics.error(
                "schema '\(name)' has \(fieldCount) fields including inherited ones; "
                    + "at most \(SemanticAnalyzer.maximumFieldCount) are allowed",
                at: declaration.name.location)
        }
        let definition = SchemaDefinition(
            name: name, documentation: declaration.documentation, parentName: parentByName[name],
            ownFields: ownFields, firstFieldIndex: inheritedFieldCount,
            sourceFile: declaration.name.location.file, location: declaration.name.location)
        let built = BuiltSchema(definition: definition, fieldCount: fieldCount, takenFieldNames: takenFieldNames)
        builtSchemas[name] = built
        return built
    }

    /// Reports a reserved field name, and a name already taken in this schema or by an ancestor.
    /// Returns whether the field gets an index (duplicates do not).
    private func claimFieldName(
        _ field: FieldDeclarationSyntax, in schemaName: String, takenFieldNames: inout [String: TakenFieldName]
    ) -> Bool {
        if let reason = ReservedNames.reasonAgainstFieldName(field.name) {
            diagnostics.error("field name '\(field.name)' is reserved: \(reason)", at: field.nameLocation)
        }
        if let taken = takenFieldNames[field.name] {
            if taken.schemaName == schemaName {
                diagnostics.error(
                    "duplicate field '\(field.name)' in schema '\(schemaName)'; first declared at \(taken.location)",
                    at: field.nameLocation)
            } else {
                diagnostics.error(
                    "field '\(field.name)' redeclares a field inherited from '\(taken.schemaName)' "
                        + "(declared at \(taken.location))",
                    at: field.nameLocation)
            }
            return false
        }
        // Generated code stores field `x` in a private `_x`, so `x` and `_x` cannot both be fields
        // of a class and its ancestors.
        let storageNeighbours = ["_" + field.name] + (field.name.hasPrefix("_") ? [String(field.name.dropFirst())] : [])
        for neighbour in storageNeighbours {
            guard let taken = takenFieldNames[neighbour] else { continue }
            diagnostics.error(
                "field '\(field.name)' collides with field '\(neighbour)' (declared at \(taken.location)) "
                    + "in generated code, which stores a field 'x' in '_x'",
                at: field.nameLocation)
        }
        takenFieldNames[field.name] = TakenFieldName(location: field.nameLocation, schemaName: schemaName)
        return true
    }

    private func buildField(_ field: FieldDeclarationSyntax, index: Int) -> FieldDefinition? {
        let viewTag = attributeResolver.viewTag(from: field.attributes)
        guard let type = typeResolver.resolveFieldType(field.type) else { return nil }
        var defaultValue = field.defaultValue.flatMap {
            defaultValueResolver.resolve($0, for: type, isOptional: field.type.isOptional, fieldName: field.name)
        }
        // `= []` gives a collection that is never absent the value it starts with anyway: no default.
        if !field.type.isOptional, case .collection = type, defaultValue == .array([]) {
            defaultValue = nil
        }
        return FieldDefinition(
            name: field.name, documentation: field.documentation, index: index, type: type,
            isOptional: field.type.isOptional, defaultValue: defaultValue, viewTag: viewTag,
            location: field.nameLocation)
    }
}
