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
        // As the reference's URLSearchParams: keys and values form-decoded, the first of repeated keys wins.
        for pair in parts[1].split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.formDecoded(keyValue[0])
            let value = keyValue.count > 1 ? Self.formDecoded(keyValue[1]) : ""
            switch key {
            case "sessionId": sessionId = sessionId ?? value
            case "reconnectionToken": reconnectionToken = reconnectionToken ?? value
            case "_authToken": authToken = authToken ?? value
            case "skipHandshake": skipHandshake = true
            default: break
            }
        }
    }

    /// `application/x-www-form-urlencoded` decoding (WHATWG URL): `+` is a space, `%XX` a byte, a `%` without two hex
    /// digits stays as written; invalid UTF-8 becomes U+FFFD.
    private static func formDecoded(_ text: Substring) -> String {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < input.count,
                let high = hexDigit(input[index + 1]), let low = hexDigit(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `[A-Za-z0-9_-]+`.
    private static func isIdentifier(_ segment: Substring) -> Bool {
        !segment.isEmpty && segment.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x2D
        }
    }

    /// A connection with neither a session nor a room path measures latency (§3.5). An empty `sessionId` counts as
    /// none, as the reference's `!sessionId`.
    var isLatencyProbe: Bool { (sessionId ?? "").isEmpty && roomId == nil }
}
