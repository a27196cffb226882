/// Checks the attributes written before a field. The only attribute is `@view`.
struct AttributeResolver {
    let diagnostics: DiagnosticCollector

    /// The view tag the attributes give a field: `-1` for `@view`, `n` for `@view(n)`, `nil`
    /// without `@view`. Unknown, repeated and malformed attributes are reported.
    func viewTag(from attributes: [AttributeSyntax]) -> Int? {
        var viewTag: Int?
        var hasViewAttribute = false
        for attribute in attributes {
            guard attribute.name == "view" else {
                diagnostics.error("unknown attribute '@\(attribute.name)'", at: attribute.location)
                continue
            }
            guard !hasViewAttribute else {
                diagnostics.error("duplicate attribute '@view'", at: attribute.location)
                continue
            }
            hasViewAttribute = true
            viewTag = attribute.argument.map(resolveViewTagArgument) ?? -1
        }
        return viewTag
    }

    /// The tag written in `@view(n)`; `nil` after reporting anything but a non-negative integer.
    private func resolveViewTagArgument(_ argument: Token) -> Int? {
        guard argument.kind == .integerLiteral,
              let value = IntegerValue(literal: argument.text),
              !value.isNegative, let tag = Int(exactly: value.magnitude)
        else {
            diagnostics.error(
                "view tag must be a non-negative integer, found \(argument.descriptionForDiagnostics)",
                at: argument.location)
            return nil
        }
        return tag
    }
}
