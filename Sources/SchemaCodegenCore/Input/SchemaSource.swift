/// One schema file handed to the compiler: the path to show in diagnostics and the file's text.
///
/// The compiler never touches the file system through this type; see
/// ``SchemaSource/init(contentsOfFile:displayPath:)`` for the convenience that reads a file.
public struct SchemaSource: Sendable, Equatable {
    /// The path shown in diagnostics and recorded as ``SchemaDefinition/sourceFile``.
    public var path: String
    /// The complete text of the file.
    public var text: String

    /// Creates a source from a display path and its text.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
