/// The error thrown when the schema sources have problems; it carries every diagnostic of the run.
public struct DiagnosticsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// All diagnostics, sorted by file (in input order), line and column.
    public var diagnostics: [Diagnostic]

    /// Creates the error from diagnostics that are already sorted.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Every rendered diagnostic, joined by newlines.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
