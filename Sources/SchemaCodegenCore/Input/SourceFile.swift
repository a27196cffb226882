/// A schema source prepared for lexing and for quoting lines in diagnostics.
///
/// Columns count Unicode scalars, so the text is kept as an array of scalars.
struct SourceFile {
    /// The path shown in diagnostics.
    let path: String
    /// The file's text as Unicode scalars.
    let scalars: [Unicode.Scalar]
    /// The file's lines without their line terminators (`\n` or `\r\n`).
    let lines: [String]

    init(_ source: SchemaSource) {
        path = source.path
        scalars = Array(source.text.unicodeScalars)
        lines = source.text
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.hasSuffix("\r") ? String(line.dropLast()) : String(line) }
    }

    /// The text of the 1-based line `number`, or an empty string past the end of the file.
    func line(_ number: Int) -> String {
        lines.indices.contains(number - 1) ? lines[number - 1] : ""
    }
}
