/// A type as written, such as `uint8`, `Player?` or `map<Player>`.
///
/// Element types are parsed recursively so that semantic analysis can explain what is wrong
/// with `array<array<string>>` or `map<string, Player>` instead of failing to parse them.
struct TypeSyntax: CustomStringConvertible {
    let name: String
    let location: SourceLocation
    /// The types between `<` and `>`; empty when there are no angle brackets.
    let elementTypes: [TypeSyntax]
    let isOptional: Bool

    /// The type spelled as in the schema language, without a trailing `?`.
    var description: String {
        elementTypes.isEmpty
            ? name
            : "\(name)<\(elementTypes.map(\.description).joined(separator: ", "))>"
    }
}
