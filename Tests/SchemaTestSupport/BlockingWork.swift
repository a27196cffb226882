import Dispatch

/// Blocking work of a test (a compiler, a build, a child process it waits for), off Swift's cooperative pool
/// and one piece at a time.
///
/// The cooperative pool has one thread per core (two on CI machines): a test that blocks one of them for
/// seconds stalls every other async test of the run, their servers' replies and their timeouts with them.
/// And compilers take every core they are given: run side by side they starve the run's time-sensitive tests
/// (reconnection windows, keep-alives), so they take turns and leave the machine's other cores to the rest.
public enum BlockingWork {
    private static let queue = DispatchQueue(label: "SchemaTestSupport.BlockingWork")

    /// Runs `body` on a thread outside the pool, after the blocking work started before it, and returns its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
