/// The front half of the code generator: schema sources in, validated ``SchemaModel`` out.
///
/// Sources whose path ends in a C++ header extension (`.hpp`, `.h`, ...) are read with libclang
/// (``CppHeaderReader``); the others are schema files. Each source is read on its own, then all declarations are analyzed together,
/// so schemas may refer to schemas declared later or in other files.
public enum SchemaCompiler {
    /// Compiles schema sources into a model.
    ///
    /// - Parameter sources: The files, in the order that decides the order of ``SchemaModel/schemas``
    ///   and of diagnostics.
    /// - Throws: ``DiagnosticsError`` with every problem found, sorted by file, line and column.
    public static func compile(sources: [SchemaSource]) throws(DiagnosticsError) -> SchemaModel {
        try compile(sources: sources, libClang: LibClang.shared)
    }

    /// ``compile(sources:)`` reading C++ headers with a given libclang (tests use each installed one).
    static func compile(sources: [SchemaSource], libClang: Result<LibClang, LibClangError>) throws(DiagnosticsError) -> SchemaModel {
        let files = sources.map(SourceFile.init)
        let diagnostics = DiagnosticCollector(sourceFiles: files)
        var declarations: [SchemaDeclarationSyntax] = []
        for (source, file) in zip(sources, files) {
            if CppHeaderReader.isHeader(source.path) {
                declarations += CppHeaderReader.read(source, file: file, libClang: libClang, diagnostics: diagnostics)
                continue
            }
            var lexer = Lexer(file: file, diagnostics: diagnostics)
            var parser = Parser(tokens: lexer.tokenize(), diagnostics: diagnostics)
            declarations += parser.parseFile()
        }
        let model = SemanticAnalyzer(diagnostics: diagnostics).analyze(declarations)
        if diagnostics.hasErrors {
            throw DiagnosticsError(diagnostics: diagnostics.sortedDiagnostics)
        }
        return model
    }

    /// Reads the schema files at `paths` (shown as given in diagnostics) and compiles them.
    ///
    /// - Throws: The Foundation error of a file that cannot be read, or ``DiagnosticsError``.
    public static func compile(filesAtPaths paths: [String]) throws -> SchemaModel {
        try compile(sources: paths.map { try SchemaSource(contentsOfFile: $0) })
    }
}
