import Hummingbird
import NIOCore

/// The request context of the matchmaking routes: Hummingbird's core context plus the peer address.
public struct ColyseusRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Matchmaking bodies are small JSON objects.
    public var maxUploadSize: Int { 64 * 1024 }
}
