/// The smallest meaningful piece of schema text.
struct Token: Equatable {
    /// What a token is.
    enum Kind: Equatable {
        /// A name such as `schema`, `Player` or `true`; keywords are recognised by the parser.
        case identifier
        /// A decimal or hexadecimal integer, possibly with a leading `-`.
        case integerLiteral
        /// A decimal number with a fraction or an exponent, possibly with a leading `-`.
        case floatLiteral
        /// A double-quoted string; the associated value has its escapes decoded.
        case stringLiteral(String)
        /// A `///` line; the associated value is the text after `///` minus one leading space.
        case docComment(String)
        case leftBrace, rightBrace
        case leftAngle, rightAngle
        case leftParen, rightParen
        case leftBracket, rightBracket
        case colon, equals, questionMark, comma, semicolon, at
        /// The end of a line; fields are separated by newlines.
        case newline
        case endOfFile
        /// Text the lexer could not make sense of; the lexer has already reported it.
        case invalid
    }

    let kind: Kind
    /// The token exactly as spelled in the source.
    let text: String
    /// Where the token starts.
    let location: SourceLocation

    /// The position just after the token (tokens never span lines).
    var endLocation: SourceLocation {
        var end = location
        end.column += text.unicodeScalars.count
        return end
    }

    /// Whether the token is the identifier `word`.
    func isIdentifier(_ word: String) -> Bool {
        kind == .identifier && text == word
    }

    /// How the token is named in "found ..." parts of error messages.
    var descriptionForDiagnostics: String {
        switch kind {
        case .newline: "end of line"
        case .endOfFile: "end of file"
        case .docComment: "documentation comment"
        default: "'\(text)'"
        }
    }
}
