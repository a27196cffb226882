// The demo server (`swift run demo-server`) as a child process on a free 127.0.0.1 port, and the polling the
// tests do while waiting for the client's callbacks.
#ifndef COLYSEUS_TESTS_DEMO_SERVER_HPP
#define COLYSEUS_TESTS_DEMO_SERVER_HPP

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include <colyseus/client.hpp>

namespace test {

/// The port of the demo server of this test process, started on first use and stopped at exit.
std::uint16_t demo_server_port();

/// `ws://127.0.0.1:<port>` of the demo server.
inline std::string demo_endpoint() { return "ws://127.0.0.1:" + std::to_string(demo_server_port()); }

/// Polls `client` until `done()` holds or `limit` passed; returns whether it holds.
template <class Predicate>
bool poll_until(colyseus::Client& client, Predicate done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        client.poll();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

/// Polls `client` for `duration`.
inline void poll_for(colyseus::Client& client, std::chrono::milliseconds duration) {
    poll_until(client, [] { return false; }, duration);
}

/// The outcome of a join, filled by the callback `into()` returns.
template <class State>
struct Joined {
    bool done = false;
    colyseus::Error error;
    std::shared_ptr<colyseus::Room<State>> room;

    auto into() {
        return [this](const colyseus::Error& failure, std::shared_ptr<colyseus::Room<State>> joined) {
            done = true;
            error = failure;
            room = std::move(joined);
        };
    }
};

/// Starts a join with `start(callback)` and polls until its callback ran.
template <class State, class Start>
Joined<State> await_join(colyseus::Client& client, Start start) {
    Joined<State> joined;
    start(joined.into());
    if (!poll_until(client, [&] { return joined.done; })) joined.error = colyseus::Error{-1, "the join did not finish within 10 s"};
    return joined;
}

/// A name no other test uses, for rooms a test must find alone (arena's `mode` filter).
std::string unique_name(const std::string& prefix);

}  // namespace test

#endif
