import HTTPTypes
import NIOCore
import Testing

@testable import ColyseusNIO

/// The client address and bearer token of a request (PROTOCOL.md §2: `x-forwarded-for` / `x-client-ip` /
/// `x-real-ip`, then the TCP peer; `Authorization: Bearer <t>` with that exact prefix).
@Suite struct ClientAddressTests {
    static let peer = try! SocketAddress(ipAddress: "10.1.2.3", port: 40000)

    func fields(_ pairs: [(String, String)]) -> HTTPFields {
        HTTPFields(pairs.map { HTTPField(name: HTTPField.Name($0.0)!, value: $0.1) })
    }

    @Test func peerWithoutProxyHeaders() {
        #expect(ClientAddress.of(headers: [:], peer: Self.peer) == "10.1.2.3")
        #expect(ClientAddress.of(headers: fields([("x-other", "1.1.1.1")]), peer: Self.peer) == "10.1.2.3")
        #expect(ClientAddress.of(headers: [:], peer: try! SocketAddress(ipAddress: "::1", port: 1)) == "::1")
        #expect(ClientAddress.of(headers: [:], peer: nil) == nil)
    }

    @Test func forwardedForTakesItsFirstElement() {
        #expect(ClientAddress.of(headers: fields([("x-forwarded-for", "203.0.113.7")]), peer: Self.peer) == "203.0.113.7")
        #expect(ClientAddress.of(headers: fields([("x-forwarded-for", "203.0.113.7, 10.0.0.1, 10.0.0.2")]), peer: Self.peer) == "203.0.113.7")
        #expect(ClientAddress.of(headers: fields([("X-Forwarded-For", " 198.51.100.1 ,10.0.0.1")]), peer: nil) == "198.51.100.1")
        // Two header lines combine; the first line's first element wins.
        let twoLines = fields([("x-forwarded-for", "192.0.2.1, 10.0.0.1"), ("x-forwarded-for", "192.0.2.2")])
        #expect(ClientAddress.of(headers: twoLines, peer: nil) == "192.0.2.1")
    }

    @Test func headerPrecedence() {
        let all = fields([("x-real-ip", "3.3.3.3"), ("x-client-ip", "2.2.2.2"), ("x-forwarded-for", "1.1.1.1")])
        #expect(ClientAddress.of(headers: all, peer: Self.peer) == "1.1.1.1")
        let noForwarded = fields([("x-real-ip", "3.3.3.3"), ("x-client-ip", "2.2.2.2")])
        #expect(ClientAddress.of(headers: noForwarded, peer: Self.peer) == "2.2.2.2")
        #expect(ClientAddress.of(headers: fields([("x-real-ip", "3.3.3.3")]), peer: Self.peer) == "3.3.3.3")
    }

    /// An empty header does not count; the next source is used.
    @Test func emptyHeadersAreSkipped() {
        let headers = fields([("x-forwarded-for", ""), ("x-client-ip", ""), ("x-real-ip", "3.3.3.3")])
        #expect(ClientAddress.of(headers: headers, peer: Self.peer) == "3.3.3.3")
        #expect(ClientAddress.of(headers: fields([("x-forwarded-for", "")]), peer: Self.peer) == "10.1.2.3")
    }

    @Test func bearerToken() {
        #expect(ClientAddress.bearerToken(in: [.authorization: "Bearer good"]) == "good")
        #expect(ClientAddress.bearerToken(in: [.authorization: "Bearer a.b.c-_="]) == "a.b.c-_=")
        #expect(ClientAddress.bearerToken(in: [.authorization: "Bearer  two"]) == " two")
    }

    @Test func onlyTheExactBearerPrefix() {
        for value in ["bearer good", "BEARER good", "Bearer\tgood", "Bearergood", "Basic dXNlcjpwYXNz", "Token good", "Bearer", "Bearer "] {
            #expect(ClientAddress.bearerToken(in: [.authorization: value]) == nil, "\(value)")
        }
        #expect(ClientAddress.bearerToken(in: [:]) == nil)
        #expect(ClientAddress.bearerToken(in: fields([("x-authorization", "Bearer good")])) == nil)
    }
}
