import Foundation
import ColyseusTesting
import RedisTestSupport
import Testing

/// A `demo-server` process (the main job's binary, built beside the test bundle) on a free port of
/// 127.0.0.1, on a Redis, with its public address; killed when the object goes away.
final class DemoServerProcess: Sendable {
    let port: Int
    let processId: String
    private let process: ChildProcess

    var endpoint: String { "ws://127.0.0.1:\(port)" }

    /// The binary: `demo-server` in the build folder the tests run from (`swift build` builds it).
    static var binary: URL {
        get throws {
            let folder = Bundle.main.bundleURL.deletingLastPathComponent()
            for candidate in [folder, Bundle.main.bundleURL] {
                let binary = candidate.appendingPathComponent("demo-server")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
            }
            throw DemoServerError("demo-server is not built next to the tests (\(folder.path)): run `swift build` before `swift test`")
        }
    }

    /// Starts one and returns once it listens.
    static func start(redis: String) async throws -> DemoServerProcess {
        let port = try RedisServer.freePort()
        let process = try ChildProcess(
            try binary.path,
            ["--port", String(port), "--redis", redis, "--public-address", "127.0.0.1:\(port)", "--log-level", "warning"]
        )
        for _ in 0..<200 {
            if let processId = Self.processId(in: process.output) {
                return DemoServerProcess(port: port, processId: processId, process: process)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let output = process.output
        process.send(SIGKILL)
        throw DemoServerError("demo-server did not start: \(output)")
    }

    private init(port: Int, processId: String, process: ChildProcess) {
        self.port = port
        self.processId = processId
        self.process = process
    }

    /// SIGKILL: no shutdown, no cleanup.
    func kill() {
        process.forceStop()
    }

    /// SIGTERM and wait: the graceful shutdown.
    func stop() async {
        await process.stop()
    }

    /// The process id the server printed with "listening on".
    private static func processId(in output: String) -> String? {
        guard let range = output.range(of: #"process [A-Za-z0-9_-]{9} on Redis"#, options: .regularExpression) else { return nil }
        return String(output[range].dropFirst("process ".count).prefix(9))
    }
}

struct DemoServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
