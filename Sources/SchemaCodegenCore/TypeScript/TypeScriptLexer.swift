/// Splits a TypeScript or JavaScript file into tokens.
///
/// It knows the whole lexical grammar that matters for skipping code it does not read: comments,
/// strings with their escapes, templates with nested `${…}` code, regular expression literals (told
/// from division by the token before them), numbers and identifiers. `<` and `>` are always single
/// tokens, so that `Array<Array<T>>` closes two type argument lists. Only an unterminated string,
/// template or comment is reported; anything else unknown becomes a punctuation token.
struct TypeScriptLexer: SourceCursor {
    let file: SourceFile
    private let diagnostics: DiagnosticCollector
    var offset = 0
    var line = 1
    var column = 1
    private var tokens: [TypeScriptToken] = []
    private var sawLineBreak = false
    private var pendingDocumentation: [String] = []

    init(file: SourceFile, diagnostics: DiagnosticCollector) {
        self.file = file
        self.diagnostics = diagnostics
    }

    /// Returns all tokens of the file, ending with an ``TypeScriptToken/Kind/endOfFile`` token.
    mutating func tokenize() -> [TypeScriptToken] {
        if peek() == "#", peek(at: 1) == "!" { skipToEndOfLine() }  // shebang
        while let scalar = peek() {
            let start = currentLocation
            let startOffset = offset
            switch scalar {
            case "\n":
                advanceLine()
            case " ", "\t", "\r", "\u{FEFF}", "\u{0B}", "\u{0C}", "\u{A0}":
                advance()
            case "/" where peek(at: 1) == "/":
                lexLineComment()
            case "/" where peek(at: 1) == "*":
                lexBlockComment(at: start)
            case "/" where regularExpressionMayStart:
                lexRegularExpression(at: start)
            case "\"", "'":
                let value = readString(at: start)
                append(.string(value), from: startOffset, at: start)
            case "`":
                let text = lexTemplate(at: start)
                append(.template(text), from: startOffset, at: start)
            case "0"..."9":
                lexNumber(at: start)
            case "." where peek(at: 1).map(Self.isDigit) == true:
                lexNumber(at: start)
            case "#" where peek(at: 1).map(Self.isIdentifierStart) == true:
                advance()
                while let next = peek(), Self.isIdentifierContinuation(next) { advance() }
                append(.privateName, from: startOffset, at: start)
            case _ where Self.isIdentifierStart(scalar):
                while let next = peek(), Self.isIdentifierContinuation(next) { advance() }
                append(.identifier, from: startOffset, at: start)
            default:
                lexPunctuation(at: start)
            }
        }
        tokens.append(TypeScriptToken(kind: .endOfFile, text: "", location: currentLocation, followsLineBreak: true, documentation: []))
        return tokens
    }

    // MARK: comments

    /// `///` lines are documentation; other `//` comments are dropped (and end a run of `///` lines).
    private mutating func lexLineComment() {
        let startOffset = offset
        skipToEndOfLine()
        let text = self.text(from: startOffset)
        guard text.hasPrefix("///"), !text.hasPrefix("////") else {
            pendingDocumentation = []
            return
        }
        var content = String(text.dropFirst(3))
        if content.hasSuffix("\r") { content.removeLast() }
        if content.hasPrefix(" ") { content.removeFirst() }
        pendingDocumentation.append(content)
    }

    /// `/** … */` is documentation: its lines without the leading `*` and one space after it.
    private mutating func lexBlockComment(at start: SourceLocation) {
        let startOffset = offset
        advance(by: 2)
        while !(peek() == "*" && peek(at: 1) == "/") {
            guard let scalar = peek() else {
                diagnostics.error("unterminated comment", at: start)
                return
            }
            if scalar == "\n" { advanceLine() } else { advance() }
        }
        advance(by: 2)
        let text = self.text(from: startOffset)
        guard text.hasPrefix("/**"), text != "/**/" else {
            pendingDocumentation = []
            return
        }
        pendingDocumentation = Self.documentationLines(ofBlockComment: String(text.dropFirst(3).dropLast(2)))
    }

