import CLibClang

/// Reads annotated C++ headers with libclang and turns every struct or class marked `COLYSEUS_SCHEMA`
/// (declared in the header itself, not in headers it includes) into the same declarations the schema
/// parser produces, so that semantic analysis and every renderer apply unchanged.
///
/// Member types map as follows: `std::string` → string, `bool` → boolean, fixed-width integers →
/// int8…uint64, `float` → float32, `double` → float64 (`number` with `COLYSEUS_NUMBER`), an annotated
/// struct → child schema, `std::optional<T>`, `std::unique_ptr<S>` or `std::shared_ptr<S>` → optional
/// field, `std::vector<T>` → array (set or collection with `COLYSEUS_SET` / `COLYSEUS_COLLECTION`),
/// `std::map<std::string, T>` or `std::unordered_map<std::string, T>` → map, `std::set<T>` or
/// `std::unordered_set<T>` → set. A public base class that is a schema → `extends`. A struct that is
/// only declared (`struct Item;`, used in a container or a smart pointer) names a schema of another
/// input. Default member initialisers become defaults. Problems are reported at the header's line and column.
struct CppHeaderReader {
    let clang: LibClang
    let file: SourceFile
    let diagnostics: DiagnosticCollector

    /// The file name endings read as C++ headers.
    static let headerExtensions = [".hpp", ".hh", ".hxx", ".h++", ".h"]

    /// Whether `path` names a C++ header rather than a schema file.
    static func isHeader(_ path: String) -> Bool {
        headerExtensions.contains { path.hasSuffix($0) }
    }

    /// Parses `source` (its text is given to libclang, so it need not be on disk) and returns its schemas.
    /// Reports clang's errors, and a missing libclang with the way to install it, as diagnostics.
    static func read(
        _ source: SchemaSource, file: SourceFile, libClang: Result<LibClang, LibClangError>, diagnostics: DiagnosticCollector
    ) -> [SchemaDeclarationSyntax] {
        switch libClang {
        case .failure(let error):
            diagnostics.error(error.description, at: SourceLocation(file: source.path, line: 1, column: 1))
            return []
        case .success(let clang):
            return CppHeaderReader(clang: clang, file: file, diagnostics: diagnostics).read(source)
        }
    }

    private func read(_ source: SchemaSource) -> [SchemaDeclarationSyntax] {
        let folder = source.path.contains("/") ? String(source.path[..<source.path.lastIndex(of: "/")!]) : "."
        var arguments = ["-DCOLYSEUS_SCHEMA_PARSING=1", "-I", folder]
        if let annotations = CppAnnotation.includeFolder { arguments += ["-I", annotations] }
        let declarations = clang.withTranslationUnit(path: source.path, text: source.text, arguments: arguments) { unit in
            // A header that does not compile cannot be read reliably (unknown types parse as `int`).
            guard !reportClangErrors(unit) else { return [SchemaDeclarationSyntax]() }
            var declarations: [SchemaDeclarationSyntax] = []
            collectSchemas(in: clang.api.clang_getTranslationUnitCursor(unit), into: &declarations)
            return declarations
        }
        guard let declarations else {
            diagnostics.error("libclang (\(clang.path)) could not parse this header", at: SourceLocation(file: source.path, line: 1, column: 1))
            return []
        }
        return declarations
    }

    /// Reports clang's errors; returns whether there were any.
    private func reportClangErrors(_ unit: CXTranslationUnit) -> Bool {
        let api = clang.api
        var hasErrors = false
        for position in 0..<api.clang_getNumDiagnostics(unit) {
            guard let diagnostic = api.clang_getDiagnostic(unit, position) else { continue }
            defer { api.clang_disposeDiagnostic(diagnostic) }
            guard api.clang_getDiagnosticSeverity(diagnostic) >= 3 else { continue }  // CXDiagnostic_Error
            let message = clang.string(api.clang_getDiagnosticSpelling(diagnostic))
            diagnostics.error("clang: \(message)", at: location(api.clang_getDiagnosticLocation(diagnostic)))
            hasErrors = true
        }
        return hasErrors
    }

    // MARK: schemas

    private func collectSchemas(in parent: CXCursor, into declarations: inout [SchemaDeclarationSyntax]) {
        for cursor in clang.children(parent) {
            switch clang.kind(cursor) {
            case CursorKind.namespace, CursorKind.linkageSpec:
                collectSchemas(in: cursor, into: &declarations)
            case CursorKind.structDecl, CursorKind.classDecl:
                guard clang.isFromMainFile(cursor), clang.api.clang_isCursorDefinition(cursor) != 0 else { continue }
                if annotations(of: cursor).contains(.schema) { declarations.append(schema(cursor)) }
                collectSchemas(in: cursor, into: &declarations)
            case CursorKind.classTemplate:
                if clang.isFromMainFile(cursor), annotations(of: cursor).contains(.schema) {
                    diagnostics.error("a class template cannot be a schema; declare a struct for each instantiation", at: location(of: cursor))
                }
            default:
                continue
            }
        }
    }

