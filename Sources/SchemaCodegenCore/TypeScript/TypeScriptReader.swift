/// Reads the @colyseus/schema definitions of one TypeScript (or JavaScript) file, skipping every other
/// statement, and reports what it cannot map at the file's line and column.
///
/// Forms read, as the reference's own code generator reads them (src/codegen/parser.ts):
/// - `class X extends Schema { @type("number") x: number = 0; … }` with `@type` and `@view()` /
///   `@view(tag)` decorators on fields, `extends schema.Schema`, and `extends Other` for another class;
/// - `defineTypes(X, { … })`, `Metadata.setFields(X, { … })` and `type("number")(X.prototype, "x")`;
/// - `const X = schema({ … })`, `schema({ … }, "X")` and `const Y = X.extends({ … })`, whose entries
///   may have `default`, `view` and `sync` and whose methods are skipped;
/// - `enum`s (a field typed with one is a `number`, or a `string` when every member is a string);
/// - `import { A as B } from "./a"` (the name `B` stands for `A`; relative modules are remembered).
struct TypeScriptReader {
    private var cursor: TypeScriptCursor
    private let diagnostics: DiagnosticCollector
    private let values: TypeScriptValueReader
    private let mapper: TypeScriptFieldMapper
    private var file: TypeScriptFile

    /// The file name endings read as TypeScript or JavaScript.
    static let fileExtensions = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"]

    /// Whether `path` names a TypeScript or JavaScript file.
    static func isTypeScript(_ path: String) -> Bool {
        fileExtensions.contains { path.hasSuffix($0) }
    }

    init(file source: SourceFile, diagnostics: DiagnosticCollector) {
        var lexer = TypeScriptLexer(file: source, diagnostics: diagnostics)
        cursor = TypeScriptCursor(tokens: lexer.tokenize())
        self.diagnostics = diagnostics
        values = TypeScriptValueReader(diagnostics: diagnostics)
        mapper = TypeScriptFieldMapper(diagnostics: diagnostics)
        file = TypeScriptFile(path: source.path)
    }

    /// Reads the whole file.
    mutating func read() -> TypeScriptFile {
        while !cursor.isAtEnd {
            let token = cursor.current
            let isMemberName = cursor.previous?.isPunctuation(".") == true || cursor.previous?.isPunctuation("?.") == true
            guard token.kind == .identifier else {
                cursor.advance()
                continue
            }
            switch token.text {
            case "import" where !isMemberName && !cursor.peek().isPunctuation("(") && !cursor.peek().isPunctuation("."):
                readModuleReference(isImport: true)
            case "export" where !isMemberName && (cursor.peek().isPunctuation("*") || cursor.peek().isPunctuation("{")):
                readModuleReference(isImport: false)
            case "class" where !isMemberName:
                readClass()
            case "enum" where !isMemberName:
                readEnum()
            default:
                if cursor.peek().isPunctuation("(") && cursor.previous?.isIdentifier("function") != true {
                    readCall()
                } else {
                    cursor.advance()
                }
            }
        }
        return file
    }

    // MARK: imports

    /// `import … from "m"`, `import "m"`, `export { … } from "m"` and `export * from "m"`: remembers
    /// relative modules and the names imported under another name.
    private mutating func readModuleReference(isImport: Bool) {
        cursor.advance()
        while !cursor.isAtEnd {
            let token = cursor.current
            if case .string(let specifier) = token.kind {
                cursor.advance()
                if specifier.hasPrefix(".") { file.relativeImports.append(specifier) }
                return
            }
            if token.isPunctuation("{") {
                readImportedNames(isImport: isImport)
                continue
            }
            if token.isPunctuation(";") || (token.followsLineBreak && token.kind == .identifier && !token.isIdentifier("from")) {
                return  // `export { a, b }` without `from`
            }
            cursor.advance()
        }
    }