    private static func documentationLines(ofBlockComment body: String) -> [String] {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var text = Substring(line.hasSuffix("\r") ? String(line.dropLast()) : String(line))
            text = text.drop { $0 == " " || $0 == "\t" }
            if text.hasPrefix("*") { text = text.dropFirst() }
            if text.hasPrefix(" ") { text = text.dropFirst() }
            while text.last == " " || text.last == "\t" { text = text.dropLast() }
            return String(text)
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    // MARK: strings and templates

    /// Reads a quoted string and returns its decoded value.
    private mutating func readString(at start: SourceLocation) -> String {
        let quote = peek()!
        advance()
        var value = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n" else {
                diagnostics.error("unterminated string literal", at: start)
                return String(value)
            }
            if scalar == quote {
                advance()
                return String(value)
            }
            if scalar == "\\" {
                value.append(contentsOf: lexEscapeSequence())
            } else {
                value.append(scalar)
                advance()
            }
        }
    }

    /// Reads a template up to its closing backquote, skipping the code of `${…}` substitutions.
    /// Returns the decoded text when there was no substitution.
    private mutating func lexTemplate(at start: SourceLocation) -> String? {
        advance()  // opening backquote
        var value = String.UnicodeScalarView()
        var hasSubstitution = false
        while true {
            guard let scalar = peek() else {
                diagnostics.error("unterminated template literal", at: start)
                return nil
            }
            switch scalar {
            case "`":
                advance()
                return hasSubstitution ? nil : String(value)
            case "\\":
                value.append(contentsOf: lexEscapeSequence())
            case "$" where peek(at: 1) == "{":
                hasSubstitution = true
                advance(by: 2)
                skipSubstitution(templateStart: start)
            case "\n":
                value.append(scalar)
                advanceLine()
            default:
                value.append(scalar)
                advance()
            }
        }
    }

    /// Skips the code of a `${…}` up to and including its closing brace, with the nested strings,
    /// templates and comments it may contain.
    private mutating func skipSubstitution(templateStart: SourceLocation) {
        var depth = 0
        while let scalar = peek() {
            let start = currentLocation
            switch scalar {
            case "{": depth += 1; advance()
            case "}":
                advance()
                if depth == 0 { return }
                depth -= 1
            case "\n": advanceLine()
            case "\"", "'": _ = readString(at: start)
            case "`": _ = lexTemplate(at: start)
            case "/" where peek(at: 1) == "/": skipToEndOfLine()
            case "/" where peek(at: 1) == "*":
                lexBlockComment(at: start)
                pendingDocumentation = []
            default: advance()
            }
        }
        diagnostics.error("unterminated template literal", at: templateStart)
    }

    /// Reads an escape sequence at a backslash and returns what it stands for; a line continuation
    /// stands for nothing. Unknown escapes stand for the escaped character, as in JavaScript.
    private mutating func lexEscapeSequence() -> [Unicode.Scalar] {
        advance()  // backslash
        guard let escaped = peek() else { return [] }
        if escaped == "\n" {
            advanceLine()
            return []
        }
        advance()
        switch escaped {
        case "n": return ["\n"]
        case "t": return ["\t"]
        case "r": return ["\r"]
        case "b": return ["\u{08}"]
        case "f": return ["\u{0C}"]
        case "v": return ["\u{0B}"]
        case "0" where peek().map(Self.isDigit) != true: return ["\0"]
        case "x": return hexadecimalValue(digits: 2).flatMap(Unicode.Scalar.init).map { [$0] } ?? ["\u{FFFD}"]
        case "u":
            guard let first = unicodeEscapeValue() else { return [] }
            // A surrogate pair written as two \u escapes is one scalar.
            if (0xD800...0xDBFF).contains(first), peek() == "\\", peek(at: 1) == "u" {
                let saved = (offset, line, column)
                advance(by: 2)
                if let second = unicodeEscapeValue(), (0xDC00...0xDFFF).contains(second) {
                    return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)).map { [$0] } ?? []
                }
                (offset, line, column) = saved
            }
            return Unicode.Scalar(first).map { [$0] } ?? ["\u{FFFD}"]
        default: return [escaped]
        }
    }

    /// The value of the part after `\u`: four hexadecimal digits or `{…}`.
    private mutating func unicodeEscapeValue() -> UInt32? {
        if peek() == "{" {
            advance()
            var digits = ""
            while let scalar = peek(), scalar.properties.isASCIIHexDigit {
                digits.unicodeScalars.append(scalar)
                advance()
            }
            guard peek() == "}" else { return nil }
            advance()
            return UInt32(digits, radix: 16)
        }
        return hexadecimalValue(digits: 4)
    }

    private mutating func hexadecimalValue(digits count: Int) -> UInt32? {
        var digits = ""
        for _ in 0..<count {
            guard let scalar = peek(), scalar.properties.isASCIIHexDigit else { return nil }
            digits.unicodeScalars.append(scalar)
            advance()
        }
        return UInt32(digits, radix: 16)
    }

    // MARK: regular expressions

    /// Whether a `/` here starts a regular expression rather than a division: it does unless the
    /// token before it ends an operand.
    private var regularExpressionMayStart: Bool {
        guard let previous = tokens.last else { return true }
        switch previous.kind {
        case .number, .string, .template, .regularExpression, .privateName:
            return false
        case .identifier:
            return Self.keywordsBeforeAnExpression.contains(previous.text)
        case .punctuation:
            return ![")", "]", "}"].contains(previous.text)
        case .endOfFile:
            return true
        }
    }

    private static let keywordsBeforeAnExpression: Set<String> = [
        "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await",
    ]

    /// Reads `/…/flags`; a `/` whose line ends before a closing `/` is a division after all.
    private mutating func lexRegularExpression(at start: SourceLocation) {
        let startOffset = offset
        advance()
        var inClass = false
        while let scalar = peek(), scalar != "\n" {
            advance()
            switch scalar {
            case "\\": if peek() != nil && peek() != "\n" { advance() }
            case "[": inClass = true
            case "]": inClass = false
            case "/" where !inClass:
                while let next = peek(), Self.isIdentifierContinuation(next) { advance() }
                append(.regularExpression, from: startOffset, at: start)
                return
            default: break
            }
        }
        column -= offset - startOffset - 1
        offset = startOffset + 1
        append(.punctuation, from: startOffset, at: start)
    }

    // MARK: numbers, identifiers, punctuation

    private mutating func lexNumber(at start: SourceLocation) {
        let startOffset = offset
        if peek() == "0", let radix = peek(at: 1), "xXbBoO".unicodeScalars.contains(radix) {
            advance(by: 2)
        }
        while let scalar = peek() {
            if Self.isIdentifierContinuation(scalar) || scalar == "." {
                // `1.e5`, `1_000`, `0xFF`, `10n`; an exponent sign belongs to the number.
                let isExponent = (scalar == "e" || scalar == "E") && !text(from: startOffset).lowercased().hasPrefix("0x")
                advance()
                if isExponent, peek() == "+" || peek() == "-" { advance() }
            } else {
                break
            }
        }
        append(.number, from: startOffset, at: start)
    }

    /// Multi-character operators the reader tells apart; `<` and `>` always stand alone.
    private static let operators = [
        "...", "===", "!==", "**=", "&&=", "||=", "??=",
        "=>", "?.", "??", "==", "!=", "&&", "||", "++", "--", "**", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    ]

    private mutating func lexPunctuation(at start: SourceLocation) {
        let startOffset = offset
        for candidate in Self.operators where matches(candidate) {
            // `a?.5:b` is a conditional, not optional chaining.
            if candidate == "?.", peek(at: 2).map(Self.isDigit) == true { continue }
            advance(by: candidate.unicodeScalars.count)
            append(.punctuation, from: startOffset, at: start)
            return
        }
        advance()
        append(.punctuation, from: startOffset, at: start)
    }

    private func matches(_ candidate: String) -> Bool {
        for (distance, scalar) in candidate.unicodeScalars.enumerated() where peek(at: distance) != scalar {
            return false
        }
        return true
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "$" || scalar == "_" || scalar.properties.isIDStart
    }

    private static func isIdentifierContinuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "$" || scalar == "\u{200C}" || scalar == "\u{200D}" || scalar.properties.isIDContinue
    }

    // MARK: cursor

    /// Moves past a `\n`.
    private mutating func advanceLine() {
        offset += 1
        line += 1
        column = 1
        sawLineBreak = true
    }

    private mutating func skipToEndOfLine() {
        while let scalar = peek(), scalar != "\n" { advance() }
    }

    private mutating func append(_ kind: TypeScriptToken.Kind, from startOffset: Int, at location: SourceLocation) {
        tokens.append(TypeScriptToken(
            kind: kind, text: text(from: startOffset), location: location,
            followsLineBreak: sawLineBreak || tokens.isEmpty, documentation: pendingDocumentation))
        sawLineBreak = false
        pendingDocumentation = []
    }
}
