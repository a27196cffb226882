import Foundation

extension SchemaSource {
    /// Reads a schema file from disk as UTF-8.
    ///
    /// - Parameters:
    ///   - filePath: The path to read.
    ///   - displayPath: The path to show in diagnostics; defaults to `filePath`.
    /// - Throws: The Foundation error if the file cannot be read or is not valid UTF-8.
    public init(contentsOfFile filePath: String, displayPath: String? = nil) throws {
        let text = try String(contentsOfFile: filePath, encoding: .utf8)
        self.init(path: displayPath ?? filePath, text: text)
    }
}
