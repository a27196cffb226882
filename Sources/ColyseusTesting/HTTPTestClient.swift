import ColyseusClient
import NIOHTTP1

/// HTTP requests to a test server on 127.0.0.1, with the client SDK's HTTP/1.1 connection (one request
/// per connection, the whole response collected).
public enum HTTPTestClient {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
    }

    public static func send(port: Int, method: String, path: String, headers: [(String, String)], body: [UInt8]?) async throws -> Response {
        let url = EndpointURL(isSecure: false, host: "127.0.0.1", port: port, pathAndQuery: path)
        let response = try await HTTPConnection.send(HTTPMethod(rawValue: method), url, headers: headers, body: body, timeout: .seconds(30))
        return Response(status: response.status, headers: response.headers, body: response.body)
    }
}
