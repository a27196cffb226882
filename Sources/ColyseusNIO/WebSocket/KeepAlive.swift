import NIOCore
import Synchronization

/// WebSocket keep-alive for every connection of a server: one timer per event loop pings all of that loop's
/// connections at once, instead of a timer per connection (as the reference pings all its clients from one
/// interval).
final class KeepAlive: Sendable {
    /// The connections of one event loop, and the loop's timer while it has any.
    private final class LoopConnections: @unchecked Sendable {
        var handlers: [ObjectIdentifier: WebSocketConnectionHandler] = [:]
        var timer: RepeatedTask?
    }

    private let interval: TimeAmount
    private let loops = Mutex<[ObjectIdentifier: LoopConnections]>([:])

    init(interval: TimeAmount) {
        self.interval = interval
    }

    /// Pings `handler`'s connection every interval from now on; call on its event loop.
    func add(_ handler: WebSocketConnectionHandler, on eventLoop: any EventLoop) {
        let connections = self.connections(of: eventLoop)
        connections.handlers[ObjectIdentifier(handler)] = handler
        guard connections.timer == nil else { return }
        connections.timer = eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            for handler in connections.handlers.values { handler.keepAliveTick() }
        }
    }

    /// Stops pinging `handler`'s connection; call on its event loop.
    func remove(_ handler: WebSocketConnectionHandler, on eventLoop: any EventLoop) {
        let connections = self.connections(of: eventLoop)
        connections.handlers[ObjectIdentifier(handler)] = nil
        if connections.handlers.isEmpty {
            connections.timer?.cancel()
            connections.timer = nil
        }
    }

    private func connections(of eventLoop: any EventLoop) -> LoopConnections {
        eventLoop.preconditionInEventLoop()
        return loops.withLock { loops in
            if let existing = loops[ObjectIdentifier(eventLoop)] { return existing }
            let created = LoopConnections()
            loops[ObjectIdentifier(eventLoop)] = created
            return created
        }
    }
}