    private mutating func readImportedNames(isImport: Bool) {
        cursor.advance()
        while !cursor.current.isPunctuation("}") && !cursor.isAtEnd {
            if cursor.current.isIdentifier("type") && cursor.peek().kind == .identifier { cursor.advance() }
            let imported = cursor.current.text
            cursor.advance()
            if cursor.current.isIdentifier("as") {
                cursor.advance()
                if isImport && imported != "default" && cursor.current.text != imported { file.aliases[cursor.current.text] = imported }
                cursor.advance()
            }
            if !cursor.consume(",") && !cursor.current.isPunctuation("}") { cursor.advance() }
        }
        cursor.advance()
    }

    // MARK: classes

    private static let memberModifiers: Set<String> = [
        "public", "private", "protected", "readonly", "static", "declare", "override", "abstract", "accessor", "async", "get", "set",
    ]

    private mutating func readClass() {
        let classToken = cursor.current
        let documentation = statementDocumentation(endingBefore: cursor.position)
        cursor.advance()
        var nameToken: TypeScriptToken?
        if cursor.current.kind == .identifier && !cursor.current.isIdentifier("extends") && !cursor.current.isIdentifier("implements") {
            nameToken = cursor.current
            cursor.advance()
        } else if let assigned = assignedName(before: cursor.position - 1) {
            nameToken = assigned  // `const X = class extends Schema {…}`
        }
        if cursor.current.isPunctuation("<") { cursor.skipGroup() }
        guard cursor.current.isIdentifier("extends") || cursor.current.isIdentifier("implements") || cursor.current.isPunctuation("{") else {
            return  // `class` as a property name or in an unusual place
        }
        var parent = TypeScriptClass.Parent.none
        if cursor.current.isIdentifier("extends") {
            cursor.advance()
            parent = readParent()
        }
        while !cursor.current.isPunctuation("{") && !cursor.isAtEnd && !cursor.current.isPunctuation(";") {
            if cursor.current.isPunctuation("<") || cursor.current.isPunctuation("(") { cursor.skipGroup() } else { cursor.advance() }
        }
        guard cursor.current.isPunctuation("{") else { return }
        let name = nameToken.map { SchemaDeclarationSyntax.Name(text: $0.text, location: $0.location) }
        var schemaClass = TypeScriptClass(
            name: name ?? SchemaDeclarationSyntax.Name(text: "", location: classToken.location), parent: parent, documentation: documentation)
        readClassBody(into: &schemaClass)
        if nameToken == nil {
            if schemaClass.declaresFields {
                diagnostics.error("a class with schema fields needs a name", at: classToken.location)
            }
            return
        }
        file.classes.append(schemaClass)
    }

    /// The class after `extends`: `Schema`, `schema.Schema`, or another class by name (type arguments skipped).
    private mutating func readParent() -> TypeScriptClass.Parent {
        let start = cursor.current
        guard start.kind == .identifier else { return .unreadable(start.location) }
        let path = TypeScriptValueReader.dottedName(&cursor)
        if cursor.current.isPunctuation("<") { cursor.skipGroup() }
        if cursor.current.isPunctuation("(") { return .unreadable(start.location) }
        if path.last == "Schema" { return .schemaBase }
        return .named(SchemaDeclarationSyntax.Name(text: file.resolve(path.last!), location: start.location))
    }

    private mutating func readClassBody(into schemaClass: inout TypeScriptClass) {
        cursor.advance()  // `{`
        while !cursor.isAtEnd {
            if cursor.consume("}") { return }
            if cursor.consume(";") { continue }
            readMember(into: &schemaClass)
        }
    }

