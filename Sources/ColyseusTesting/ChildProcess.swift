import Foundation
import Synchronization

/// A child process started with `posix_spawn`, a clean signal mask and default signal handlers: Foundation's
/// `Process` hands its children the spawning thread's mask, and the test runner's threads block SIGTERM and
/// SIGCHLD, so a server started that way never hears its graceful stop, and tools that wait for their own
/// children through SIGCHLD (cmake, ctest) wait forever. Standard input is empty; output goes to a file, read
/// with ``output``.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    private let outputPath: String
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `path` with `arguments` and this process's environment changed by `environment`; its standard
    /// output and error go to a temporary file.
    public init(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        outputPath = NSTemporaryDirectory() + "child-\(UUID().uuidString).log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw ChildProcessError(description: "cannot start \(path): \(String(cString: strerror(result)))") }
        pid = child
    }

    /// What the process printed so far.
    public var output: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Whether it has not exited yet.
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// Sends `signal` (SIGTERM, SIGKILL…) if it still runs.
    public func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Waits up to `timeout` for the exit without blocking a thread (a blocked test thread, or the main actor,
    /// stalls every other test); returns the wait status, or nil when it still runs.
    @discardableResult
    public func wait(timeout: Duration = .seconds(10)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = reap(blocking: false) { return status }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return reap(blocking: false)
    }

    /// Waits for the exit, however long it takes, blocking the calling thread (use it off Swift's cooperative
    /// pool); returns the wait status (0: exited normally with status 0).
    public func waitForExit() -> Int32 {
        reap(blocking: true) ?? -1
    }

    /// SIGTERM, then SIGKILL if it has not exited within `grace`.
    public func stop(grace: Duration = .seconds(5)) async {
        send(SIGTERM)
        if await wait(timeout: grace) == nil { forceStop() }
    }

    /// SIGKILL, and the exit collected (at once: the process cannot delay it).
    public func forceStop() {
        send(SIGKILL)
        _ = reap(blocking: true)
    }

    private func reap(blocking: Bool) -> Int32? {
        exitStatus.withLock { stored in
            if let stored { return stored }
            var status: Int32 = 0
            guard waitpid(pid, &status, blocking ? 0 : WNOHANG) == pid else { return nil }
            stored = status
            return status
        }
    }

    deinit {
        forceStop()
        unlink(outputPath)
    }
}

/// A child process could not start.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let description: String
}
