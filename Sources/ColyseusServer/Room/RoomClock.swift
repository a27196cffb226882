/// Timers that run on the room's executor and stop when the room is disposed (the reference's
/// `this.clock`).
///
/// ```swift
/// let countdown = clock.setInterval(.seconds(1)) { self.state.timeLeft -= 1 }
/// clock.setTimeout(.seconds(30)) { countdown.clear() }
/// ```
public final class RoomClock: @unchecked Sendable {
    /// A scheduled timeout or interval.
    public final class Timer: @unchecked Sendable {
        fileprivate var task: Task<Void, Never>?
        fileprivate weak var clock: RoomClock?
        fileprivate let id: Int

        fileprivate init(id: Int, clock: RoomClock) {
            self.id = id
            self.clock = clock
        }

        /// Stops the timer; its callback does not run again.
        public func clear() {
            task?.cancel()
            task = nil
            clock?.timers[id] = nil
        }

        /// Forgets a timeout that fired (without cancelling the task running its callback).
        fileprivate func finish() {
            task = nil
            clock?.timers[id] = nil
        }

        /// Whether the timer is still scheduled.
        public var isActive: Bool { task != nil }
    }

    private let executor: RoomExecutor
    private let start = ContinuousClock.now
    private var timers: [Int: Timer] = [:]
    private var nextId = 0
    private var stopped = false

    init(executor: RoomExecutor) {
        self.executor = executor
    }

    /// Time since the room was created.
    public var elapsedTime: Duration { ContinuousClock.now - start }

    /// Runs `callback` once after `delay`.
    @discardableResult
    public func setTimeout(_ delay: Duration, _ callback: @escaping () async -> Void) -> Timer {
        schedule { timer in
            try await Task.sleep(for: delay)
            timer.finish()
            await callback()
        }
    }

    /// Runs `callback` every `period` until the timer is cleared or the room disposed.
    @discardableResult
    public func setInterval(_ period: Duration, _ callback: @escaping () async -> Void) -> Timer {
        schedule { _ in
            let clock = ContinuousClock()
            var deadline = clock.now + period
            while true {
                try await clock.sleep(until: deadline)
                await callback()
                deadline += period
                // After a stall, keep the period instead of firing a burst of late ticks.
                if deadline < clock.now { deadline = clock.now + period }
            }
        }
    }

    /// Clears every timer; later ones are refused. Called when the room is disposed.
    func stop() {
        stopped = true
        for timer in timers.values { timer.task?.cancel() }
        timers.removeAll()
    }

    private func schedule(_ body: @escaping (Timer) async throws -> Void) -> Timer {
        executor.assertIsCurrent()
        let timer = Timer(id: nextId, clock: self)
        nextId += 1
        guard !stopped else { return timer }
        timers[timer.id] = timer
        timer.task = executor.spawn {
            try? await body(timer)
        }
        return timer
    }
}
