import ColyseusTesting
import Foundation
import Synchronization
import Testing

/// A real `redis-server` for one test, on a free 127.0.0.1 port, with no persistence
/// (`--save "" --appendonly no`). Stop it with ``stop()``; it is killed when the object goes away.
public final class RedisServer: Sendable {
    public let port: Int
    public let password: String?
    private let executable: String
    private let process = Mutex<ChildProcess?>(nil)

    /// `redis://[:password@]127.0.0.1:<port>/<database>`.
    public func url(database: Int = 0) -> String {
        "redis://\(password.map { ":\($0)@" } ?? "")127.0.0.1:\(port)/\(database)"
    }

    /// Starts a server; when `redis-server` is not installed the running test is skipped (cancelled)
    /// with the reason printed once. CI (`.ci/run`) installs it.
    public static func start(password: String? = nil) async throws -> RedisServer {
        let server = RedisServer(executable: try require(), port: try freePort(), password: password)
        try await server.launch()
        return server
    }

    private init(executable: String, port: Int, password: String?) {
        self.executable = executable
        self.port = port
        self.password = password
    }

    /// Starts the server again on the same port, empty (after ``stop()``).
    public func restart() async throws {
        try await launch()
    }

    /// Stops the server (SIGTERM, without saving) and waits until it exited.
    public func stop() async {
        await process.withLock { $0.take() }?.stop()
    }

    /// Kills the server at once (SIGKILL): the end of a test.
    public func kill() {
        process.withLock { $0.take() }?.forceStop()
    }

    private func launch() async throws {
        var arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"]
        if let password { arguments += ["--requirepass", password] }
        let running = try ChildProcess(executable, arguments)
        process.withLock { $0 = running }
        // Ready when it accepts connections.
        for _ in 0..<200 {
            if Self.accepts(port: port) { return }
            guard running.isRunning else { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        let output = running.output
        kill()
        throw RedisServerError(description: "redis-server did not listen on port \(port): \(output)")
    }

    // MARK: discovery

    /// The path of `redis-server`, or the running test is cancelled with a printed reason.
    public static func require() throws -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/redis-server") {
            return folder + "/redis-server"
        }
        let reason = "redis-server is not installed, so the Redis tests are skipped (.ci/run installs it: apt-get install redis-server)"
        if reportedMissing.withLock({ reported in defer { reported = true }; return !reported }) {
            FileHandle.standardError.write(Data("skipped: \(reason)\n".utf8))
        }
        try Test.cancel("\(reason)")
    }

    private static let reportedMissing = Mutex(false)

    /// A port nothing listens on now, for a server that binds it a moment later.
    ///
    /// Taken below the kernel's ephemeral range (`/proc/sys/net/ipv4/ip_local_port_range`, 32768 and up
    /// by default): a port that the kernel hands out (bind to 0) may go to another test's outgoing
    /// connection before our server binds it, and the server then fails with "Address already in use".
    /// Below the range only explicit binds compete; the port is checked free, and never handed out twice in one
    /// test run (two tests starting servers at the same moment would otherwise both find it free).
    public static func freePort() throws -> Int {
        for _ in 0..<100 {
            let port = Int.random(in: 20_000..<32_000)
            guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            if try canBind(port: port) { return port }
        }
        throw RedisServerError(description: "no free port in 20000-31999 after 100 tries")
    }

    private static let handedOut = Mutex<Set<Int>>([])

    private static func canBind(port: Int) throws -> Bool {
        try withLoopbackSocket(port: port) { descriptor, address, length in bind(descriptor, address, length) == 0 }
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func accepts(port: Int) -> Bool {
        (try? withLoopbackSocket(port: port) { descriptor, address, length in connect(descriptor, address, length) == 0 }) ?? false
    }

    /// Calls `body` with a new TCP socket and the address 127.0.0.1:`port`; closes the socket afterwards.
    private static func withLoopbackSocket(port: Int, _ body: (Int32, UnsafePointer<sockaddr>, socklen_t) -> Bool) throws -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RedisServerError(description: "socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}

/// The test Redis server could not start.
public struct RedisServerError: Error, CustomStringConvertible {
    public let description: String
}
