import ColyseusProtocol

/// An error with a code that reaches the client: thrown from `onCreate` or a static `onAuth` it becomes
/// the HTTP status of the matchmaking reply; thrown while joining it becomes an `ERROR` frame.
public struct ServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code the client sees (an HTTP status for matchmaking errors).
    public var code: Int
    /// The message the client sees.
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public init(_ code: ErrorCode, _ message: String) {
        self.init(code: code.rawValue, message: message)
    }

    /// 525 `onAuth failed`: the rejection the reference sends when authentication returns nothing.
    public static let authFailed = ServerError(.authFailed, "onAuth failed")

    public var description: String { "ServerError(\(code)): \(message)" }

    /// The matchmaking error body, keys in the reference's order: `{"code":…,"error":"…"}`.
    public var jsonText: String {
        "{\"code\":\(code),\"error\":\(JSONText.quoted(message))}"
    }
}
