/// Gathers the diagnostics of one compiler run from every phase.
///
/// Each phase reports and carries on, so a single run shows all problems at once.
final class DiagnosticCollector {
    private let sourceFiles: [SourceFile]
    private var collected: [Diagnostic] = []

    init(sourceFiles: [SourceFile]) {
        self.sourceFiles = sourceFiles
    }

    /// Whether any error has been reported.
    var hasErrors: Bool { collected.contains { $0.severity == .error } }

    /// Records an error at `location`, quoting the source line it points into.
    func error(_ message: String, at location: SourceLocation) {
        let sourceLine = sourceFiles.first { $0.path == location.file }?.line(location.line) ?? ""
        collected.append(
            Diagnostic(severity: .error, message: message, location: location, sourceLine: sourceLine))
    }

    /// The diagnostics sorted by file (in input order), then line, then column; diagnostics at
    /// the same position keep the order in which they were reported.
    var sortedDiagnostics: [Diagnostic] {
        var fileOrder: [String: Int] = [:]
        for (position, file) in sourceFiles.enumerated() where fileOrder[file.path] == nil {
            fileOrder[file.path] = position
        }
        func sortKey(_ diagnostic: Diagnostic) -> (Int, Int, Int) {
            let location = diagnostic.location
            return (fileOrder[location.file] ?? Int.max, location.line, location.column)
        }
        return collected.enumerated()
            .sorted { lhs, rhs in
                let (left, right) = (sortKey(lhs.element), sortKey(rhs.element))
                return left != right ? left < right : lhs.offset < rhs.offset
            }
            .map(\.element)
    }
}
