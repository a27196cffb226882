import Foundation

/// A successful matchmaking answer: where to open the WebSocket (PROTOCOL.md §2.3).
public struct SeatReservation: Sendable, Codable, Equatable {
    /// The room type's name.
    public var name: String
    public var sessionId: String
    public var roomId: String
    public var processId: String
    /// When set, clients connect to this address instead of the matchmaking host.
    public var publicAddress: String?

    /// The reply body with the keys in the reference's order: name, sessionId, roomId, processId, publicAddress.
    public var jsonText: String {
        var fields = [("name", name), ("sessionId", sessionId), ("roomId", roomId), ("processId", processId)]
        if let publicAddress { fields.append(("publicAddress", publicAddress)) }
        return "{" + fields.map { "\(JSONText.quoted($0.0)):\(JSONText.quoted($0.1))" }.joined(separator: ",") + "}"
    }
}

/// JSON string literals.
enum JSONText {
    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
