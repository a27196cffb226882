// Colyseus C++: what the schema runtime's callbacks and the client's events share: handlers that take all
// of an event's arguments or a leading part of them, and `Listener`, which undoes a registration.
#ifndef COLYSEUS_HANDLERS_HPP
#define COLYSEUS_HANDLERS_HPP

#include <cstddef>
#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace colyseus {

/// Undoes one registration (`onMessage`, a schema callback) when `remove()` is called.
class Listener {
public:
    Listener() = default;
    explicit Listener(std::function<void()> remove) : remove_(std::move(remove)) {}

    /// Stops the listener; later calls do nothing.
    void remove() {
        if (remove_) {
            auto remove = std::move(remove_);
            remove_ = nullptr;
            remove();
        }
    }

private:
    std::function<void()> remove_;
};

namespace detail {

template <class F, class Tuple, std::size_t... I>
constexpr bool invocable_with_first(std::index_sequence<I...>) {
    return std::is_invocable_v<F&, const std::tuple_element_t<I, Tuple>&...>;
}

/// The most leading arguments of `Tuple` that `F` accepts (`SIZE_MAX` when it accepts none of the prefixes).
template <class F, class Tuple, std::size_t Count = std::tuple_size_v<Tuple>>
constexpr std::size_t accepted_arity() {
    if constexpr (invocable_with_first<F, Tuple>(std::make_index_sequence<Count>{})) {
        return Count;
    } else if constexpr (Count == 0) {
        return static_cast<std::size_t>(-1);
    } else {
        return accepted_arity<F, Tuple, Count - 1>();
    }
}

template <class F, class Tuple, std::size_t... I>
void call_with_first(F& handler, const Tuple& arguments, std::index_sequence<I...>) {
    handler(std::get<I>(arguments)...);
}

/// Wraps `handler` into a function of `Args...` that passes it as many leading arguments as it takes, so an
/// event of `(int code, std::string reason)` accepts `[]() {}`, `[](int code) {}` and the full form alike.
template <class... Args, class F>
std::function<void(const Args&...)> adapt_handler(F handler) {
    using Arguments = std::tuple<Args...>;
    constexpr std::size_t arity = accepted_arity<F, Arguments>();
    static_assert(arity != static_cast<std::size_t>(-1), "the handler does not accept the event's arguments (or a leading part of them)");
    return [handler = std::move(handler)](const Args&... arguments) mutable {
        call_with_first(handler, std::forward_as_tuple(arguments...), std::make_index_sequence<arity>{});
    };
}

}  // namespace detail

}  // namespace colyseus

#endif