    /// Reads one member: decorators, modifiers, name, then a method (skipped) or a property.
    private mutating func readMember(into schemaClass: inout TypeScriptClass) {
        let documentation = cursor.current.documentation
        var decorators: [Decorator] = []
        while cursor.current.isPunctuation("@") {
            decorators.append(readDecorator())
        }
        var isStatic = false
        var isAccessor = false
        while cursor.current.kind == .identifier, Self.memberModifiers.contains(cursor.current.text), startsMemberName(cursor.peek()) {
            isStatic = isStatic || cursor.current.isIdentifier("static")
            isAccessor = isAccessor || cursor.current.isIdentifier("get") || cursor.current.isIdentifier("set")
            cursor.advance()
        }
        if cursor.current.isPunctuation("{") {  // `static { … }`
            cursor.skipGroup()
            return
        }
        _ = cursor.consume("*")
        let nameToken = cursor.current
        switch nameToken.kind {
        case .identifier, .string, .number, .privateName:
            cursor.advance()
        case .punctuation where nameToken.text == "[":
            cursor.skipGroup()
        default:
            if !nameToken.isPunctuation("}") { cursor.advance() }  // not a member; go on with the next token
            return
        }
        let isMarkedOptional = cursor.consume("?")
        if !isMarkedOptional { _ = cursor.consume("!") }
        let typeDecorator = decorators.first { $0.name == "type" }
        let viewDecorator = decorators.first { $0.name == "view" }

        if cursor.current.isPunctuation("(") || cursor.current.isPunctuation("<") {
            skipMethod()
            if let decorator = typeDecorator ?? viewDecorator {
                diagnostics.error("@\(decorator.name) decorates fields, not methods or accessors", at: decorator.location)
            }
            return
        }
        var annotationAllowsAbsence = false
        if cursor.consume(":") { annotationAllowsAbsence = cursor.skipTypeAnnotation() }
        var initializer: TypeScriptInitializer?
        if cursor.consume("=") { initializer = values.initializer(&cursor) }
        _ = cursor.consume(";")

        guard let typeDecorator else {
            if let viewDecorator {
                diagnostics.error("@view needs a @type decorator on the same field", at: viewDecorator.location)
            }
            return
        }
        schemaClass.declaresFields = true
        var hasProblem = false
        for decorator in decorators where decorator.name != "type" && decorator.name != "view" {
            diagnostics.error("decorator '@\(decorator.name)' is not supported on schema fields; only @type and @view are read", at: decorator.location)
            hasProblem = true
        }
        if isStatic || isAccessor {
            diagnostics.error("@type decorates instance fields, not static members or accessors", at: typeDecorator.location)
            return
        }
        guard let definition = typeDefinition(of: typeDecorator), !hasProblem else { return }
        var attributes: [AttributeSyntax] = []
        if let viewDecorator {
            guard let attribute = viewAttribute(viewDecorator) else { return }
            attributes.append(attribute)
        }
        if let field = mapper.field(
            name: nameToken, documentation: documentation, attributes: attributes, type: definition.type,
            isMarkedOptional: isMarkedOptional || annotationAllowsAbsence, initializer: initializer)
        {
            schemaClass.fields.append(field)
        }
    }

    /// Whether `token` can follow a modifier such as `static` or `get` (otherwise the word is itself the name).
    private func startsMemberName(_ token: TypeScriptToken) -> Bool {
        switch token.kind {
        case .identifier, .string, .number, .privateName: true
        case .punctuation: ["[", "*", "{"].contains(token.text)
        default: false
        }
    }

    private mutating func skipMethod() {
        if cursor.current.isPunctuation("<") { cursor.skipGroup() }
        if cursor.current.isPunctuation("(") { cursor.skipGroup() }
        if cursor.consume(":") { _ = cursor.skipTypeAnnotation() }
        if cursor.current.isPunctuation("{") { cursor.skipGroup() }
    }

    // MARK: decorators

    /// A decorator as written: the last part of its name and the tokens of its arguments.
    private struct Decorator {
        let name: String
        let location: SourceLocation
        /// The position of each argument's first token; empty for `@view` and `@view()`.
        let argumentPositions: [Int]
    }

