/// A `schema Name [extends Parent] { ... }` declaration exactly as written.
struct SchemaDeclarationSyntax {
    /// A name together with where it was written.
    struct Name {
        let text: String
        let location: SourceLocation
    }

    let name: Name
    let parent: Name?
    /// The `///` lines written directly before the declaration.
    let documentation: [String]
    let fields: [FieldDeclarationSyntax]
}
