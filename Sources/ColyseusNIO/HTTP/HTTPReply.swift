import Foundation
import NIOCore
import NIOHTTP1

/// An HTTP response of the matchmaker: status, headers and a body with its exact length.
struct HTTPReply: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: ByteBuffer

    init(status: HTTPResponseStatus, contentType: String? = nil, body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.body = body
        headers = HTTPHeaders()
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        // RFC 9110 §8.6: no Content-Length in a 204.
        if status != .noContent { headers.add(name: "Content-Length", value: String(body.readableBytes)) }
    }

    /// A `text/plain` body.
    static func text(_ text: String) -> HTTPReply {
        HTTPReply(status: .ok, contentType: "text/plain;charset=UTF-8", body: ByteBuffer(string: text))
    }

    /// A JSON body given as text (no chunked encoding: the length is exact, as the reference's).
    static func json(text: String, status: HTTPResponseStatus = .ok) -> HTTPReply {
        HTTPReply(status: status, contentType: "application/json", body: ByteBuffer(string: text))
    }

    /// `value` as a JSON body (dates in ISO 8601, slashes unescaped).
    static func json(_ value: some Encodable) throws -> HTTPReply {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return HTTPReply(status: .ok, contentType: "application/json", body: ByteBuffer(bytes: try encoder.encode(value)))
    }

    /// The CORS headers of every response (PROTOCOL.md §2.1), echoing the request's `Origin`.
    mutating func addCORSHeaders(origin: String?) {
        headers.add(name: "Access-Control-Allow-Headers", value: "Origin, X-Requested-With, Content-Type, Accept, Authorization")
        headers.add(name: "Access-Control-Allow-Methods", value: "GET,HEAD,PUT,PATCH,POST,DELETE")
        headers.add(name: "Access-Control-Allow-Credentials", value: "true")
        headers.add(name: "Access-Control-Allow-Origin", value: origin ?? "*")
        headers.add(name: "Access-Control-Max-Age", value: "2592000")
    }
}
