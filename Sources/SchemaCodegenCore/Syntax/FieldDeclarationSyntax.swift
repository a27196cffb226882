/// A field line such as `@view(1) score: uint16 = 0` exactly as written.
struct FieldDeclarationSyntax {
    let name: String
    let nameLocation: SourceLocation
    /// The `///` lines written directly before the field.
    let documentation: [String]
    let attributes: [AttributeSyntax]
    let type: TypeSyntax
    let defaultValue: LiteralSyntax?
}
