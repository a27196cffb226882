import NIOCore
import NIOSSL

/// Adds TLS to the channels of `wss://` and `https://` endpoints.
package struct TLSProvider: Sendable {
    private let context: NIOSSLContext

    init(configuration: TLSConfiguration) throws(ClientError) {
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .invalidEndpoint("the TLS configuration is not usable: \(error)")
        }
    }

    /// Puts a TLS client handler first in the pipeline; SNI names `hostname` unless it is an IP address.
    func addHandler(to channel: any Channel, serverHostname hostname: String) throws {
        let isAddress = (try? SocketAddress(ipAddress: hostname, port: 0)) != nil
        let handler = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : hostname)
        try channel.pipeline.syncOperations.addHandler(handler)
    }
}
