/// `Tests/Fixtures/vectors/protocol/session-stateview.json`: per-client StateView filtering as the
/// reference server emits it, frame by frame.
public struct StateViewVector: Decodable, Sendable {
    public struct Scenario: Decodable, Sendable {
        public struct Client: Decodable, Sendable {
            public let name: String
            public let hasView: Bool
        }
        public let name: String
        public let handshake: String
        public let clients: [Client]
        public let steps: [Step]
    }

    public struct Step: Decodable, Sendable {
        public let step: String
        public let frames: [Frame]

        /// The frame of `client`.
        public func frame(_ client: String) -> Frame? { frames.first { $0.client == client } }
    }

    public struct Frame: Decodable, Sendable {
        public let client: String
        /// `ROOM_STATE`, `ROOM_STATE_PATCH` or `nothing sent`.
        public let kind: String
        /// The frame with its protocol byte; nil when nothing was sent.
        public let hex: String?
        /// The client's state after the frame.
        public let decodedAfter: JSONValue?
    }

    public let scenarios: [Scenario]

    /// The scenario named `name`.
    public func scenario(_ name: String) throws -> Scenario {
        guard let scenario = scenarios.first(where: { $0.name == name }) else {
            throw FixtureError(path: Self.path, reason: "has no scenario \(name)")
        }
        return scenario
    }

    public static let path = "vectors/protocol/session-stateview.json"

    public static func load() throws -> StateViewVector {
        try Fixtures.decode(StateViewVector.self, from: path)
    }
}