    private mutating func readDecorator() -> Decorator {
        let atSign = cursor.current
        cursor.advance()
        guard cursor.current.kind == .identifier else {
            return Decorator(name: "", location: atSign.location, argumentPositions: [])
        }
        let name = TypeScriptValueReader.dottedName(&cursor).last!
        var arguments: [Int] = []
        if cursor.current.isPunctuation("(") {
            cursor.advance()
            while !cursor.current.isPunctuation(")") && !cursor.isAtEnd {
                arguments.append(cursor.position)
                cursor.skipExpression()
                if !cursor.consume(",") { break }
            }
            _ = cursor.consume(")")
        }
        return Decorator(name: name, location: atSign.location, argumentPositions: arguments)
    }

    /// Reads the type argument of `@type(…)` (a second argument holds options such as `{ manual: true }`).
    private mutating func typeDefinition(of decorator: Decorator) -> TypeScriptFieldDefinition? {
        guard let first = decorator.argumentPositions.first else {
            diagnostics.error("@type needs the field type, as in @type(\"number\")", at: decorator.location)
            return nil
        }
        return definition(at: first, context: .typeArgument)
    }

    private mutating func definition(at position: Int, context: TypeScriptValueReader.DefinitionContext) -> TypeScriptFieldDefinition? {
        let saved = cursor.position
        defer { cursor.position = saved }
        cursor.position = position
        return values.fieldDefinition(&cursor, context: context)
    }

    private func viewAttribute(_ decorator: Decorator) -> AttributeSyntax? {
        guard let position = decorator.argumentPositions.first else {
            return AttributeSyntax(name: "view", location: decorator.location, argument: nil)
        }
        var tokenCursor = cursor
        tokenCursor.position = position
        let token = tokenCursor.current
        if token.isPunctuation("-"), tokenCursor.peek().kind == .number {
            let negative = Token(kind: .integerLiteral, text: "-" + tokenCursor.peek().text, location: token.location)
            return AttributeSyntax(name: "view", location: decorator.location, argument: negative)
        }
        return AttributeSyntax(name: "view", location: decorator.location, argument: TypeScriptValueReader.viewTagToken(token))
    }

    // MARK: calls

    /// A call at an identifier followed by `(`: `defineTypes`, `Metadata.setFields`, `schema`,
    /// `X.extends` or `type(…)(X.prototype, "x")`; other calls are skipped.
    private mutating func readCall() {
        let callee = calleePath()
        let calleeStart = cursor.position - 2 * (callee.count - 1)
        let name = callee.last!
        switch name {
        case "defineTypes", "setFields":
            readFieldsCall(isSetFields: name == "setFields")
        case "schema" where callee.count <= 2 && cursor.peek(2).isPunctuation("{"):
            readSchemaCall(parent: .schemaBase, calleeStart: calleeStart)
        case "extends" where callee.count == 2 && cursor.peek(2).isPunctuation("{"):
            let parentToken = cursor.tokens[calleeStart]
            let parent = SchemaDeclarationSyntax.Name(text: file.resolve(parentToken.text), location: parentToken.location)
            readSchemaCall(parent: .named(parent), calleeStart: calleeStart)
        case "type" where callee.count == 1:
            readTypeCall()
        default:
            cursor.advance()
        }
    }

    /// The dotted name ending at the current identifier (`schema.schema`, `Vec3.extends`).
    private func calleePath() -> [String] {
        var parts = [cursor.current.text]
        var position = cursor.position
        while position >= 2, cursor.tokens[position - 1].isPunctuation("."), cursor.tokens[position - 2].kind == .identifier {
            parts.insert(cursor.tokens[position - 2].text, at: 0)
            position -= 2
        }
        return parts
    }

    /// `defineTypes(X, { … })` and `Metadata.setFields(X, { … })`: fields of the class `X` of this file.
    private mutating func readFieldsCall(isSetFields: Bool) {
        let callName = cursor.current
        cursor.advance()
        cursor.advance()  // `(`
        let target = cursor.current
        guard target.kind == .identifier, !target.isIdentifier("class"), cursor.peek().isPunctuation(","),
              cursor.peek(2).isPunctuation("{")
        else { return }
        cursor.advance()
        cursor.advance()
        guard let index = file.classes.lastIndex(where: { $0.name.text == target.text }) else {
            diagnostics.error("\(callName.text): no class '\(target.text)' is declared in this file", at: target.location)
            cursor.skipGroup()
            return
        }
        if isSetFields { file.classes[index].parent = .schemaBase }
        file.classes[index].declaresFields = true
        for entry in readFieldEntries(context: .typeArgument) {
            file.classes[index].fields.append(entry)
        }
    }