    private func schema(_ cursor: CXCursor) -> SchemaDeclarationSyntax {
        var parent: SchemaDeclarationSyntax.Name?
        var fields: [FieldDeclarationSyntax] = []
        for child in clang.children(cursor) {
            switch clang.kind(child) {
            case CursorKind.baseSpecifier:
                let base = clang.api.clang_getTypeDeclaration(clang.api.clang_getCanonicalType(clang.api.clang_getCursorType(child)))
                let name = SchemaDeclarationSyntax.Name(text: clang.spelling(base), location: location(of: child))
                if !isSchema(base) {
                    diagnostics.error("base class '\(clang.spelling(clang.api.clang_getCursorType(child)))' is not a schema; annotate it with COLYSEUS_SCHEMA", at: name.location)
                } else if parent != nil {
                    diagnostics.error("a schema extends at most one schema", at: name.location)
                } else {
                    parent = name
                }
            case CursorKind.fieldDecl:
                if let field = field(child) { fields.append(field) }
            default:
                continue
            }
        }
        return SchemaDeclarationSyntax(
            name: .init(text: clang.spelling(cursor), location: location(of: cursor)),
            parent: parent, documentation: documentation(of: cursor), fields: fields)
    }

    private func field(_ cursor: CXCursor) -> FieldDeclarationSyntax? {
        let fieldLocation = location(of: cursor)
        var modifiers = TypeModifiers()
        var attributes: [AttributeSyntax] = []
        for annotation in annotations(of: cursor) {
            switch annotation {
            case .schema:
                diagnostics.error("COLYSEUS_SCHEMA marks structs, not members", at: fieldLocation)
            case .number: modifiers.isNumber = true
            case .bigint: modifiers.isBigInt = true
            case .set: modifiers.collectionKind = .set
            case .collection: modifiers.collectionKind = .collection
            case .view(let tag):
                let argument = tag.map { Token(kind: Int($0) != nil ? .integerLiteral : .identifier, text: $0, location: fieldLocation) }
                attributes.append(AttributeSyntax(name: "view", location: fieldLocation, argument: argument))
            }
        }
        var mapper = CppTypeMapper(clang: clang, location: fieldLocation, modifiers: modifiers, isSchema: isSchema)
        let type = mapper.typeSyntax(for: clang.api.clang_getCursorType(cursor))
        for problem in mapper.problems { diagnostics.error(problem, at: fieldLocation) }
        guard let type else { return nil }
        let reader = CppDefaultValueReader(clang: clang, diagnostics: diagnostics, location: location(of:))
        return FieldDeclarationSyntax(
            name: clang.spelling(cursor), nameLocation: fieldLocation, documentation: documentation(of: cursor),
            attributes: attributes, type: type, defaultValue: reader.defaultValue(of: cursor, type: type))
    }

    // MARK: annotations, comments, locations

    private func isSchema(_ declaration: CXCursor) -> Bool {
        annotations(of: declaration).contains(.schema)
    }

    /// The `colyseus:` annotations of a declaration; unknown ones are reported.
    private func annotations(of cursor: CXCursor) -> [CppAnnotation] {
        var result: [CppAnnotation] = []
        for attribute in clang.children(cursor) where clang.kind(attribute) == CursorKind.annotateAttr {
            do throws(UnknownCppAnnotation) {
                if let annotation = try CppAnnotation(spelling: clang.spelling(attribute)) { result.append(annotation) }
            } catch {
                diagnostics.error("unknown annotation '\(error.spelling)'", at: location(of: attribute))
            }
        }
        return result
    }

    /// The `///` comment lines before a declaration, without the slashes and one following space.
    private func documentation(of cursor: CXCursor) -> [String] {
        let raw = clang.string(clang.api.clang_Cursor_getRawCommentText(cursor))
        return raw.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("///") else { return nil }
            let text = trimmed.dropFirst(3)
            return String(text.hasPrefix(" ") ? text.dropFirst() : text)
        }
    }

    private func location(of cursor: CXCursor) -> SourceLocation {
        location(clang.api.clang_getCursorLocation(cursor))
    }

    /// A libclang location as a diagnostic location; columns of this header are converted from bytes to
    /// Unicode scalars, as the schema parser counts them.
    private func location(_ location: CXSourceLocation) -> SourceLocation {
        let position = clang.position(location)
        guard position.file == file.path else {
            return SourceLocation(file: position.file.isEmpty ? file.path : position.file, line: max(position.line, 1), column: max(position.byteColumn, 1))
        }
        let bytes = Array(file.line(position.line).utf8.prefix(max(position.byteColumn - 1, 0)))
        return SourceLocation(file: file.path, line: position.line, column: String(decoding: bytes, as: UTF8.self).unicodeScalars.count + 1)
    }
}

/// libclang's cursor kinds used by the reader (values of clang-c/Index.h, stable across versions).
enum CursorKind {
    static let structDecl: Int32 = 2
    static let classDecl: Int32 = 4
    static let fieldDecl: Int32 = 6
    static let namespace: Int32 = 22
    static let linkageSpec: Int32 = 23
    static let classTemplate: Int32 = 31
    static let baseSpecifier: Int32 = 44
    static let firstExpression: Int32 = 100
    static let lastExpression: Int32 = 199
    static let stringLiteral: Int32 = 109
    static let initList: Int32 = 119
    static let annotateAttr: Int32 = 406
}
