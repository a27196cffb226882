import Dispatch

/// The serial executor every piece of a room's logic runs on.
///
/// A room's hooks, message handlers, timers and patch ticks are tasks whose executor preference is
/// the room's executor, so they never run at the same time, and they interleave only at `await`
/// points, as a JavaScript room does on its event loop. Different rooms have different executors and
/// run in parallel on Dispatch's thread pool.
final class RoomExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Traps (in debug builds) when called from outside this executor: room APIs are not thread-safe.
    func assertIsCurrent() {
        #if DEBUG
        dispatchPrecondition(condition: .onQueue(queue))
        #endif
    }

    /// Starts `operation` as a task on this executor. Tasks started in order begin in that order.
    ///
    /// `operation` need not be `Sendable`: it touches room objects, which are only ever used on this
    /// serial executor.
    @discardableResult
    func spawn(_ operation: @escaping () async -> Void) -> Task<Void, Never> {
        let transfer = UnsafeTransfer(operation)
        return Task(executorPreference: self) { await transfer.value() }
    }

    /// Runs `body` on this executor and returns its result; the caller waits meanwhile.
    func perform<T>(_ body: @escaping () async throws -> T) async throws -> T {
        let transfer = UnsafeTransfer(body)
        let result = try await Task(executorPreference: self) { UnsafeTransfer(try await transfer.value()) }.value
        return result.value
    }

    /// Runs `body` on this executor and returns its result; the caller waits meanwhile.
    func perform<T>(_ body: @escaping () async -> T) async -> T {
        let transfer = UnsafeTransfer(body)
        return await Task(executorPreference: self) { UnsafeTransfer(await transfer.value()) }.value.value
    }
}

/// Moves a value between tasks without a `Sendable` check. Used only for room objects on their way to
/// (or back from) their room's serial executor, where they are used exclusively.
struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
