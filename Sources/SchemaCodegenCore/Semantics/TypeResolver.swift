/// Turns written types into ``FieldType`` values, reporting unknown and malformed types.
struct TypeResolver {
    /// The names of all declared schemas.
    let schemaNames: Set<String>
    let diagnostics: DiagnosticCollector

    /// Resolves a field type; returns `nil` after reporting an error.
    func resolveFieldType(_ syntax: TypeSyntax) -> FieldType? {
        guard let kind = CollectionKind(rawValue: syntax.name) else {
            guard requireNoElementTypes(syntax) else { return nil }
            return resolveNamedType(syntax).map { element in
                switch element {
                case .primitive(let primitive): .primitive(primitive)
                case .schema(let name): .schema(name)
                }
            }
        }
        guard let elementSyntax = syntax.elementTypes.first else {
            diagnostics.error(
                "collection type '\(kind.rawValue)' needs an element type, as in '\(kind.rawValue)<string>'",
                at: syntax.location)
            return nil
        }
        guard syntax.elementTypes.count == 1 else {
            let keyNote = kind == .map ? "; map keys are always strings" : ""
            diagnostics.error(
                "collection type '\(kind.rawValue)' takes exactly one element type\(keyNote)", at: syntax.location)
            return nil
        }
        return resolveElementType(elementSyntax).map { .collection(kind, element: $0) }
    }

    /// Whether the name after `extends` is a declared schema; reports an error if it is not.
    func isKnownParent(_ name: SchemaDeclarationSyntax.Name) -> Bool {
        if schemaNames.contains(name.text) { return true }
        if PrimitiveType(rawValue: name.text) != nil || CollectionKind(rawValue: name.text) != nil {
            diagnostics.error(
                "schema cannot extend '\(name.text)'; only schemas can be extended", at: name.location)
        } else {
            diagnostics.error("unknown type '\(name.text)'", at: name.location)
        }
        return false
    }

    private func resolveElementType(_ syntax: TypeSyntax) -> ElementType? {
        if CollectionKind(rawValue: syntax.name) != nil {
            diagnostics.error(
                "nested collections are not supported; wrap the inner collection in a schema", at: syntax.location)
            return nil
        }
        guard requireNoElementTypes(syntax) else { return nil }
        if syntax.isOptional {
            diagnostics.error("collection elements cannot be optional", at: syntax.location)
            return nil
        }
        return resolveNamedType(syntax)
    }

    private func resolveNamedType(_ syntax: TypeSyntax) -> ElementType? {
        if let primitive = PrimitiveType(rawValue: syntax.name) { return .primitive(primitive) }
        if schemaNames.contains(syntax.name) { return .schema(syntax.name) }
        diagnostics.error("unknown type '\(syntax.name)'", at: syntax.location)
        return nil
    }

    private func requireNoElementTypes(_ syntax: TypeSyntax) -> Bool {
        guard syntax.elementTypes.isEmpty else {
            diagnostics.error("type '\(syntax.name)' does not take an element type", at: syntax.location)
            return false
        }
        return true
    }
}
