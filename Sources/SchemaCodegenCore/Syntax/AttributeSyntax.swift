/// An attribute before a field, such as `@view` or `@view(1)`.
struct AttributeSyntax {
    /// The name after `@`.
    let name: String
    /// The location of the `@`.
    let location: SourceLocation
    /// The single token between the parentheses, if the attribute has an argument list.
    let argument: Token?
}
