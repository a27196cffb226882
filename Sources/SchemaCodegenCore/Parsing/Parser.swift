/// Builds the syntax of one schema file from its tokens, recovering from errors so that every
/// syntax error of the file is reported in one run.
///
/// Grammar (newlines separate fields; blank lines and comments may appear anywhere):
///
///     file      := declaration*
///     declaration := "schema" Name ("extends" Name)? "{" field* "}"
///     field     := attribute* Name ":" type ("=" literal)? (";" | "," | newline | "}")
///     attribute := "@" Name ("(" token ")")?
///     type      := Name ("<" type ("," type)* ">")? "?"?
///     literal   := integer | float | string | "true" | "false" | "[" (literal ("," literal)* ","?)? "]"
///
/// A field ends at a newline, at the closing `}`, or at a `;` or `,`, which is otherwise ignored:
/// `x: number;` is fine and so is `x: number; y: number` on one line. The `{` may stand on
/// the line after the name.
///
/// Recovery: a broken field is skipped up to the end of its line; a broken schema header is
/// skipped up to the end of its line and the following lines are still read as its fields;
/// a missing `}` is assumed before the next `schema` declaration or the end of the file.
struct Parser {
    private let tokens: [Token]
    private let diagnostics: DiagnosticCollector
    private var position = 0
    /// Documentation lines waiting for the next schema or field.
    private var pendingDocumentation: [String] = []

    init(tokens: [Token], diagnostics: DiagnosticCollector) {
        self.tokens = tokens
        self.diagnostics = diagnostics
    }

    /// Parses the whole file; declarations that are too broken to name are left out.
    mutating func parseFile() -> [SchemaDeclarationSyntax] {
        var declarations: [SchemaDeclarationSyntax] = []
        while true {
            switch current.kind {
            case .endOfFile:
                return declarations
            case .newline:
                advance()
            case .docComment(let line):
                pendingDocumentation.append(line)
                advance()
            case .identifier where current.isIdentifier("schema"):
                if let declaration = parseSchemaDeclaration() {
                    declarations.append(declaration)
                }
            default:
                reportExpected("'schema' declaration")
                skipTopLevelGarbage()
                pendingDocumentation = []
            }
        }
    }

    // MARK: Declarations

    private mutating func parseSchemaDeclaration() -> SchemaDeclarationSyntax? {
        advance()  // `schema`
        let documentation = takeDocumentation()
        let name = parseName(expecting: "schema name after 'schema'")
        var parent: SchemaDeclarationSyntax.Name?
        var isHeaderComplete = name != nil
        if isHeaderComplete, current.isIdentifier("extends") {
            advance()
            parent = parseName(expecting: "parent schema name after 'extends'")
            isHeaderComplete = parent != nil
        }
        if isHeaderComplete {
            skipNewlinesBeforeOpeningBrace()
            if current.kind == .leftBrace {
                advance()
            } else {
                reportExpected("'{' to begin schema '\(name?.text ?? "")'")
                isHeaderComplete = false
            }
        }
        let hasOpeningBrace = isHeaderComplete || skipHeaderRemainder()
        let fields = parseSchemaBody(schemaName: name?.text, hasOpeningBrace: hasOpeningBrace)
        guard let name else { return nil }
        return SchemaDeclarationSyntax(name: name, parent: parent, documentation: documentation, fields: fields)
    }

    private mutating func parseName(expecting expectation: String) -> SchemaDeclarationSyntax.Name? {
        guard current.kind == .identifier else {
            reportExpected(expectation)
            return nil
        }
        defer { advance() }
        return SchemaDeclarationSyntax.Name(text: current.text, location: current.location)
    }

