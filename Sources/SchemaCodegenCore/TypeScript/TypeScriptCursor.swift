/// A position in the tokens of a TypeScript file, with the skipping moves the readers share: over a
/// bracketed group, over an expression (with automatic semicolon insertion) and over a type annotation.
struct TypeScriptCursor {
    let tokens: [TypeScriptToken]
    var position = 0

    init(tokens: [TypeScriptToken]) {
        self.tokens = tokens
    }

    var current: TypeScriptToken { tokens[position] }
    var isAtEnd: Bool { current.kind == .endOfFile }

    /// The token `distance` places after the current one (the end-of-file token past the end).
    func peek(_ distance: Int = 1) -> TypeScriptToken {
        tokens[min(max(position + distance, 0), tokens.count - 1)]
    }

    /// The token before the current one, if any.
    var previous: TypeScriptToken? { position > 0 ? tokens[position - 1] : nil }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    /// Consumes the punctuation `text` if it is the current token.
    mutating func consume(_ text: String) -> Bool {
        guard current.isPunctuation(text) else { return false }
        advance()
        return true
    }

    // MARK: groups

    private static let openers: [String: String] = ["(": ")", "[": "]", "{": "}"]

    /// Skips the group opened by the current `(`, `[`, `{` or `<`, up to and including its closer.
    /// Angle brackets count only `<` and `>`; the other brackets nest together.
    mutating func skipGroup() {
        if current.isPunctuation("<") {
            var depth = 0
            repeat {
                if current.isPunctuation("<") { depth += 1 } else if current.isPunctuation(">") { depth -= 1 }
                advance()
            } while depth > 0 && !isAtEnd
            return
        }
        var closers: [String] = []
        repeat {
            if current.kind == .punctuation {
                if let closer = Self.openers[current.text] {
                    closers.append(closer)
                } else if current.text == closers.last {
                    closers.removeLast()
                }
            }
            advance()
        } while !closers.isEmpty && !isAtEnd
    }

    // MARK: expressions

    /// Whether the current token ends the expression before it: a `;`, `,` or closing bracket, the end of
    /// the file, or a line break where JavaScript inserts a semicolon.
    var isAtExpressionEnd: Bool {
        if isAtEnd { return true }
        if current.kind == .punctuation, [";", ",", ")", "]", "}"].contains(current.text) { return true }
        return current.followsLineBreak && previousEndsOperand && !continuesExpression(current)
    }

    /// Skips an expression up to (not including) its end.
    mutating func skipExpression() {
        var isFirst = true
        while !isAtEnd {
            if current.kind == .punctuation, [";", ",", ")", "]", "}"].contains(current.text) { return }
            if !isFirst && isAtExpressionEnd { return }
            isFirst = false
            if current.kind == .punctuation, Self.openers[current.text] != nil { skipGroup() } else { advance() }
        }
    }

    private var previousEndsOperand: Bool {
        guard let previous else { return false }
        switch previous.kind {
        case .identifier: return !Self.prefixKeywords.contains(previous.text)
        case .number, .string, .template, .regularExpression, .privateName: return true
        case .punctuation: return [")", "]", "}", "++", "--"].contains(previous.text)
        case .endOfFile: return false
        }
    }

    private static let prefixKeywords: Set<String> = ["typeof", "void", "delete", "new", "await", "yield", "return", "throw", "in", "of", "instanceof"]

    private func continuesExpression(_ token: TypeScriptToken) -> Bool {
        switch token.kind {
        case .identifier: return ["as", "satisfies", "instanceof", "in"].contains(token.text)
        case .template: return true
        case .punctuation: return !["@", "{", "!", "++", "--", "~", "#"].contains(token.text)
        default: return false
        }
    }

    // MARK: types

    /// Skips a type annotation and returns whether it is a union with `undefined` or `null` at its top level.
    mutating func skipTypeAnnotation() -> Bool {
        var allowsAbsence = false
        _ = consume("|")
        repeat {
            repeat {
                if current.isIdentifier("undefined") || current.isIdentifier("null") { allowsAbsence = true }
                skipTypeOperand()
            } while consume("&")
        } while consume("|")
        if current.isIdentifier("extends") && !current.followsLineBreak {  // conditional type
            advance()
            _ = skipTypeAnnotation()
            if consume("?") { _ = skipTypeAnnotation() }
            if consume(":") { _ = skipTypeAnnotation() }
        }
        return allowsAbsence
    }

    private mutating func skipTypeOperand() {
        while current.kind == .identifier, ["keyof", "readonly", "unique", "infer", "typeof", "asserts"].contains(current.text),
              peek().kind == .identifier || peek().isPunctuation("[") || peek().isPunctuation("(") || peek().isPunctuation("{") {
            advance()
        }
        switch current.kind {
        case .identifier:
            if current.isIdentifier("new") { advance() }
            if current.kind == .identifier {
                advance()
                while current.isPunctuation("."), peek().kind == .identifier {
                    advance()
                    advance()
                }
            }
            if current.isPunctuation("<") { skipGroup() }
        case .punctuation where current.text == "<":  // generic function type
            skipGroup()
            skipTypeOperand()
            return
        case .punctuation where current.text == "-":
            advance()
            advance()
        case .punctuation where Self.openers[current.text] != nil:
            let isParenthesised = current.isPunctuation("(")
            skipGroup()
            if isParenthesised, consume("=>") {
                _ = skipTypeAnnotation()
                return
            }
        case .endOfFile:
            return
        default:
            advance()
        }
        // `T[]` and `T["key"]` (a `[` on the next line starts a new member).
        while current.isPunctuation("["), !current.followsLineBreak { skipGroup() }
    }
}
