// Colyseus C++ client: how a room reconnects after its connection drops (PROTOCOL.md §6.5).
#ifndef COLYSEUS_CLIENT_RECONNECTION_POLICY_HPP
#define COLYSEUS_CLIENT_RECONNECTION_POLICY_HPP

#include <algorithm>
#include <chrono>

namespace colyseus {

/// Reconnection after an unexpected drop (close codes 1001, 1005, 1006 and 4010), as Colyseus 0.17 clients
/// and the Swift client do: up to `max_retries` attempts, the delay of attempt n being 2^n × `min_delay`
/// clamped to [`min_delay`, `max_delay`]; a room joined less than `min_uptime` ago leaves instead.
struct ReconnectionPolicy {
    int max_retries = 15;
    std::chrono::milliseconds min_uptime{5000};
    std::chrono::milliseconds min_delay{100};
    std::chrono::milliseconds max_delay{5000};

    /// The wait before attempt `attempt` (1-based): 200 ms, 400 ms, ... 5 s with the defaults.
    std::chrono::milliseconds delay(int attempt) const {
        const long long factor = 1LL << std::min(attempt, 30);
        return std::clamp(std::chrono::milliseconds(min_delay.count() * factor), min_delay, max_delay);
    }

    /// Whether a close with `code` is a drop worth reconnecting after.
    static bool is_drop(int code) { return code == 1001 || code == 1005 || code == 1006 || code == 4010; }

    /// Never reconnect: a drop ends the session.
    static ReconnectionPolicy disabled() {
        ReconnectionPolicy policy;
        policy.max_retries = 0;
        return policy;
    }
};

}  // namespace colyseus

#endif
