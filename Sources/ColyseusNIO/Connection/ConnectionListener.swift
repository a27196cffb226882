import Foundation
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening TCP socket whose connections are accepted on a thread of its own.
///
/// The server accepts connections itself, rather than through NIO's server bootstrap, because it needs each
/// connection's descriptor: a WebSocket is handed over to its room's event loop once its request says which
/// room it wants (see ``ConnectionDispatcher``).
final class ConnectionListener: Sendable {
    /// The port the socket is bound to (the one picked by the system when 0 was asked).
    let port: Int
    private let descriptor: CInt
    /// Written to stop the accepting thread.
    private let wakeUp: (read: CInt, write: CInt)
    private let stopped = Atomic<Bool>(false)

    /// Binds `host:port` (0 picks a free port) and listens.
    init(host: String, port: Int, backlog: CInt = 1024) throws {
        let address = try SocketAddress.makeAddressResolvingHost(host, port: port)
        let family = address.protocol.rawValue
        #if canImport(Glibc)
        let descriptor = socket(family, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = socket(family, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ListenerError.system("socket", errno) }
        var enable: CInt = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &enable, socklen_t(MemoryLayout<CInt>.size))
        let bound = address.withSockAddr { pointer, length in bind(descriptor, pointer, socklen_t(length)) }
        guard bound == 0, listen(descriptor, backlog) == 0 else {
            let error = ListenerError.system("bind to \(host):\(port)", errno)
            close(descriptor)
            throw error
        }
        var pipeDescriptors: [CInt] = [0, 0]
        guard pipe(&pipeDescriptors) == 0,
            fcntl(pipeDescriptors[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(pipeDescriptors[1], F_SETFD, FD_CLOEXEC) == 0
        else {
            close(descriptor)
            throw ListenerError.system("pipe", errno)
        }
        self.descriptor = descriptor
        self.wakeUp = (pipeDescriptors[0], pipeDescriptors[1])
        self.port = Self.boundPort(of: descriptor) ?? port
    }

    /// Accepts connections on a new thread until ``stop()``, handing each connected socket (non-blocking, with
    /// `TCP_NODELAY`) to `accepted`, which owns it from then on.
    func start(_ accepted: @escaping @Sendable (CInt) -> Void) {
        let thread = Thread { [self] in acceptLoop(accepted) }
        thread.name = "colyseus-accept"
        thread.start()
    }

    /// Stops accepting and closes the listening socket; connections already accepted are not affected.
    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(wakeUp.write, &byte, 1)
    }

    private func acceptLoop(_ accepted: @Sendable (CInt) -> Void) {
        defer {
            close(descriptor)
            close(wakeUp.read)
            close(wakeUp.write)
        }
        var watched = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeUp.read, events: Int16(POLLIN), revents: 0)]
        while true {
            guard poll(&watched, 2, -1) >= 0 || errno == EINTR else { return }
            if watched[1].revents != 0 { return }
            guard watched[0].revents != 0 else { continue }
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { continue }  // the peer left meanwhile, or no descriptors left for now
            // Close-on-exec: a process the application spawns must not keep its clients' sockets open.
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            _ = fcntl(connection, F_SETFL, fcntl(connection, F_GETFL) | O_NONBLOCK)
            var enable: CInt = 1
            setsockopt(connection, CInt(IPPROTO_TCP), TCP_NODELAY, &enable, socklen_t(MemoryLayout<CInt>.size))
            accepted(connection)
        }
    }

    private static func boundPort(of descriptor: CInt) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { return nil }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer -> Int? in
            switch family {
            case AF_INET: pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            case AF_INET6: pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            default: nil
            }
        }
    }
}

/// A system call of the listener failed.
struct ListenerError: Error, CustomStringConvertible {
    let description: String

    static func system(_ call: String, _ code: CInt) -> ListenerError {
        ListenerError(description: "\(call) failed: \(String(cString: strerror(code)))")
    }
}
