// Colyseus C++ client: the error a failed request or join reports.
#ifndef COLYSEUS_CLIENT_ERROR_HPP
#define COLYSEUS_CLIENT_ERROR_HPP

#include <ostream>
#include <string>

namespace colyseus {

/// Why a matchmaking request, a join or a listing failed; empty (`code == 0`, no message) on success.
///
/// `code` is the server's: the HTTP status of a matchmaking answer (520-526, or a room's own code from a
/// `ServerError`), or the code of the ERROR frame that preceded a refused WebSocket join (or the close code
/// without one). Failures on this side (no connection, TLS, an answer that is not Colyseus, a state schema
/// that differs from the server's) have code 0. It converts to `std::string` (the message), so the seed's
/// `[=](std::string err, Room<State>* room)` callbacks take it as they are.
struct Error {
    int code = 0;
    std::string message;

    /// Whether this is an error (a failure always has a message).
    explicit operator bool() const noexcept { return !message.empty(); }
    /// The message.
    operator std::string() const { return message; }
};

inline std::ostream& operator<<(std::ostream& out, const Error& error) {
    return out << error.message;
}

/// Error codes of the protocol the client reports itself.
namespace error_code {
/// A failure on this side: no connection, TLS, an unreadable answer, a state schema mismatch.
inline constexpr int local = 0;
/// A message whose payload does not decode (as the type a handler asked for, or as MessagePack).
inline constexpr int invalid_payload = 4217;
}  // namespace error_code

/// WebSocket close codes the client reports in `onLeave` and `onDrop` (PROTOCOL.md §7).
namespace close_code {
inline constexpr int normal = 1000;
inline constexpr int going_away = 1001;
inline constexpr int no_status = 1005;
inline constexpr int abnormal = 1006;
inline constexpr int consented = 4000;
inline constexpr int server_shutdown = 4001;
inline constexpr int with_error = 4002;
inline constexpr int failed_to_reconnect = 4003;
inline constexpr int may_try_reconnect = 4010;
}  // namespace close_code

}  // namespace colyseus

#endif
