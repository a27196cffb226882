import Foundation

/// The parts of a WebSocket URL the server reads (PROTOCOL.md §3.3).
struct ConnectionURL: Equatable {
    /// The last of the two final path segments; nil for anything else (the latency probe).
    var roomId: String?
    var sessionId: String?
    var reconnectionToken: String?
    var authToken: String?
    /// `skipHandshake` is honoured by presence, whatever its value.
    var skipHandshake = false

    init(_ target: String) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? ""
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.count >= 3, segments.suffix(2).allSatisfy(Self.isIdentifier) {
            roomId = String(segments[segments.count - 1])
        }
        guard parts.count == 2 else { return }
        for pair in parts[1].split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(keyValue[0])
            let value = keyValue.count > 1 ? String(keyValue[1]).removingPercentEncoding ?? String(keyValue[1]) : ""
            switch key {
            case "sessionId": sessionId = value
            case "reconnectionToken": reconnectionToken = value
            case "_authToken": authToken = value
            case "skipHandshake": skipHandshake = true
            default: break
            }
        }
    }

    /// `[A-Za-z0-9_-]+`.
    private static func isIdentifier(_ segment: Substring) -> Bool {
        !segment.isEmpty && segment.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x2D
        }
    }

    /// A connection with neither a session nor a room path measures latency (§3.5).
    var isLatencyProbe: Bool { sessionId == nil && roomId == nil }
}
