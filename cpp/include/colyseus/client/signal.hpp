// Colyseus C++ client: assignable event handlers (`room->onLeave = [](int code) {...};`).
#ifndef COLYSEUS_CLIENT_SIGNAL_HPP
#define COLYSEUS_CLIENT_SIGNAL_HPP

#include <cstddef>
#include <functional>
#include <type_traits>
#include <utility>

#include "../handlers.hpp"

namespace colyseus {

/// One event's handler, set by assignment (`signal = handler;`, `signal = nullptr;` to clear). The handler
/// may take the event's arguments or a leading part of them.
template <class... Args>
class Signal {
public:
    Signal() = default;
    Signal(const Signal&) = delete;
    Signal& operator=(const Signal&) = delete;

    template <class F, std::enable_if_t<!std::is_same_v<std::decay_t<F>, Signal> && !std::is_same_v<std::decay_t<F>, std::nullptr_t>, int> = 0>
    Signal& operator=(F&& handler) {
        handler_ = detail::adapt_handler<Args...>(std::forward<F>(handler));
        return *this;
    }
    Signal& operator=(std::nullptr_t) {
        handler_ = nullptr;
        return *this;
    }

    /// Whether a handler is set.
    explicit operator bool() const noexcept { return static_cast<bool>(handler_); }

    /// Calls the handler, if any (a copy: the handler may replace itself).
    void emit(const Args&... arguments) const {
        if (handler_) {
            auto handler = handler_;
            handler(arguments...);
        }
    }

private:
    std::function<void(const Args&...)> handler_;
};

}  // namespace colyseus

#endif
