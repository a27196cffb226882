/// An initial value as written after `=` of a field, in `default:` of `schema({…})`, or as an argument of `new`.
enum TypeScriptInitializer {
    case literal(LiteralSyntax)
    /// `undefined` or `null`.
    case absent(SourceLocation)
    /// `new Name<…>(arguments)`.
    case creation(className: String, arguments: [TypeScriptInitializer], location: SourceLocation)
    /// Anything else: a value only known when the server runs.
    case computed(SourceLocation)
}

/// A field type as written in `@type(…)`, `defineTypes`, `type(…)(…)` or a `schema({…})` entry, with the
/// options only `schema({…})` reads.
struct TypeScriptFieldDefinition {
    var type: TypeSyntax
    /// `default: value`.
    var defaultValue: TypeScriptInitializer?
    /// `view: true` or `view: tag`, as the attribute the `.schema` language writes `@view` / `@view(tag)`.
    var view: AttributeSyntax?
    /// `false` for `sync: false`: the entry is no field at all.
    var isSynchronized = true
}

/// Reads the values of TypeScript source that map to the schema language: field types and literals.
struct TypeScriptValueReader {
    let diagnostics: DiagnosticCollector

    /// Where a field definition is written, which decides the keys its object form may have.
    enum DefinitionContext {
        /// `@type(…)`, `defineTypes`, `Metadata.setFields` and `type(…)(…)`: only the type.
        case typeArgument
        /// An entry of `schema({…})` or `Parent.extends({…})`: also `default`, `view` and `sync`.
        case schemaFunction
    }

    static let collectionKeys: Set<String> = Set(CollectionKind.allCases.map(\.rawValue))

    // MARK: field types

    /// What reading a field definition gave.
    private enum Outcome {
        case read(TypeScriptFieldDefinition)
        /// A problem inside it was reported.
        case reported
    }

    /// Reads a field definition up to the end of its expression; `nil` after reporting what cannot be read
    /// (the cursor is then past the expression).
    func fieldDefinition(_ cursor: inout TypeScriptCursor, context: DefinitionContext) -> TypeScriptFieldDefinition? {
        let start = cursor.current
        var outcome: Outcome?
        switch start.kind {
        case .string(let name), .template(let name?):
            cursor.advance()
            outcome = .read(TypeScriptFieldDefinition(type: named(name, at: start.location)))
        case .identifier:
            let path = Self.dottedName(&cursor)
            outcome = .read(TypeScriptFieldDefinition(type: named(path.last ?? start.text, at: start.location)))
        case .punctuation where start.text == "[":
            outcome = arrayShorthand(&cursor)
        case .punctuation where start.text == "{":
            outcome = objectDefinition(&cursor, context: context)
        default:
            break
        }
        switch outcome {
        case .read(let definition)? where cursor.isAtExpressionEnd:
            return definition
        case .reported?:
            break
        default:
            diagnostics.error(
                "cannot read this type; write a primitive type name in quotes (\"number\"), a schema class, "
                    + "[T], { map: T }, { array: T }, { set: T } or { collection: T }",
                at: start.location)
        }
        cursor.skipExpression()
        return nil
    }

    private func named(_ name: String, at location: SourceLocation) -> TypeSyntax {
        TypeSyntax(name: name, location: location, elementTypes: [], isOptional: false)
    }

    /// `[ T ]`: an array of T.
    private func arrayShorthand(_ cursor: inout TypeScriptCursor) -> Outcome {
        let bracket = cursor.current
        cursor.advance()
        if cursor.current.isPunctuation("]") {
            diagnostics.error("an array type needs its element type, as in [\"string\"] or [Player]", at: bracket.location)
            cursor.advance()
            return .reported
        }
        guard let element = fieldDefinition(&cursor, context: .typeArgument) else {
            skipRest(of: bracket, &cursor)
            return .reported
        }
        if cursor.consume(",") && !cursor.current.isPunctuation("]") {
            diagnostics.error("an array type takes exactly one element type", at: cursor.current.location)
            skipRest(of: bracket, &cursor)
            return .reported
        }
        guard cursor.consume("]") else {
            diagnostics.error("expected ']' after the element type, found \(cursor.current.descriptionForDiagnostics)", at: cursor.current.location)
            skipRest(of: bracket, &cursor)
            return .reported
        }
        let type = TypeSyntax(name: CollectionKind.array.rawValue, location: bracket.location, elementTypes: [element.type], isOptional: false)
        return .read(TypeScriptFieldDefinition(type: type))
    }

