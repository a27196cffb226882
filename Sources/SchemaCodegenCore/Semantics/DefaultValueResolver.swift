/// Checks a written default value against its field type and converts it to a ``DefaultValue``.
///
/// Schema-typed fields, map fields and collections of schemas cannot have defaults, except that any
/// optional collection may start present and empty (`= []`). Every other type takes literals of its
/// kind; integers must lie within the range of the integer type.
struct DefaultValueResolver {
    let diagnostics: DiagnosticCollector

    /// Resolves the default of the field `fieldName`; returns `nil` after reporting an error.
    func resolve(_ literal: LiteralSyntax, for type: FieldType, isOptional: Bool, fieldName: String) -> DefaultValue? {
        // An optional collection may start present and empty.
        if isOptional, case .collection = type, case .array(let elements) = literal.value, elements.isEmpty {
            return .array([])
        }
        switch type {
        case .primitive(let primitive):
            return resolve(literal, for: primitive)
        case .schema(let schemaName):
            diagnostics.error(
                "field '\(fieldName)' of schema type '\(schemaName)' cannot have a default value",
                at: literal.location)
            return nil
        case .collection(.map, _):
            diagnostics.error("map field '\(fieldName)' cannot have a default value", at: literal.location)
            return nil
        case .collection(_, .schema):
            diagnostics.error(
                "field '\(fieldName)' of type '\(type)' cannot have a default value; "
                    + "only collections of primitive types can",
                at: literal.location)
            return nil
        case .collection(_, .primitive(let elementType)):
            guard case .array(let elements) = literal.value else {
                reportMismatch(literal, type: type, expected: "an array literal")
                return nil
            }
            let resolved = elements.map { resolve($0, for: elementType) }
            guard resolved.allSatisfy({ $0 != nil }) else { return nil }
            return .array(resolved.compactMap { $0 })
        }
    }

    private func resolve(_ literal: LiteralSyntax, for type: PrimitiveType) -> DefaultValue? {
        switch (type, literal.value) {
        case (.boolean, .boolean(let value)):
            return .boolean(value)
        case (.boolean, _):
            reportMismatch(literal, type: .primitive(type), expected: "'true' or 'false'")
        case (.string, .string(let value)):
            return .string(value)
        case (.string, _):
            reportMismatch(literal, type: .primitive(type), expected: "a string literal")
        case (_, .integer(let spelling)) where type.integerRange != nil:
            return resolveInteger(literal, spelling: spelling, for: type)
        case (_, _) where type.integerRange != nil:
            reportMismatch(literal, type: .primitive(type), expected: "an integer literal")
        case (_, .integer(let spelling)):
            return resolveFloat(literal, value: IntegerValue.approximateDouble(ofLiteral: spelling), for: type)
        case (_, .float(let spelling)):
            return resolveFloat(literal, value: Double(spelling) ?? .infinity, for: type)
        case (_, _):
            reportMismatch(literal, type: .primitive(type), expected: "a number literal")
        }
        return nil
    }

    private func resolveInteger(_ literal: LiteralSyntax, spelling: String, for type: PrimitiveType) -> DefaultValue? {
        guard let range = type.integerRange else { return nil }
        guard let value = IntegerValue(literal: spelling), range.contains(value) else {
            diagnostics.error(
                "default value \(spelling) is out of range for \(type.rawValue) (\(range))", at: literal.location)
            return nil
        }
        return .integer(value)
    }

    private func resolveFloat(_ literal: LiteralSyntax, value: Double, for type: PrimitiveType) -> DefaultValue? {
        guard let limit = type.largestFiniteMagnitude, value.magnitude <= limit else {
            diagnostics.error(
                "default value \(literal.spelling) is out of range for \(type.rawValue)", at: literal.location)
            return nil
        }
        return .float(value)
    }

    private func reportMismatch(_ literal: LiteralSyntax, type: FieldType, expected: String) {
        diagnostics.error(
            "default value \(literal.spelling) does not match type '\(type)'; expected \(expected)",
            at: literal.location)
    }
}