    /// `type("number")(X.prototype, "x")`.
    private mutating func readTypeCall() {
        let typeToken = cursor.current
        var probe = cursor
        probe.advance()
        let argumentStart = probe.position + 1
        probe.skipGroup()
        guard probe.current.isPunctuation("("), probe.peek().kind == .identifier, probe.peek(2).isPunctuation("."),
              probe.peek(3).isIdentifier("prototype"), probe.peek(4).isPunctuation(","),
              case .string = probe.peek(5).kind, probe.peek(6).isPunctuation(")")
        else {
            cursor.advance()
            return
        }
        let target = probe.peek()
        let nameToken = probe.peek(5)
        cursor = probe
        for _ in 0..<7 { cursor.advance() }
        guard let index = file.classes.lastIndex(where: { $0.name.text == target.text }) else {
            diagnostics.error("type(…): no class '\(target.text)' is declared in this file", at: target.location)
            return
        }
        file.classes[index].declaresFields = true
        guard let definition = definition(at: argumentStart, context: .typeArgument),
              let field = mapper.field(
                name: nameToken, documentation: typeToken.documentation, attributes: [], type: definition.type,
                isMarkedOptional: false, initializer: nil)
        else { return }
        file.classes[index].fields.append(field)
    }

    /// `schema({ … }, "Name")` and `Parent.extends({ … }, "Name")`; without a name argument, the
    /// name is the constant the result is assigned to.
    private mutating func readSchemaCall(parent: TypeScriptClass.Parent, calleeStart: Int) {
        let calleeToken = cursor.tokens[calleeStart]
        let assigned = assignedName(before: calleeStart)
        let documentation = statementDocumentation(endingBefore: assigned.map { _ in calleeStart - 2 } ?? calleeStart)
        cursor.advance()
        cursor.advance()  // `(`
        let fields = readFieldEntries(context: .schemaFunction)
        var name = assigned.map { SchemaDeclarationSyntax.Name(text: $0.text, location: $0.location) }
        if cursor.consume(",") {
            if case .string(let text) = cursor.current.kind {
                name = SchemaDeclarationSyntax.Name(text: text, location: cursor.current.location)
                if let assigned, assigned.text != text { file.aliases[assigned.text] = text }
            }
            cursor.skipExpression()
        }
        _ = cursor.consume(")")
        guard let name else {
            diagnostics.error(
                "schema({…}) needs a name: assign it to a constant (const Player = schema({…})) or pass the name as its second argument",
                at: calleeToken.location)
            return
        }
        file.classes.append(TypeScriptClass(name: name, parent: parent, documentation: documentation, fields: fields, declaresFields: true))
    }

    /// The entries of the object literal at the cursor, as fields; methods and `sync: false` entries are
    /// left out. The cursor ends after the closing brace.
    private mutating func readFieldEntries(context: TypeScriptValueReader.DefinitionContext) -> [FieldDeclarationSyntax] {
        cursor.advance()  // `{`
        var fields: [FieldDeclarationSyntax] = []
        while !cursor.current.isPunctuation("}") && !cursor.isAtEnd {
            if let field = readFieldEntry(context: context) { fields.append(field) }
            if !cursor.consume(",") && !cursor.current.isPunctuation("}") {
                diagnostics.error("expected ',' or '}' after a field, found \(cursor.current.descriptionForDiagnostics)", at: cursor.current.location)
                cursor.skipExpression()
                _ = cursor.consume(",")
            }
        }
        _ = cursor.consume("}")
        return fields
    }

