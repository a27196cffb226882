/// A default value as written after `=`; its meaning depends on the field type and is decided
/// during semantic analysis.
struct LiteralSyntax: CustomStringConvertible {
    enum Value {
        /// A decimal or `0x` hexadecimal integer, with an optional leading `-`, as spelled.
        case integer(String)
        /// A decimal number with a fraction or exponent, as spelled.
        case float(String)
        /// A string with its escapes decoded.
        case string(String)
        case boolean(Bool)
        case array([LiteralSyntax])
    }

    let value: Value
    /// The literal as spelled in the source; arrays are respelled as `[a, b, c]`.
    let spelling: String
    let location: SourceLocation

    var description: String { spelling }
}