    /// `{ map: T }`, `{ type: T }`, and in `schema({…})` also `default`, `view` and `sync`.
    private func objectDefinition(_ cursor: inout TypeScriptCursor, context: DefinitionContext) -> Outcome {
        let brace = cursor.current
        cursor.advance()
        var type: TypeSyntax?
        var definition = TypeScriptFieldDefinition(type: named("", at: brace.location))
        var failed = false
        while !cursor.current.isPunctuation("}") && !cursor.isAtEnd {
            let key = cursor.current
            guard let keyName = Self.propertyName(key), cursor.peek().isPunctuation(":") else {
                diagnostics.error("expected 'key: value' in a field definition, found \(key.descriptionForDiagnostics)", at: key.location)
                skipRest(of: brace, &cursor)
                return .reported
            }
            cursor.advance()
            cursor.advance()
            switch keyName {
            case _ where keyName == "type" || Self.collectionKeys.contains(keyName):
                if type != nil {
                    diagnostics.error("a field definition has one type; '\(keyName)' is a second one", at: key.location)
                    failed = true
                }
                guard let element = fieldDefinition(&cursor, context: .typeArgument) else {
                    failed = true
                    break
                }
                type = keyName == "type"
                    ? element.type
                    : TypeSyntax(name: keyName, location: key.location, elementTypes: [element.type], isOptional: false)
            case "default", "view", "sync":
                if context == .schemaFunction {
                    failed = !readOption(keyName, key: key, into: &definition, &cursor) || failed
                    break
                }
                let advice = ["default": "give the field an initialiser", "view": "use the @view() decorator", "sync": "leave the field out"][keyName]!
                diagnostics.error("'\(keyName)' is only read in schema({…}); here, \(advice)", at: key.location)
                cursor.skipExpression()
                failed = true
            default:
                diagnostics.error(
                    "unknown key '\(keyName)' in a field definition; expected type, map, array, set or collection"
                        + (context == .schemaFunction ? ", default, view or sync" : ""),
                    at: key.location)
                cursor.skipExpression()
                failed = true
            }
            if !cursor.consume(",") { break }
        }
        guard cursor.consume("}") else {
            diagnostics.error("expected '}' to close the field definition, found \(cursor.current.descriptionForDiagnostics)", at: cursor.current.location)
            skipRest(of: brace, &cursor)
            return .reported
        }
        if failed { return .reported }
        guard let type else {
            diagnostics.error("a field definition needs its type: { type: T }, { map: T }, { array: T }, { set: T } or { collection: T }", at: brace.location)
            return .reported
        }
        definition.type = type
        return .read(definition)
    }

    private func readOption(_ name: String, key: TypeScriptToken, into definition: inout TypeScriptFieldDefinition, _ cursor: inout TypeScriptCursor) -> Bool {
        let value = cursor.current
        switch name {
        case "default":
            definition.defaultValue = initializer(&cursor)
            return true
        case "view":
            cursor.skipExpression()
            if value.isIdentifier("true") {
                definition.view = AttributeSyntax(name: "view", location: key.location, argument: nil)
            } else if value.kind == .number {
                definition.view = AttributeSyntax(name: "view", location: key.location, argument: Self.viewTagToken(value))
            } else {
                diagnostics.error("write 'view: true' or 'view: <tag>' (a non-negative integer), found \(value.descriptionForDiagnostics)", at: value.location)
                return false
            }
            return true
        default:  // sync
            cursor.skipExpression()
            guard value.isIdentifier("true") || value.isIdentifier("false") else {
                diagnostics.error("write 'sync: true' or 'sync: false', found \(value.descriptionForDiagnostics)", at: value.location)
                return false
            }
            definition.isSynchronized = value.isIdentifier("true")
            return true
        }
    }

    /// The argument of `@view(…)` as the token the attribute resolver checks.
    static func viewTagToken(_ token: TypeScriptToken) -> Token {
        if token.kind == .number, case .integer(let digits) = numberValue(token.text) {
            return Token(kind: .integerLiteral, text: digits, location: token.location)
        }
        return Token(kind: .identifier, text: token.text, location: token.location)
    }

    /// Skips to the closer of the group `opener` started.
    private func skipRest(of opener: TypeScriptToken, _ cursor: inout TypeScriptCursor) {
        let closer = opener.isPunctuation("[") ? "]" : "}"
        while !cursor.current.isPunctuation(closer) && !cursor.isAtEnd {
            if cursor.current.isPunctuation("(") || cursor.current.isPunctuation("[") || cursor.current.isPunctuation("{") {
                cursor.skipGroup()
            } else {
                cursor.advance()
            }
        }
        cursor.advance()
    }

    // MARK: initial values

    /// Reads an expression up to its end and says what it is.
    func initializer(_ cursor: inout TypeScriptCursor) -> TypeScriptInitializer {
        let start = cursor.position
        let location = cursor.current.location
        if let value = primary(&cursor), cursor.isAtExpressionEnd {
            return value
        }
        cursor.position = start
        cursor.skipExpression()
        return .computed(location)
    }

