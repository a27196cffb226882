/// The smallest meaningful piece of TypeScript (or JavaScript) text, as far as the schema reader needs it.
struct TypeScriptToken {
    /// What a token is.
    enum Kind: Equatable {
        /// A name or a keyword (`class`, `Player`, `$x`).
        case identifier
        /// A `#name` private class member name.
        case privateName
        /// A numeric literal as spelled (`1_000`, `0x1F`, `.5`, `10n`).
        case number
        /// A `'…'` or `"…"` string; the associated value has its escapes decoded.
        case string(String)
        /// A `` `…` `` template; the decoded text when it has no `${…}` substitution, else `nil`.
        case template(String?)
        /// A `/…/flags` regular expression literal.
        case regularExpression
        /// An operator or a bracket; ``TypeScriptToken/text`` holds it (`{`, `=>`, `?.`, `<`, …).
        case punctuation
        case endOfFile
    }

    let kind: Kind
    /// The token exactly as spelled in the source.
    let text: String
    /// Where the token starts.
    let location: SourceLocation
    /// Whether a line break separates this token from the previous one (automatic semicolon insertion).
    let followsLineBreak: Bool
    /// The lines of the `/** … */` comment or of the `///` lines written directly before the token.
    let documentation: [String]

    /// Whether the token is the punctuation `text`.
    func isPunctuation(_ text: String) -> Bool {
        kind == .punctuation && self.text == text
    }

    /// Whether the token is the identifier (or keyword) `word`.
    func isIdentifier(_ word: String) -> Bool {
        kind == .identifier && text == word
    }

    /// How the token is named in "found …" parts of error messages.
    var descriptionForDiagnostics: String {
        kind == .endOfFile ? "end of file" : "'\(text)'"
    }
}
