#include "colyseus/client/event_loop.hpp"

#include <utility>
#include <vector>

namespace colyseus {

void EventLoop::post(std::function<void()> task) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        posted_.push_back(std::move(task));
    }
    ready_.notify_all();
}

std::uint64_t EventLoop::schedule(Clock::duration delay, std::function<void()> task) {
    const std::uint64_t id = next_timer_++;
    std::lock_guard<std::mutex> lock(mutex_);
    timers_.emplace(Clock::now() + delay, std::make_pair(id, std::move(task)));
    return id;
}

void EventLoop::cancel(std::uint64_t timer) noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto entry = timers_.begin(); entry != timers_.end(); ++entry) {
        if (entry->second.first == timer) {
            timers_.erase(entry);
            return;
        }
    }
}

std::size_t EventLoop::poll() {
    std::deque<std::function<void()>> tasks;
    std::vector<std::function<void()>> due;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        tasks.swap(posted_);
        const Clock::time_point now = Clock::now();
        while (!timers_.empty() && timers_.begin()->first <= now) {
            due.push_back(std::move(timers_.begin()->second.second));
            timers_.erase(timers_.begin());
        }
    }
    for (auto& task : tasks) task();
    for (auto& task : due) task();
    return tasks.size() + due.size();
}

void EventLoop::wait(Clock::duration limit) {
    std::unique_lock<std::mutex> lock(mutex_);
    Clock::time_point deadline = Clock::now() + limit;
    if (!timers_.empty() && timers_.begin()->first < deadline) deadline = timers_.begin()->first;
    ready_.wait_until(lock, deadline, [&] { return !posted_.empty() || woken_; });
    woken_ = false;
}

void EventLoop::wake() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        woken_ = true;
    }
    ready_.notify_all();
}

void EventLoop::clear() {
    std::deque<std::function<void()>> tasks;
    std::multimap<Clock::time_point, std::pair<std::uint64_t, std::function<void()>>> timers;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        tasks.swap(posted_);
        timers.swap(timers_);
    }
    // Destroyed here, outside the lock: what they hold may post or release work.
}

std::shared_ptr<void> EventLoop::hold_work() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++work_;
    }
    return std::shared_ptr<void>(nullptr, [loop = shared_from_this()](void*) {
        {
            std::lock_guard<std::mutex> lock(loop->mutex_);
            if (--loop->work_ == 0) loop->woken_ = true;
        }
        loop->ready_.notify_all();
    });
}

bool EventLoop::busy() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return work_ > 0 || !posted_.empty();
}

}  // namespace colyseus
