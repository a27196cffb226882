/// How generated C++ is shaped.
public struct CppRenderingOptions: Sendable, Equatable {
    /// The namespace of the generated classes (`game` or `game::state`); empty for the global namespace.
    public var namespace: String

    public init(namespace: String = "") {
        self.namespace = namespace
    }
}
