import NIOCore
import NIOPosix

/// The serial executor every piece of a room's logic runs on: one SwiftNIO event loop.
///
/// A room's hooks, message handlers, timers and patch ticks are tasks whose executor preference is
/// the room's executor, so they never run at the same time, and they interleave only at `await`
/// points, as a JavaScript room does on its event loop. Rooms are spread over the event loops of the
/// shared group (one per core), so different rooms run in parallel. The server hands each client's
/// connection over to its room's event loop, so a room's sockets, timers and logic share one thread
/// and nothing wakes another thread per message or per patch. As in Node, a handler that blocks
/// (rather than awaits) holds up everything on its event loop.
final class RoomExecutor: TaskExecutor, @unchecked Sendable {
    /// The event loop the room runs on.
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Whether the caller runs on this executor's event loop.
    var isCurrent: Bool { eventLoop.inEventLoop }

    /// Traps (in debug builds) when called from outside this executor: room APIs are not thread-safe.
    func assertIsCurrent() {
        eventLoop.assertInEventLoop()
    }

    /// Starts `operation` as a task on this executor. Called on the executor's own event loop, the task
    /// runs at once, up to its first suspension, without waiting for a turn of the loop; from elsewhere it
    /// is enqueued. Tasks started in order begin in that order.
    ///
    /// `operation` need not be `Sendable`: it touches room objects, which are only ever used on this
    /// serial executor.
    @discardableResult
    func start(_ operation: @escaping () async -> Void) -> Task<Void, Never> {
        let transfer = UnsafeTransfer(operation)
        guard isCurrent else { return Task(executorPreference: self) { await transfer.value() } }
        return Task.immediate(executorPreference: self) { await transfer.value() }
    }

    /// Starts `operation` as a task on this executor, after the work already enqueued on it.
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
package struct UnsafeTransfer<Value>: @unchecked Sendable {
    package let value: Value

    package init(_ value: Value) {
        self.value = value
    }
}
