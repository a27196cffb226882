/// How generated Swift is shaped.
public struct SwiftRenderingOptions: Sendable, Equatable {
    /// The access level of the generated classes and their members.
    public enum AccessLevel: String, Sendable, CaseIterable {
        case `public`, `package`, `internal`
    }

    /// Access level of generated declarations.
    public var accessLevel: AccessLevel
    /// The module that provides the runtime (`Schema`, `MapSchema`, ...); empty for code generated
    /// into the runtime module itself (no import).
    public var runtimeModule: String

    public init(accessLevel: AccessLevel = .public, runtimeModule: String = "ColyseusSchema") {
        self.accessLevel = accessLevel
        self.runtimeModule = runtimeModule
    }
}
