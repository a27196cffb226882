/// A lexer's position in a source file, and the moves both lexers (schema files, TypeScript) make through it.
protocol SourceCursor {
    var file: SourceFile { get }
    /// The index of the next scalar in `file.scalars`.
    var offset: Int { get set }
    var line: Int { get set }
    var column: Int { get set }
}

extension SourceCursor {
    var currentLocation: SourceLocation {
        SourceLocation(file: file.path, line: line, column: column)
    }

    func peek(at distance: Int = 0) -> Unicode.Scalar? {
        let position = offset + distance
        return position < file.scalars.count ? file.scalars[position] : nil
    }

    /// Moves forward within the current line (the lexer counts newlines itself).
    mutating func advance(by count: Int = 1) {
        offset += count
        column += count
    }

    /// The source text from `startOffset` up to the current position.
    func text(from startOffset: Int) -> String {
        String(String.UnicodeScalarView(file.scalars[startOffset..<offset]))
    }
}
