import Foundation

/// The server address a ``Client`` was created with, split into the parts its URLs are built from
/// (PROTOCOL.md §2.2, §3.1): `ws://host:port/path` connects WebSockets to the same host and matchmakes
/// over `http://host:port/path/matchmake/...`; `wss://` pairs with `https://`.
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// Whether connections use TLS (`wss://` or `https://`).
    public let isSecure: Bool
    public let host: String
    public let port: Int
    /// The path prefix, without a trailing `/` (empty for the root).
    public let pathname: String
    /// The query appended to every URL, without `?` (empty when none).
    public let query: String

    /// Parses `ws://`, `wss://`, `http://` or `https://` URLs; the port defaults to 80 or 443.
    public init(_ string: String) throws(ClientError) {
        guard let components = URLComponents(string: string), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw .invalidEndpoint("\(string) is not a URL such as ws://localhost:2567")
        }
        switch scheme {
        case "ws", "http": isSecure = false
        case "wss", "https": isSecure = true
        default: throw .invalidEndpoint("\(string): the scheme must be ws, wss, http or https")
        }
        self.host = host
        port = components.port ?? (isSecure ? 443 : 80)
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        pathname = path
        query = components.percentEncodedQuery ?? ""
    }

    public var description: String {
        "\(isSecure ? "wss" : "ws")://\(hostAndPort)\(pathname)\(query.isEmpty ? "" : "?" + query)"
    }

    /// `host:port`, the port omitted when it is the scheme's default.
    var hostAndPort: String {
        port == (isSecure ? 443 : 80) ? host : "\(host):\(port)"
    }

    /// The HTTP URL of `path` under the endpoint's pathname, with the endpoint's query.
    func httpURL(_ path: String) -> EndpointURL {
        EndpointURL(isSecure: isSecure, host: host, port: port, pathAndQuery: pathname + path + (query.isEmpty ? "" : "?" + query))
    }

    /// The WebSocket URL of a seat reservation (§3.1): `<pathname>/<processId>/<roomId>`, or the
    /// reservation's public address instead of host and pathname; then the endpoint's query and `extraQuery`.
    func webSocketURL(processId: String, roomId: String, publicAddress: String?, extraQuery: [(String, String)]) throws(ClientError) -> EndpointURL {
        var base = EndpointURL(isSecure: isSecure, host: host, port: port, pathAndQuery: pathname)
        if let publicAddress {
            let address = try Endpoint("\(isSecure ? "wss" : "ws")://\(publicAddress)")
            base = EndpointURL(isSecure: isSecure, host: address.host, port: address.port, pathAndQuery: address.pathname)
        }
        var parameters = query.isEmpty ? [] : [query]
        parameters += extraQuery.map { "\($0.0)=\($0.1)" }
        base.pathAndQuery += "/\(processId)/\(roomId)" + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
        return base
    }
}

/// One URL a client opens: where to connect and what to ask for.
package struct EndpointURL: Sendable, Equatable {
    package var isSecure: Bool
    package var host: String
    package var port: Int
    /// The request target: path and query.
    package var pathAndQuery: String

    package init(isSecure: Bool, host: String, port: Int, pathAndQuery: String) {
        self.isSecure = isSecure
        self.host = host
        self.port = port
        self.pathAndQuery = pathAndQuery
    }

    /// The `Host` header: the port omitted when it is the scheme's default.
    var hostHeader: String {
        port == (isSecure ? 443 : 80) ? host : "\(host):\(port)"
    }
}