    /// Parses fields up to and including the closing `}`.
    ///
    /// A missing `}` is reported only if the `{` was there: after a broken header that already
    /// got an error, the body is read for its own errors without demanding a close.
    private mutating func parseSchemaBody(schemaName: String?, hasOpeningBrace: Bool) -> [FieldDeclarationSyntax] {
        var fields: [FieldDeclarationSyntax] = []
        defer { pendingDocumentation = [] }
        while true {
            switch current.kind {
            case .rightBrace:
                advance()
                return fields
            case .endOfFile:
                if hasOpeningBrace { reportMissingClosingBrace(schemaName: schemaName) }
                return fields
            case .identifier where current.isIdentifier("schema") && peek().kind == .identifier:
                if hasOpeningBrace { reportMissingClosingBrace(schemaName: schemaName) }
                return fields
            case .newline, .semicolon, .comma:
                advance()
            case .docComment(let line):
                pendingDocumentation.append(line)
                advance()
            default:
                if let field = parseField() {
                    fields.append(field)
                }
            }
        }
    }

    private func reportMissingClosingBrace(schemaName: String?) {
        let message = schemaName.map { "expected '}' to close schema '\($0)'" } ?? "expected '}' to close schema"
        diagnostics.error(message, at: endOfPreviousSignificantToken)
    }

    // MARK: Fields

    private mutating func parseField() -> FieldDeclarationSyntax? {
        let documentation = takeDocumentation()
        var attributes: [AttributeSyntax] = []
        while current.kind == .at {
            guard let attribute = parseAttribute() else { return skipLineAndFail() }
            attributes.append(attribute)
        }
        guard current.kind == .identifier else {
            reportExpected("field name")
            return skipLineAndFail()
        }
        let nameToken = current
        advance()
        guard current.kind == .colon else {
            reportExpected("':' after field name '\(nameToken.text)'")
            return skipLineAndFail()
        }
        advance()
        guard let type = parseType(expecting: "type for field '\(nameToken.text)'") else {
            return skipLineAndFail()
        }
        var defaultValue: LiteralSyntax?
        if current.kind == .equals {
            advance()
            guard let literal = parseLiteral(expecting: "default value after '='") else {
                return skipLineAndFail()
            }
            defaultValue = literal
        }
        switch current.kind {
        case .semicolon, .comma:
            advance()
        case .newline, .rightBrace, .endOfFile:
            break
        default:
            reportExpected("end of line after field '\(nameToken.text)'")
            skipToEndOfLine()
        }
        return FieldDeclarationSyntax(
            name: nameToken.text, nameLocation: nameToken.location, documentation: documentation,
            attributes: attributes, type: type, defaultValue: defaultValue)
    }

    private mutating func parseAttribute() -> AttributeSyntax? {
        let atSign = current
        advance()
        guard current.kind == .identifier else {
            reportExpected("attribute name after '@'")
            return nil
        }
        let name = current.text
        advance()
        var argument: Token?
        if current.kind == .leftParen {
            advance()
            switch current.kind {
            case .rightParen, .newline, .endOfFile, .invalid:
                reportExpected("attribute argument")
                return nil
            default:
                argument = current
                advance()
            }
            guard current.kind == .rightParen else {
                reportExpected("')' after attribute argument")
                return nil
            }
            advance()
        }
        return AttributeSyntax(name: name, location: atSign.location, argument: argument)
    }

    // MARK: Types and literals

    private mutating func parseType(expecting expectation: String) -> TypeSyntax? {
        guard current.kind == .identifier else {
            reportExpected(expectation)
            return nil
        }
        let nameToken = current
        advance()
        var elementTypes: [TypeSyntax] = []
        if current.kind == .leftAngle {
            repeat {
                advance()  // `<` or `,`
                guard let elementType = parseType(expecting: "element type") else { return nil }
                elementTypes.append(elementType)
            } while current.kind == .comma
            guard current.kind == .rightAngle else {
                reportExpected("'>' after element type")
                return nil
            }
            advance()
        }
        let isOptional = current.kind == .questionMark
        if isOptional {
            advance()
        }
        return TypeSyntax(
            name: nameToken.text, location: nameToken.location, elementTypes: elementTypes, isOptional: isOptional)
    }

