import CLibClang

/// Reads a member's default initialiser (`= 5`, `{1.5}`, `= "text"`, `= {1, 2}`) as a ``LiteralSyntax``
/// by letting libclang evaluate the expression.
struct CppDefaultValueReader {
    let clang: LibClang
    let diagnostics: DiagnosticCollector
    let location: (CXCursor) -> SourceLocation

    /// The default of the member `field` of type `type`; `nil` without an initialiser, or after reporting one
    /// that is no constant.
    func defaultValue(of field: CXCursor, type: TypeSyntax) -> LiteralSyntax? {
        guard let expression = clang.children(field).last(where: isExpression) else { return nil }
        if !type.elementTypes.isEmpty {
            guard let list = firstDescendant(of: expression, kind: CursorKind.initList) else { return nil }
            let elementType = type.elementTypes[0]
            var elements: [LiteralSyntax] = []
            for element in clang.children(list) where isExpression(element) {
                guard let literal = literal(element, typeName: elementType.name) else { return nil }
                elements.append(literal)
            }
            return LiteralSyntax(value: .array(elements), spelling: "{" + elements.map(\.spelling).joined(separator: ", ") + "}", location: location(expression))
        }
        return literal(expression, typeName: type.name)
    }

    private func literal(_ expression: CXCursor, typeName: String) -> LiteralSyntax? {
        if let literal = evaluated(expression, typeName: typeName) { return literal }
        if typeName == "string" {
            // `std::string s = "x"` is a constructor call; its string literal evaluates.
            guard let string = firstDescendant(of: expression, kind: CursorKind.stringLiteral) else { return nil }  // `std::string s{}`
            return evaluated(string, typeName: typeName) ?? spelledString(string)
        }
        if clang.children(expression).isEmpty && clang.kind(expression) == CursorKind.initList { return nil }  // `{}`: zero
        diagnostics.error("cannot read this default value; write a literal (numbers, strings, true/false, or {a, b} for containers)", at: location(expression))
        return nil
    }

    private func evaluated(_ expression: CXCursor, typeName: String) -> LiteralSyntax? {
        let api = clang.api
        guard let result = api.clang_Cursor_Evaluate(expression) else { return nil }
        defer { api.clang_EvalResult_dispose(result) }
        let at = location(expression)
        switch api.clang_EvalResult_getKind(result) {
        case 1:  // CXEval_Int
            if typeName == "boolean" {
                let value = api.clang_EvalResult_getAsLongLong(result) != 0
                return LiteralSyntax(value: .boolean(value), spelling: value ? "true" : "false", location: at)
            }
            let spelling = api.clang_EvalResult_isUnsignedInt(result) != 0
                ? String(api.clang_EvalResult_getAsUnsigned(result)) : String(api.clang_EvalResult_getAsLongLong(result))
            return LiteralSyntax(value: .integer(spelling), spelling: spelling, location: at)
        case 2:  // CXEval_Float
            let spelling = "\(api.clang_EvalResult_getAsDouble(result))"
            return LiteralSyntax(value: .float(spelling), spelling: spelling, location: at)
        case 4:  // CXEval_StrLiteral
            let text = api.clang_EvalResult_getAsStr(result).map { String(cString: $0) } ?? ""
            return LiteralSyntax(value: .string(text), spelling: "\"\(text)\"", location: at)
        default:
            return nil
        }
    }

    /// A string literal from its spelling (libclang evaluates few of them): the text between the quotes
    /// with the simple escapes decoded.
    private func spelledString(_ literal: CXCursor) -> LiteralSyntax? {
        let spelling = clang.spelling(literal)
        guard let open = spelling.firstIndex(of: "\""), spelling.hasSuffix("\""), spelling.index(after: open) < spelling.endIndex else { return nil }
        var text = ""
        var escaped = false
        for character in spelling[spelling.index(after: open)..<spelling.index(before: spelling.endIndex)] {
            if escaped {
                switch character {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "0": text.append("\0")
                default: text.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                text.append(character)
            }
        }
        return LiteralSyntax(value: .string(text), spelling: spelling, location: location(literal))
    }

    private func isExpression(_ cursor: CXCursor) -> Bool {
        (CursorKind.firstExpression...CursorKind.lastExpression).contains(clang.kind(cursor))
    }

    private func firstDescendant(of cursor: CXCursor, kind: Int32) -> CXCursor? {
        if clang.kind(cursor) == kind { return cursor }
        for child in clang.children(cursor) {
            if let found = firstDescendant(of: child, kind: kind) { return found }
        }
        return nil
    }
}