    /// A literal, `undefined`, `null` or `new …(…)` at the cursor; `nil` for anything else.
    private func primary(_ cursor: inout TypeScriptCursor) -> TypeScriptInitializer? {
        let token = cursor.current
        switch token.kind {
        case .number:
            cursor.advance()
            return .literal(Self.numberLiteral(token, sign: ""))
        case .punctuation where (token.text == "-" || token.text == "+") && cursor.peek().kind == .number:
            let number = cursor.peek()
            cursor.advance()
            cursor.advance()
            return .literal(Self.numberLiteral(number, sign: token.text == "-" ? "-" : "", spelledFrom: token))
        case .string(let value):
            cursor.advance()
            return .literal(LiteralSyntax(value: .string(value), spelling: token.text, location: token.location))
        case .template(let value?):
            cursor.advance()
            return .literal(LiteralSyntax(value: .string(value), spelling: token.text, location: token.location))
        case .identifier where token.text == "true" || token.text == "false":
            cursor.advance()
            return .literal(LiteralSyntax(value: .boolean(token.text == "true"), spelling: token.text, location: token.location))
        case .identifier where token.text == "undefined" || token.text == "null":
            cursor.advance()
            return .absent(token.location)
        case .identifier where token.text == "new":
            return creation(&cursor)
        case .punctuation where token.text == "[":
            guard let elements = list(&cursor, closer: "]") else { return nil }
            var literals: [LiteralSyntax] = []
            for element in elements {
                guard case .literal(let literal) = element else { return nil }
                literals.append(literal)
            }
            let spelling = "[" + literals.map(\.spelling).joined(separator: ", ") + "]"
            return .literal(LiteralSyntax(value: .array(literals), spelling: spelling, location: token.location))
        default:
            return nil
        }
    }

    /// `new Name<…>(…)`.
    private func creation(_ cursor: inout TypeScriptCursor) -> TypeScriptInitializer? {
        let newToken = cursor.current
        cursor.advance()
        guard cursor.current.kind == .identifier else { return nil }
        let className = Self.dottedName(&cursor).last ?? ""
        if cursor.current.isPunctuation("<") { cursor.skipGroup() }
        guard cursor.current.isPunctuation("(") else {
            return .creation(className: className, arguments: [], location: newToken.location)
        }
        guard let arguments = list(&cursor, closer: ")") else { return nil }
        return .creation(className: className, arguments: arguments, location: newToken.location)
    }

    /// The elements of `[…]` or the arguments of `(…)`, each read as an initializer; `nil` for a spread.
    private func list(_ cursor: inout TypeScriptCursor, closer: String) -> [TypeScriptInitializer]? {
        cursor.advance()
        var elements: [TypeScriptInitializer] = []
        while !cursor.current.isPunctuation(closer) && !cursor.isAtEnd {
            if cursor.current.isPunctuation("...") { return nil }
            elements.append(initializer(&cursor))
            guard cursor.consume(",") else { break }
        }
        guard cursor.consume(closer) else { return nil }
        return elements
    }

    // MARK: numbers and names

    /// A numeric literal as the schema language's literal: separators removed, `0b`/`0o` converted to
    /// decimal, a BigInt's `n` dropped.
    static func numberLiteral(_ token: TypeScriptToken, sign: String, spelledFrom signToken: TypeScriptToken? = nil) -> LiteralSyntax {
        let value: LiteralSyntax.Value = switch numberValue(token.text) {
        case .integer(let digits): .integer(sign + digits)
        case .float(let digits): .float(sign + digits)
        default: .float(sign + token.text)
        }
        return LiteralSyntax(value: value, spelling: sign + token.text, location: signToken?.location ?? token.location)
    }

    static func numberValue(_ spelling: String) -> LiteralSyntax.Value {
        var text = spelling.replacingOccurrences(of: "_", with: "")
        let lowercased = text.lowercased()
        if lowercased.hasPrefix("0b") || lowercased.hasPrefix("0o") {
            let digits = text.dropFirst(2).filter { $0 != "n" }
            let value = UInt64(digits, radix: lowercased.hasPrefix("0b") ? 2 : 8)
            return .integer(value.map(String.init) ?? text)
        }
        if lowercased.hasPrefix("0x") {
            return .integer(text.hasSuffix("n") ? String(text.dropLast()) : text)
        }
        if text.hasSuffix("n") { return .integer(String(text.dropLast())) }
        guard text.contains(".") || lowercased.contains("e") else { return .integer(text) }
        if text.hasPrefix(".") { text = "0" + text }
        text = text.replacingOccurrences(of: ".e", with: ".0e").replacingOccurrences(of: ".E", with: ".0E")
        if text.hasSuffix(".") { text += "0" }
        return .float(text)
    }

    /// Reads `a.b.c` and returns its parts.
    static func dottedName(_ cursor: inout TypeScriptCursor) -> [String] {
        var parts = [cursor.current.text]
        cursor.advance()
        while cursor.current.isPunctuation("."), cursor.peek().kind == .identifier {
            cursor.advance()
            parts.append(cursor.current.text)
            cursor.advance()
        }
        return parts
    }

    /// The name of an object key or class member written as an identifier or a string.
    static func propertyName(_ token: TypeScriptToken) -> String? {
        switch token.kind {
        case .identifier: token.text
        case .string(let value): value
        default: nil
        }
    }
}