    private mutating func parseLiteral(expecting expectation: String) -> LiteralSyntax? {
        let token = current
        let value: LiteralSyntax.Value
        switch token.kind {
        case .integerLiteral:
            value = .integer(token.text)
        case .floatLiteral:
            value = .float(token.text)
        case .stringLiteral(let string):
            value = .string(string)
        case .identifier where token.text == "true" || token.text == "false":
            value = .boolean(token.text == "true")
        case .leftBracket:
            return parseArrayLiteral()
        default:
            reportExpected(expectation)
            return nil
        }
        advance()
        return LiteralSyntax(value: value, spelling: token.text, location: token.location)
    }

    /// Parses `[a, b, c]`; newlines, comments and a trailing comma are allowed inside the brackets.
    private mutating func parseArrayLiteral() -> LiteralSyntax? {
        let openingBracket = current
        advance()
        var elements: [LiteralSyntax] = []
        skipLineBreaksInsideBrackets()
        while current.kind != .rightBracket {
            guard let element = parseLiteral(expecting: "array element or ']'") else { return nil }
            elements.append(element)
            skipLineBreaksInsideBrackets()
            if current.kind == .comma {
                advance()
                skipLineBreaksInsideBrackets()
            } else if current.kind != .rightBracket {
                reportExpected("',' or ']' in array literal")
                return nil
            }
        }
        advance()
        let spelling = "[" + elements.map(\.spelling).joined(separator: ", ") + "]"
        return LiteralSyntax(value: .array(elements), spelling: spelling, location: openingBracket.location)
    }

    // MARK: Error reporting and recovery

    /// Reports that `expectation` was expected where the current token is.
    ///
    /// A missing piece at the end of a line is reported just after the last token of that line.
    /// Nothing is reported for an ``Token/Kind/invalid`` token: the lexer already did.
    private func reportExpected(_ expectation: String) {
        guard current.kind != .invalid else { return }
        let location = switch current.kind {
        case .newline, .endOfFile: endOfPreviousSignificantToken
        default: current.location
        }
        diagnostics.error("expected \(expectation), found \(current.descriptionForDiagnostics)", at: location)
    }

    /// The position just after the last token before the current one that is not a newline.
    private var endOfPreviousSignificantToken: SourceLocation {
        tokens[..<position].last { $0.kind != .newline }?.endLocation ?? current.location
    }

    /// Skips to the end of the current line, stopping before a `}` so that it can close a schema.
    private mutating func skipToEndOfLine() {
        while ![.newline, .rightBrace, .endOfFile].contains(current.kind) {
            advance()
        }
    }

    private mutating func skipLineAndFail() -> FieldDeclarationSyntax? {
        skipToEndOfLine()
        return nil
    }

    /// After a broken header, skips the rest of its line and returns whether a `{` on that line
    /// opened the body.
    private mutating func skipHeaderRemainder() -> Bool {
        while ![.newline, .rightBrace, .endOfFile].contains(current.kind) {
            let token = current
            advance()
            if token.kind == .leftBrace { return true }
        }
        return false
    }

    /// Skips an unexpected top-level line, including any `{ ... }` block that starts on it.
    private mutating func skipTopLevelGarbage() {
        var depth = 0
        while current.kind != .endOfFile {
            switch current.kind {
            case .leftBrace:
                depth += 1
            case .rightBrace:
                depth = max(depth - 1, 0)
            case .newline where depth == 0:
                return
            default:
                break
            }
            advance()
        }
    }

    /// Skips newlines and `///` lines, which inside brackets document nothing.
    private mutating func skipLineBreaksInsideBrackets() {
        while true {
            switch current.kind {
            case .newline, .docComment: advance()
            default: return
            }
        }
    }

    /// Skips newlines only if a `{` follows them, so the brace may stand on its own line.
    private mutating func skipNewlinesBeforeOpeningBrace() {
        let next = tokens[position...].firstIndex { $0.kind != .newline } ?? position
        if tokens[next].kind == .leftBrace {
            position = next
        }
    }

    private mutating func takeDocumentation() -> [String] {
        defer { pendingDocumentation = [] }
        return pendingDocumentation
    }

    // MARK: Cursor

    private var current: Token { tokens[position] }

    private func peek() -> Token {
        tokens[min(position + 1, tokens.count - 1)]
    }

    private mutating func advance() {
        if position < tokens.count - 1 {
            position += 1
        }
    }
}
