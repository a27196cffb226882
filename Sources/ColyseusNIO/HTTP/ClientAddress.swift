import Foundation
import HTTPTypes
import NIOCore

/// The client's address as the reference reads it: proxy headers first, then the TCP peer.
enum ClientAddress {
    static func of(headers: HTTPFields, peer: SocketAddress?) -> String? {
        for name in ["x-forwarded-for", "x-client-ip", "x-real-ip"] {
            if let field = HTTPField.Name(name), let value = headers[field], !value.isEmpty {
                return value.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        return peer?.ipAddress
    }

    /// The token of an `Authorization: Bearer <token>` header (only that exact prefix).
    static func bearerToken(in headers: HTTPFields) -> String? {
        guard let value = headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
        return String(value.dropFirst("Bearer ".count))
    }
}
