import NIOCore
import NIOHTTP1
import NIOPosix

/// A minimal HTTP/1.1 client on SwiftNIO for matchmaking: one request per connection, the whole
/// response collected. (Foundation's URLSession blocks threads on Linux and is missing on some
/// platforms; this runs on the same event loops as the WebSockets.)
package enum HTTPConnection {
    /// An HTTP answer.
    package struct Response: Sendable {
        package var status: Int
        package var reason: String
        package var headers: [(String, String)]
        package var body: [UInt8]
    }

    package static func send(
        _ method: HTTPMethod,
        _ url: EndpointURL,
        headers: [(String, String)],
        body: [UInt8]?,
        tls: TLSProvider? = nil,
        timeout: Duration,
        on eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> Response {
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(TimeAmount(timeout))
                .connect(host: url.host, port: url.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls { try tls.addHandler(to: channel, serverHostname: url.host) }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw TransportError.unreachable("\(url.host):\(url.port)", underlying: String(describing: error))
        }
        return try await withThrowingTaskGroup(of: Response?.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var head = HTTPRequestHead(version: .http1_1, method: method, uri: url.pathAndQuery)
                    head.headers.add(name: "Host", value: url.hostHeader)
                    head.headers.add(name: "Connection", value: "close")
                    for (name, value) in headers { head.headers.add(name: name, value: value) }
                    if let body { head.headers.add(name: "Content-Length", value: String(body.count)) }
                    try await outbound.write(.head(head))
                    if let body { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
                    try await outbound.write(.end(nil))
                    var response: Response?
                    for try await part in inbound {
                        switch part {
                        case .head(let head):
                            response = Response(status: Int(head.status.code), reason: head.status.reasonPhrase, headers: head.headers.map { ($0.name, $0.value) }, body: [])
                        case .body(let buffer):
                            response?.body += buffer.readableBytesView
                        case .end:
                            guard let response else { break }
                            return response
                        }
                    }
                    throw TransportError.malformedResponse("the connection closed before a complete response")
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let response = first else {
                channel.channel.close(promise: nil)
                throw TransportError.timedOut("the answer to \(method.rawValue) \(url.pathAndQuery)")
            }
            return response
        }
    }
}
