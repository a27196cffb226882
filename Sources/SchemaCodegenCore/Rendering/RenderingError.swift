/// Schemas that a target language cannot express, found by its renderer; each problem names the
/// schema or field it is about.
public struct RenderingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One thing the target cannot express.
    public struct Problem: Sendable, Equatable {
        public var message: String
        public var location: SourceLocation

        public init(message: String, location: SourceLocation) {
            self.message = message
            self.location = location
        }
    }

    /// The problems in model order.
    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// One `file:line:column: error: message` line per problem.
    public var description: String {
        problems.map { "\($0.location): error: \($0.message)" }.joined(separator: "\n")
    }
}
