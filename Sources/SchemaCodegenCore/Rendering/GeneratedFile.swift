/// One generated Swift file.
public struct GeneratedFile: Sendable, Equatable {
    /// The file name (no directory), e.g. `Game.swift` for `Game.schema`.
    public var name: String
    /// The Swift source.
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }

    /// The generated file name for a schema file path: its base name with `.swift`.
    public static func name(forSchemaFile path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let stem = base.hasSuffix(".schema") ? String(base.dropLast(".schema".count)) : base
        return stem + ".swift"
    }
}
