import ColyseusServer
import NIOCore

/// What every connection of a server is set up with.
struct ConnectionSetup: Sendable {
    let matchMaker: MatchMaker
    let pipeline: HTTPServerPipeline
    /// Every open connection, closed at shutdown.
    let connections: OpenConnections

    /// Sets `channel` up for HTTP (on its event loop).
    func configure(_ channel: any Channel) throws {
        try pipeline.configure(channel)
    }
}
