/// Turns the parts of a TypeScript schema field into the field syntax of the schema language.
///
/// - Optional (`?` in the schema language): a `?` after the name, `| undefined` or `| null` in the type
///   annotation, or an `undefined` / `null` initialiser. Otherwise the field is not optional, as the
///   reference's own code generators treat every field.
/// - Default: a literal initialiser (number, string, boolean, array of them); for a collection, the
///   literal arguments of `new ArraySchema(1, 2)` or `new SetSchema(["a"])`.
/// - `new Child()` or `new MapSchema()` creates the value with the instance, as a field that is not
///   optional does; any other initialiser is a value only known at run time, so the field has no default.
struct TypeScriptFieldMapper {
    let diagnostics: DiagnosticCollector

    /// The field; `nil` after reporting a problem.
    func field(
        name nameToken: TypeScriptToken, documentation: [String], attributes: [AttributeSyntax], type: TypeSyntax,
        isMarkedOptional: Bool, initializer: TypeScriptInitializer?
    ) -> FieldDeclarationSyntax? {
        guard let name = fieldName(nameToken) else { return nil }
        var isOptional = isMarkedOptional
        var defaultValue: LiteralSyntax?
        switch initializer {
        case nil, .computed?:
            break
        case .absent?:
            isOptional = true
        case .literal(let literal)?:
            defaultValue = literal
        case .creation(let className, let arguments, let location)?:
            guard let kind = CollectionKind(rawValue: type.name), !type.elementTypes.isEmpty else {
                if isOptional {
                    diagnostics.error(
                        "field '\(name)' may be absent ('?') but starts as a new instance; remove the '?' or the initialiser",
                        at: location)
                    return nil
                }
                break
            }
            guard className == kind.className else {
                diagnostics.error(
                    "field '\(name)' is a \(kind.rawValue) but starts as a '\(className)'; create a \(kind.className)",
                    at: location)
                return nil
            }
            guard let elements = Self.literalElements(kind: kind, arguments: arguments) else { break }
            if !elements.isEmpty || isOptional {
                let spelling = "[" + elements.map(\.spelling).joined(separator: ", ") + "]"
                defaultValue = LiteralSyntax(value: .array(elements), spelling: spelling, location: location)
            }
        }
        return FieldDeclarationSyntax(
            name: name, nameLocation: nameToken.location, documentation: documentation, attributes: attributes,
            type: TypeSyntax(name: type.name, location: type.location, elementTypes: type.elementTypes, isOptional: isOptional),
            defaultValue: defaultValue)
    }

    /// The starting elements given to a collection's constructor: the arguments of `new ArraySchema(…)`,
    /// the array passed to the others; `nil` when they are not all literals.
    private static func literalElements(kind: CollectionKind, arguments: [TypeScriptInitializer]) -> [LiteralSyntax]? {
        if kind != .array {
            switch arguments.first {
            case nil:
                return []
            case .literal(let literal)? where arguments.count == 1:
                guard case .array(let elements) = literal.value else { return nil }
                return elements
            default:
                return nil
            }
        }
        var elements: [LiteralSyntax] = []
        for argument in arguments {
            guard case .literal(let literal) = argument else { return nil }
            elements.append(literal)
        }
        return elements
    }

    /// The name of a field, which every generated language must be able to spell: letters, digits and `_`.
    func fieldName(_ token: TypeScriptToken) -> String? {
        guard let name = TypeScriptValueReader.propertyName(token) else {
            diagnostics.error("a schema field needs a plain name, found \(token.descriptionForDiagnostics)", at: token.location)
            return nil
        }
        return checkedName(name, kind: "field", at: token.location)
    }

    /// `name` if it is made of ASCII letters, digits and `_` (and does not start with a digit).
    func checkedName(_ name: String, kind: String, at location: SourceLocation) -> String? {
        let scalars = name.unicodeScalars
        let isPlain = !name.isEmpty && !("0"..."9").contains(scalars.first!)
            && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        guard isPlain else {
            diagnostics.error(
                "\(kind) name '\(name)' cannot be spelled in every generated language; use ASCII letters, digits and '_'",
                at: location)
            return nil
        }
        return name
    }
}
