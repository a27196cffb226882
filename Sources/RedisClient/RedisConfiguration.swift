import Foundation

/// Where the Redis server is and how to talk to it; usually read from a `redis://` URL.
public struct RedisConfiguration: Sendable, Equatable {
    /// The RESP version the connection asks for with `HELLO`.
    public enum ProtocolVersion: Int, Sendable {
        /// RESP2: no `HELLO`; `AUTH` when a password is set.
        case resp2 = 2
        /// RESP3: `HELLO 3`, with `AUTH` inside it when a password is set.
        case resp3 = 3
    }

    public var host: String
    public var port: Int
    /// ACL user name; nil is Redis's `default` user.
    public var username: String?
    public var password: String?
    /// The database selected after connecting (`SELECT`).
    public var database: Int
    public var protocolVersion: ProtocolVersion
    /// How long opening a connection (TCP and handshake) may take.
    public var connectTimeout: Duration
    /// How long a command waits for its reply before it fails with ``RedisError/timeout(command:seconds:)``.
    public var commandTimeout: Duration
    /// First pause between reconnection attempts; it doubles up to ``maxReconnectDelay``.
    public var reconnectDelay: Duration
    public var maxReconnectDelay: Duration
    /// The name the connection gives itself (`CLIENT SETNAME`), shown by `CLIENT LIST`.
    public var clientName: String?

    public init(
        host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil, database: Int = 0,
        protocolVersion: ProtocolVersion = .resp3, connectTimeout: Duration = .seconds(2), commandTimeout: Duration = .seconds(2),
        reconnectDelay: Duration = .milliseconds(50), maxReconnectDelay: Duration = .seconds(1), clientName: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.protocolVersion = protocolVersion
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.reconnectDelay = reconnectDelay
        self.maxReconnectDelay = maxReconnectDelay
        self.clientName = clientName
    }

    /// Reads `redis://[[user]:password@]host[:port][/db]` (port 6379 and database 0 by default;
    /// user, password and host percent-decoded).
    public init(url: String) throws(RedisURLError) {
        self.init()
        guard url.hasPrefix("redis://") else { throw RedisURLError(url: url, reason: "it must start with redis://") }
        var rest = Substring(url.dropFirst("redis://".count))
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                let user = credentials[..<colon]
                username = user.isEmpty ? nil : try Self.decode(user, in: url)
                password = try Self.decode(credentials[credentials.index(after: colon)...], in: url)
            } else if !credentials.isEmpty {
                // redis://secret@host: a lone credential is the password, as redis-cli reads it.
                password = try Self.decode(credentials, in: url)
            }
        }
        var hostPart = rest
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw RedisURLError(url: url, reason: "unclosed [ in the host") }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else { throw RedisURLError(url: url, reason: "unexpected text after the host") }
                port = try Self.port(rest.dropFirst(), in: url)
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            port = try Self.port(rest[rest.index(after: colon)...], in: url)
        }
        guard !hostPart.isEmpty else { throw RedisURLError(url: url, reason: "no host") }
        host = try Self.decode(hostPart, in: url)
        if !path.isEmpty {
            guard let number = Int(path), number >= 0 else { throw RedisURLError(url: url, reason: "the database must be a number, not \"\(path)\"") }
            database = number
        }
    }

    private static func port(_ text: Substring, in url: String) throws(RedisURLError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else { throw RedisURLError(url: url, reason: "bad port \"\(text)\"") }
        return port
    }

    private static func decode(_ text: Substring, in url: String) throws(RedisURLError) -> String {
        guard let decoded = String(text).removingPercentEncoding else { throw RedisURLError(url: url, reason: "bad percent-encoding") }
        return decoded
    }
}

/// A `redis://` URL that cannot be used; the message does not repeat the password.
public struct RedisURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    private let redactedURL: String

    init(url: String, reason: String) {
        self.reason = reason
        var redacted = url
        if let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at {
            redacted = String(url[..<scheme.upperBound]) + "***" + String(url[at...])
        }
        self.redactedURL = redacted
    }

    public var description: String { "bad Redis URL \(redactedURL): \(reason)" }
}
