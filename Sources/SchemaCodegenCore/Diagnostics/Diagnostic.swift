/// A problem found in the schema sources, rendered like a compiler diagnostic.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Equatable {
        /// The sources cannot be compiled.
        case error
        /// The sources compile, but something looks wrong.
        case warning
    }

    /// How serious the problem is.
    public var severity: Severity
    /// A one-line description of the problem.
    public var message: String
    /// Where the problem is.
    public var location: SourceLocation
    /// The text of the source line at ``location``, quoted in the rendered diagnostic.
    public var sourceLine: String

    /// Creates a diagnostic.
    public init(severity: Severity, message: String, location: SourceLocation, sourceLine: String) {
        self.severity = severity
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
    }

    /// The diagnostic in compiler format: `file:line:column: severity: message`, then the
    /// source line verbatim, then a caret under the column.
    ///
    /// The caret line copies tabs from the source line so the caret lines up in a terminal.
    public var description: String {
        "\(location): \(severity.rawValue): \(message)\n\(sourceLine)\n\(caretLine)"
    }

    private var caretLine: String {
        let scalarsBeforeColumn = sourceLine.unicodeScalars.prefix(max(location.column - 1, 0))
        var padding = String(scalarsBeforeColumn.map { $0 == "\t" ? "\t" : " " })
        padding += String(repeating: " ", count: max(location.column - 1 - scalarsBeforeColumn.count, 0))
        return padding + "^"
    }
}
