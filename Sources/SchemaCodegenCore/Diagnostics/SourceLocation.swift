/// A position in a schema file.
///
/// Lines and columns are 1-based. Columns count Unicode scalars (not UTF-8 bytes and not
/// grapheme clusters), so a tab counts as one column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The path of the file as given in ``SchemaSource/path``.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location as `file:line:column`, the way compilers print it.
    public var description: String { "\(file):\(line):\(column)" }
}
