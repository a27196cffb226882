import NIOCore

/// Timers that run on the room's executor and stop when the room is disposed (the reference's
/// `this.clock`).
///
/// ```swift
/// let countdown = clock.setInterval(.seconds(1)) { self.state.timeLeft -= 1 }
/// clock.setTimeout(.seconds(30)) { countdown.clear() }
/// ```
///
/// Timers are scheduled on the room's event loop itself: a tick wakes no other thread, and a timer
/// that is not due costs nothing.
public final class RoomClock: @unchecked Sendable {
    /// A scheduled timeout or interval.
    public final class Timer: @unchecked Sendable {
        fileprivate var scheduled: Scheduled<Void>?
        /// Whether an interval's callback is running (a tick that finds it still running is skipped).
        fileprivate var isRunning = false
        /// The interval's callback while it is suspended, to cancel it.
        fileprivate var running: Task<Void, Never>?
        fileprivate weak var clock: RoomClock?
        fileprivate let id: Int

        fileprivate init(id: Int, clock: RoomClock?) {
            self.id = id
            self.clock = clock
        }

        /// Stops the timer; its callback does not run again (an interval's running callback is cancelled).
        public func clear() {
            scheduled?.cancel()
            scheduled = nil
            running?.cancel()
            running = nil
            clock?.timers[id] = nil
        }

        /// Whether the timer is still scheduled.
        public var isActive: Bool { scheduled != nil }
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
        guard let timer = makeTimer() else { return Timer(id: -1, clock: nil) }
        timer.scheduled = executor.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) { [executor] in
            // Forget the timer first: clearing it from its own callback must not cancel the callback.
            timer.scheduled = nil
            timer.clock?.timers[timer.id] = nil
            executor.start(callback)
        }
        return timer
    }

    /// Runs `callback` every `period` until the timer is cleared or the room disposed. A tick that comes
    /// while the previous callback is still suspended is skipped; after a stall the period starts anew
    /// instead of firing a burst of late ticks.
    @discardableResult
    public func setInterval(_ period: Duration, _ callback: @escaping () async -> Void) -> Timer {
        guard let timer = makeTimer() else { return Timer(id: -1, clock: nil) }
        schedule(timer, at: .now() + TimeAmount(period), every: TimeAmount(period), callback)
        return timer
    }

    private func schedule(_ timer: Timer, at deadline: NIODeadline, every period: TimeAmount, _ callback: @escaping () async -> Void) {
        timer.scheduled = executor.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [executor, weak self] in
            guard let self, timer.scheduled != nil else { return }
            let now = NIODeadline.now()
            let next = deadline + period
            schedule(timer, at: next > now ? next : now + period, every: period, callback)
            guard !timer.isRunning else { return }
            timer.isRunning = true
            let task = executor.start {
                await callback()
                timer.isRunning = false
                timer.running = nil
            }
            // A callback that did not suspend has already finished.
            if timer.isRunning { timer.running = task }
        }
    }

    /// Clears every timer; later ones are refused. Called when the room is disposed.
    func stop() {
        stopped = true
        for timer in timers.values {
            timer.scheduled?.cancel()
            timer.scheduled = nil
            timer.running?.cancel()
            timer.running = nil
        }
        timers.removeAll()
    }

    /// A new registered timer, or nil once the clock stopped.
    private func makeTimer() -> Timer? {
        executor.assertIsCurrent()
        guard !stopped else { return nil }
        let timer = Timer(id: nextId, clock: self)
        nextId += 1
        timers[timer.id] = timer
        return timer
    }
}
