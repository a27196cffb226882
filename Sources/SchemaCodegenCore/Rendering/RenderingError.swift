/// Schemas that a target language cannot express, found by its renderer; each problem names the
/// schema or field it is about.
public struct RenderingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One thing the target cannot express.
    public struct Problem: Sendable, Equatable {
        /// What the target cannot express, and what to do instead.
        public var message: String
        /// Where the schema or field was declared.
        public var location: SourceLocation

        /// Creates a problem.
        public init(message: String, location: SourceLocation) {
            self.message = message
            self.location = location
        }
    }

    /// The problems in model order.
    public var problems: [Problem]

    /// Creates the error from the problems in model order.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// One `file:line:column: error: message` line per problem.
    public var description: String {
        problems.map { "\($0.location): error: \($0.message)" }.joined(separator: "\n")
    }
}
