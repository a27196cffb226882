/// Splits a schema file into tokens, reporting characters and literals it cannot read.
///
/// - `//` starts a comment that runs to the end of the line.
/// - `///` as the first thing on a line is a documentation comment and becomes a token; after
///   other tokens on the same line, or written as `////`, it is an ordinary comment.
/// - Spaces, tabs and carriage returns separate tokens; newlines are tokens of their own.
/// - A `-` directly followed by a digit starts a negative number literal.
struct Lexer: SourceCursor {
    let file: SourceFile
    private let diagnostics: DiagnosticCollector
    var offset = 0
    var line = 1
    var column = 1
    private var tokens: [Token] = []
    /// Whether only whitespace has been seen since the last newline.
    private var isAtLineStart = true

    init(file: SourceFile, diagnostics: DiagnosticCollector) {
        self.file = file
        self.diagnostics = diagnostics
    }

    /// Returns all tokens of the file, ending with an ``Token/Kind/endOfFile`` token.
    mutating func tokenize() -> [Token] {
        while let scalar = peek() {
            let start = currentLocation
            let startOffset = offset
            switch scalar {
            case " ", "\t", "\r":
                advance()
            case "\n":
                advance()
                append(.newline, from: startOffset, at: start)
                line += 1
                column = 1
                isAtLineStart = true
            case "/" where peek(at: 1) == "/":
                lexComment(at: start)
            case "\"":
                lexString(at: start)
            case "0"..."9":
                lexNumber(at: start)
            case "-" where peek(at: 1).map(Self.isDigit) == true:
                lexNumber(at: start)
            case _ where Self.isIdentifierStart(scalar):
                while let next = peek(), Self.isIdentifierContinuation(next) { advance() }
                append(.identifier, from: startOffset, at: start)
            default:
                advance()
                if let kind = Self.punctuation[scalar] {
                    append(kind, from: startOffset, at: start)
                } else {
                    diagnostics.error("unexpected character '\(scalar)'", at: start)
                    append(.invalid, from: startOffset, at: start)
                }
            }
        }
        tokens.append(Token(kind: .endOfFile, text: "", location: currentLocation))
        return tokens
    }

    private static let punctuation: [Unicode.Scalar: Token.Kind] = [
        "{": .leftBrace, "}": .rightBrace, "<": .leftAngle, ">": .rightAngle,
        "(": .leftParen, ")": .rightParen, "[": .leftBracket, "]": .rightBracket,
        ":": .colon, "=": .equals, "?": .questionMark, ",": .comma, ";": .semicolon, "@": .at,
    ]

    // MARK: Comments

    private mutating func lexComment(at start: SourceLocation) {
        let startOffset = offset
        let isDocumentation = isAtLineStart && peek(at: 2) == "/" && peek(at: 3) != "/"
        while let scalar = peek(), scalar != "\n" { advance() }
        guard isDocumentation else { return }
        var content = String(String.UnicodeScalarView(file.scalars[(startOffset + 3)..<offset]))
        if content.hasSuffix("\r") { content.removeLast() }
        if content.hasPrefix(" ") { content.removeFirst() }
        append(.docComment(content), from: startOffset, at: start)
    }

    // MARK: Strings

    private mutating func lexString(at start: SourceLocation) {
        let startOffset = offset
        advance()  // opening quote
        var value = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n" else {
                diagnostics.error("unterminated string literal", at: start)
                append(.invalid, from: startOffset, at: start)
                return
            }
            switch scalar {
            case "\"":
                advance()
                append(.stringLiteral(String(value)), from: startOffset, at: start)
                return
            case "\\":
                if let escaped = lexEscapeSequence() { value.append(escaped) }
            default:
                value.append(scalar)
                advance()
            }
        }
    }

    /// Reads an escape sequence starting at a backslash and returns the scalar it stands for,
    /// or `nil` after reporting an invalid sequence.
    private mutating func lexEscapeSequence() -> Unicode.Scalar? {
        let start = currentLocation
        advance()  // backslash
        guard let escaped = peek(), escaped != "\n" else { return nil }
        advance()
        switch escaped {
        case "\"": return "\""
        case "\\": return "\\"
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "u":
            return lexUnicodeEscapeBody(escapeStart: start)
        default:
            diagnostics.error("invalid escape sequence '\\\(escaped)' in string literal", at: start)
            return nil
        }
    }

    /// Reads the `{XXXX}` part of a `\u{XXXX}` escape (1 to 8 hexadecimal digits).
    private mutating func lexUnicodeEscapeBody(escapeStart: SourceLocation) -> Unicode.Scalar? {
        var digits = ""
        if peek() == "{" {
            advance()
            while let scalar = peek(), scalar.properties.isASCIIHexDigit {
                digits.unicodeScalars.append(scalar)
                advance()
            }
        }
        guard peek() == "}", (1...8).contains(digits.count),
              let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value)
        else {
            diagnostics.error(
                "invalid unicode escape sequence in string literal; expected '\\u{XXXX}'", at: escapeStart)
            return nil
        }
        advance()  // closing brace
        return scalar
    }

    // MARK: Numbers

    private mutating func lexNumber(at start: SourceLocation) {
        let startOffset = offset
        if peek() == "-" { advance() }
        var kind = Token.Kind.integerLiteral
        if peek() == "0", peek(at: 1) == "x" || peek(at: 1) == "X" {
            advance(by: 2)
            let digitsStart = offset
            while let scalar = peek(), scalar.properties.isASCIIHexDigit { advance() }
            if offset == digitsStart {
                return reportInvalidNumber(from: startOffset, at: start)
            }
        } else {
            skipDigits()
            if peek() == ".", peek(at: 1).map(Self.isDigit) == true {
                kind = .floatLiteral
                advance()
                skipDigits()
            }
            if peek() == "e" || peek() == "E" {
                let signLength = (peek(at: 1) == "+" || peek(at: 1) == "-") ? 1 : 0
                if peek(at: 1 + signLength).map(Self.isDigit) == true {
                    kind = .floatLiteral
                    advance(by: 1 + signLength)
                    skipDigits()
                }
            }
        }
        if let next = peek(), Self.isIdentifierContinuation(next) || next == "." {
            return reportInvalidNumber(from: startOffset, at: start)
        }
        append(kind, from: startOffset, at: start)
    }

    /// Swallows the rest of a malformed number (such as `12abc` or `0x`) and reports it whole.
    private mutating func reportInvalidNumber(from startOffset: Int, at start: SourceLocation) {
        while let next = peek(), Self.isIdentifierContinuation(next) || next == "." { advance() }
        let spelling = text(from: startOffset)
        diagnostics.error("invalid number literal '\(spelling)'", at: start)
        append(.invalid, from: startOffset, at: start)
    }

    private mutating func skipDigits() {
        while let scalar = peek(), Self.isDigit(scalar) { advance() }
    }

    // MARK: Character classes

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private static func isIdentifierContinuation(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar)
    }

    // MARK: Tokens

    private mutating func append(_ kind: Token.Kind, from startOffset: Int, at location: SourceLocation) {
        tokens.append(Token(kind: kind, text: text(from: startOffset), location: location))
        if kind != .newline { isAtLineStart = false }
    }
}
