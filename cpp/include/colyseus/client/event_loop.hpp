// Colyseus C++ client: the queue through which network events reach the game's thread.
#ifndef COLYSEUS_CLIENT_EVENT_LOOP_HPP
#define COLYSEUS_CLIENT_EVENT_LOOP_HPP

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace colyseus {

/// Tasks posted from any thread (network events) and timers, run only by `poll` on the thread that polls:
/// the reason no client callback ever runs on a hidden thread. It also counts outstanding work (requests
/// under way, rooms in session), which tells `Client::run` when to return.
class EventLoop : public std::enable_shared_from_this<EventLoop> {
public:
    using Clock = std::chrono::steady_clock;

    /// Queues `task` for the next `poll`; may be called from any thread.
    void post(std::function<void()> task);

    /// Runs `task` on the polling thread once `delay` has passed; returns an id for `cancel`. Polling thread only.
    std::uint64_t schedule(Clock::duration delay, std::function<void()> task);
    /// Forgets a scheduled task that has not run yet. Polling thread only.
    void cancel(std::uint64_t timer) noexcept;

    /// Runs the tasks posted so far and the timers that are due; returns how many ran. Never blocks.
    std::size_t poll();
    /// Blocks until a task is posted, the next timer is due, `wake` is called, or `limit` has passed.
    void wait(Clock::duration limit);
    /// Ends a `wait` at once; may be called from any thread.
    void wake();

    /// Drops every queued task and timer without running them (the client is going away; what they hold,
    /// rooms and work tokens, would otherwise keep the loop alive).
    void clear();

    /// A token that counts as outstanding work while it exists (it keeps the loop alive).
    std::shared_ptr<void> hold_work();
    /// Whether work is outstanding or tasks are queued.
    bool busy() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> posted_;
    bool woken_ = false;
    std::size_t work_ = 0;
    /// Timers by deadline, then id (polling thread only).
    std::multimap<Clock::time_point, std::pair<std::uint64_t, std::function<void()>>> timers_;
    std::uint64_t next_timer_ = 1;
};

}  // namespace colyseus

#endif