    private mutating func readFieldEntry(context: TypeScriptValueReader.DefinitionContext) -> FieldDeclarationSyntax? {
        let key = cursor.current
        if key.isPunctuation("...") {
            diagnostics.error("cannot read a spread ('...') in a field list; write each field", at: key.location)
            cursor.skipExpression()
            return nil
        }
        // Methods: `name() {}`, `async name() {}`, `get name() {}`, `name: function …`, `name: (…) => …`.
        while cursor.current.kind == .identifier, ["async", "get", "set"].contains(cursor.current.text), startsMemberName(cursor.peek()) {
            cursor.advance()
        }
        _ = cursor.consume("*")
        let nameToken = cursor.current
        if nameToken.isPunctuation("[") { cursor.skipGroup() } else { cursor.advance() }
        if cursor.current.isPunctuation("(") {
            skipMethod()
            return nil
        }
        guard cursor.consume(":") else {
            diagnostics.error("expected ':' and the field type after '\(nameToken.text)', found \(cursor.current.descriptionForDiagnostics)", at: cursor.current.location)
            cursor.skipExpression()
            return nil
        }
        if isFunctionValue() {
            cursor.skipExpression()
            return nil
        }
        guard let definition = values.fieldDefinition(&cursor, context: context), definition.isSynchronized else { return nil }
        return mapper.field(
            name: nameToken, documentation: key.documentation, attributes: definition.view.map { [$0] } ?? [],
            type: definition.type, isMarkedOptional: false, initializer: definition.defaultValue)
    }

    /// Whether the value at the cursor is a function: `function`, `async …`, `(…) =>` or `x =>`.
    private func isFunctionValue() -> Bool {
        let token = cursor.current
        if token.isIdentifier("function") || token.isIdentifier("async") { return true }
        if token.kind == .identifier && cursor.peek().isPunctuation("=>") { return true }
        guard token.isPunctuation("(") else { return false }
        var probe = cursor
        probe.skipGroup()
        return probe.current.isPunctuation("=>") || probe.current.isPunctuation(":")
    }

    // MARK: enums

    /// `enum E { A, B = 2 }` is stored as a number; an enum whose members are all strings as a string.
    private mutating func readEnum() {
        cursor.advance()
        guard cursor.current.kind == .identifier else { return }
        let name = cursor.current.text
        cursor.advance()
        guard cursor.consume("{") else { return }
        var allStrings = true
        var isEmpty = true
        while !cursor.current.isPunctuation("}") && !cursor.isAtEnd {
            isEmpty = false
            cursor.advance()  // member name
            if cursor.consume("=") {
                if case .string = cursor.current.kind {} else { allStrings = false }
                cursor.skipExpression()
            } else {
                allStrings = false
            }
            if !cursor.consume(",") { break }
        }
        _ = cursor.consume("}")
        file.enumTypes[name] = allStrings && !isEmpty ? .string : .number
    }

    // MARK: names and documentation

    /// The name of `const Name = …` / `let` / `var` when the token at `position` is that `=`'s right side.
    private func assignedName(before position: Int) -> TypeScriptToken? {
        guard position >= 3, cursor.tokens[position - 1].isPunctuation("="),
              cursor.tokens[position - 2].kind == .identifier,
              ["const", "let", "var"].contains(cursor.tokens[position - 3].text)
        else { return nil }
        return cursor.tokens[position - 2]
    }

    /// The documentation written before the statement whose keyword (`class`, `const`) is at `position`:
    /// on the keyword or on the `export`, `default`, `abstract` or `declare` before it.
    private func statementDocumentation(endingBefore position: Int) -> [String] {
        var start = position
        while start > 0, ["export", "default", "abstract", "declare", "const", "let", "var"].contains(cursor.tokens[start - 1].text),
              cursor.tokens[start - 1].kind == .identifier {
            start -= 1
        }
        return cursor.tokens[start...position].first { !$0.documentation.isEmpty }?.documentation ?? []
    }
}
