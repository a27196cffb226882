/// The front half of the code generator: schema sources in, validated ``SchemaModel`` out.
///
/// Sources whose path ends in a C++ header extension (`.hpp`, `.h`, ...) are read with libclang
/// (``CppHeaderReader``), TypeScript and JavaScript files (`.ts`, `.js`, ...) with ``TypeScriptReader``;
/// the others are schema files. Each source is read on its own, then all declarations are analyzed
/// together, so schemas may refer to schemas declared later or in other files.
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
        var declarationsBySource: [[SchemaDeclarationSyntax]] = []
        var typeScriptFiles: [(sourceIndex: Int, file: TypeScriptFile)] = []
        for (source, file) in zip(sources, files) {
            if CppHeaderReader.isHeader(source.path) {
                declarationsBySource.append(CppHeaderReader.read(source, file: file, libClang: libClang, diagnostics: diagnostics))
            } else if TypeScriptReader.isTypeScript(source.path) {
                var reader = TypeScriptReader(file: file, diagnostics: diagnostics)
                typeScriptFiles.append((declarationsBySource.count, reader.read()))
                declarationsBySource.append([])
            } else {
                var lexer = Lexer(file: file, diagnostics: diagnostics)
                var parser = Parser(tokens: lexer.tokenize(), diagnostics: diagnostics)
                declarationsBySource.append(parser.parseFile())
            }
        }
        // TypeScript classes are schemas by what they extend, which other files may declare.
        let resolver = TypeScriptSchemaResolver(
            files: typeScriptFiles.map(\.file), otherSchemaNames: Set(declarationsBySource.joined().map(\.name.text)),
            diagnostics: diagnostics)
        for (position, declarations) in resolver.declarations().enumerated() {
            declarationsBySource[typeScriptFiles[position].sourceIndex] = declarations
        }
        let model = SemanticAnalyzer(diagnostics: diagnostics).analyze(Array(declarationsBySource.joined()))
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
