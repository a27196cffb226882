// Colyseus C++ client: the state-independent part of a room session (PROTOCOL.md §3-§6): joining, messages
// both ways, leaving, and automatic reconnection with buffered sends.
#ifndef COLYSEUS_CLIENT_ROOM_BASE_HPP
#define COLYSEUS_CLIENT_ROOM_BASE_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <msgpack.hpp>
#include <nlohmann/json.hpp>

#include "endpoint.hpp"
#include "error.hpp"
#include "event_loop.hpp"
#include "message_type.hpp"
#include "protocol.hpp"
#include "reconnection_policy.hpp"
#include "seat_reservation.hpp"
#include "signal.hpp"
#include "transport.hpp"

namespace colyseus {

namespace detail {
class ClientCore;

/// The parameter type of a one-argument callable (a lambda, a function pointer).
template <class F>
struct single_argument : single_argument<decltype(&F::operator())> {};
template <class C, class R, class A>
struct single_argument<R (C::*)(A) const> { using type = std::decay_t<A>; };
template <class C, class R, class A>
struct single_argument<R (C::*)(A)> { using type = std::decay_t<A>; };
template <class R, class A>
struct single_argument<R (*)(A)> { using type = std::decay_t<A>; };
}  // namespace detail

/// What a room takes from the client that joins it.
struct RoomContext {
    std::shared_ptr<EventLoop> loop;
    std::weak_ptr<detail::ClientCore> client;
    Endpoint endpoint;
    SeatReservation seat;
    std::string auth_token;
    ReconnectionPolicy reconnection;
    std::chrono::milliseconds timeout;
};

/// A joined room, without its state type (see `Room<State>`). Every callback runs inside `Client::poll` or
/// `Client::run`, on the thread that calls them; the methods are meant for that thread too.
class RoomBase : public std::enable_shared_from_this<RoomBase> {
public:
    /// Where the session stands.
    enum class Phase {
        joining,       ///< connecting, waiting for the server's JOIN_ROOM
        joined,        ///< connected and joined
        reconnecting,  ///< the connection dropped; reconnection attempts are under way
        leaving,       ///< `leave` was called; waiting for the server's close
        left,          ///< the session ended
    };

    explicit RoomBase(RoomContext context);
    RoomBase(const RoomBase&) = delete;
    RoomBase& operator=(const RoomBase&) = delete;
    virtual ~RoomBase();

    /// This client's session id, the server's `client.sessionId`.
    const std::string& sessionId() const noexcept { return context_.seat.sessionId; }
    /// The room's id, to share with clients that join it with `Client::joinById`.
    const std::string& id() const noexcept { return context_.seat.roomId; }
    /// The room type's name.
    const std::string& name() const noexcept { return context_.seat.name; }
    /// `roomId:token`, for `Client::reconnect`; a new token after each (re)join.
    const std::string& reconnectionToken() const noexcept { return reconnection_token_; }
    /// Where the session stands.
    Phase phase() const noexcept { return phase_; }

    /// How the room reconnects after a drop; change it at any time.
    ReconnectionPolicy reconnection;

    /// Sends a message whose MessagePack payload is `value` (anything msgpack-cxx packs: numbers, strings,
    /// containers, structs with `MSGPACK_DEFINE_MAP`). While reconnecting, the last 10 sends are kept and
    /// sent after the rejoin; after `leave`, sends are dropped. Throws `std::invalid_argument` for an empty
    /// string type.
    template <class T>
    void send(const MessageType& type, const T& value) {
        std::vector<std::uint8_t> frame = protocol::message_header(protocol::code::room_data, type);
        msgpack::sbuffer buffer;
        msgpack::pack(buffer, value);
        frame.insert(frame.end(), buffer.data(), buffer.data() + buffer.size());
        send_frame(std::move(frame));
    }
    /// Sends a message whose payload is a JSON value, as MessagePack (`room->send("move", {{"x", 1}})`).
    void send(const MessageType& type, const nlohmann::json& value);
    /// Sends a message without payload.
    void send(const MessageType& type);
    /// Sends raw bytes, which the server's bytes handler of `type` receives.
    void sendBytes(const MessageType& type, const std::vector<std::uint8_t>& bytes);

    /// Leaves the room; `onLeave` follows once the server closed the connection. `consented` (the default)
    /// asks the server to end the session (close 4000); `false` only closes the connection, which the
    /// server sees as a drop (it may hold the seat for `Client::reconnect`), while this client ends the
    /// session all the same.
    void leave(bool consented = true);

    /// Calls `handler` with the payload of every message of `type`. The handler takes a `msgpack::object`
    /// (valid during the call), or any type msgpack-cxx converts to (a struct with `MSGPACK_DEFINE_MAP`,
    /// `std::string`, `std::map`...): then a payload that does not convert is reported to `onError` (4217).
    /// Name the type explicitly (`onMessage<Powerup>("powerup", ...)`) for a generic lambda.
    template <class Message = void, class F>
    Listener onMessage(const MessageType& type, F handler) {
        if constexpr (!std::is_void_v<Message>) {
            return add_message_handler(type, converting<Message>(type, std::move(handler)));
        } else if constexpr (std::is_invocable_v<F&, const msgpack::object&>) {
            return add_message_handler(type, std::function<void(const msgpack::object&)>(std::move(handler)));
        } else {
            using Deduced = typename detail::single_argument<F>::type;
            return add_message_handler(type, converting<Deduced>(type, std::move(handler)));
        }
    }

    /// Calls `handler(bytes)` with every raw bytes message of `type` (the server's `sendBytes`).
    template <class F>
    Listener onBytes(const MessageType& type, F handler) {
        return add_bytes_handler(type, std::function<void(const std::vector<std::uint8_t>&)>(std::move(handler)));
    }

    /// The session ended: the close code (4000 consented, 4001 shutdown, 4002 error, 4003 reconnection
    /// failed, or the room's own code) and the reason. Handlers take `()`, `(int code)` or `(code, reason)`.
    Signal<int, std::string> onLeave;
    /// The server reported an error (an ERROR frame), or a message could not be read: code and message.
    Signal<int, std::string> onError;
    /// The connection dropped and reconnection attempts start: close code and reason.
    Signal<int, std::string> onDrop;
    /// The room rejoined after a drop.
    Signal<> onReconnect;

    /// Removes the `onMessage`, `onBytes`, `onLeave`, `onError`, `onDrop`, `onReconnect` (and `onStateChange`)
    /// handlers; the schema callbacks stay.
    virtual void removeAllListeners();

protected:
    /// Checks the server's reflection handshake against the generated classes; throws when they differ.
    virtual void check_handshake(const std::uint8_t* data, std::size_t size) = 0;
    /// Applies a full state (`full`) or a patch. `rebuild`: the first full state after a reconnection, which
    /// replaces the state rather than patching it (PROTOCOL.md §12 #8). Throws when the bytes do not decode.
    virtual void apply_state(const std::uint8_t* data, std::size_t size, bool full, bool rebuild, bool first) = 0;

private:
    friend class detail::ClientCore;

    using MessageHandler = std::function<void(const msgpack::object&)>;
    using BytesHandler = std::function<void(const std::vector<std::uint8_t>&)>;
    template <class Handler>
    struct Registration {
        Handler handler;
        bool removed = false;
    };

    template <class Message, class F>
    MessageHandler converting(const MessageType& type, F handler) {
        std::weak_ptr<RoomBase> weak = weak_from_this();
        return [weak, type, handler = std::move(handler)](const msgpack::object& payload) mutable {
            std::optional<Message> message;
            try {
                message = payload.as<Message>();
            } catch (const std::exception& error) {
                if (auto room = weak.lock()) {
                    room->onError.emit(error_code::invalid_payload, "the \"" + type.description() + "\" message does not convert to the handler's type: " + error.what());
                }
                return;
            }
            handler(*message);
        };
    }

    Listener add_message_handler(const MessageType& type, MessageHandler handler);
    Listener add_bytes_handler(const MessageType& type, BytesHandler handler);

    // Called by the client.
    void start(std::function<void(const Error&)> joined);
    void abandon();

    void send_frame(std::vector<std::uint8_t> frame);
    void open(const Url& url);
    void abandon_connection();
    void connection_opened(std::uint64_t generation);
    void received(std::uint64_t generation, const std::vector<std::uint8_t>& message);
    void closed(std::uint64_t generation, int code, const std::string& reason);
    void join_timed_out(std::uint64_t generation);
    void joined(const protocol::ServerFrame& frame, const std::vector<std::uint8_t>& message);
    void handle(const protocol::ServerFrame& frame, const std::vector<std::uint8_t>& message);
    void schedule_reconnection();
    void finish_join(const Error& error);
    void finish(int code, const std::string& reason);
    void cancel_timers();
    Url join_url() const;
    Url reconnection_url() const;

    RoomContext context_;
    Phase phase_ = Phase::joining;
    std::shared_ptr<void> work_;
    std::shared_ptr<WebSocket> connection_;
    std::uint64_t generation_ = 0;
    bool opened_ = false;
    bool awaiting_join_ = false;
    std::optional<Error> refusal_;
    std::function<void(const Error&)> join_result_;
    std::string token_;
    std::string reconnection_token_;
    EventLoop::Clock::time_point joined_at_;
    bool has_state_ = false;
    bool rebuilds_next_state_ = false;
    int attempt_ = 0;
    std::string last_refusal_;
    std::deque<std::vector<std::uint8_t>> buffered_;
    std::uint64_t join_timer_ = 0;
    std::uint64_t reconnect_timer_ = 0;
    std::uint64_t leave_timer_ = 0;
    std::map<MessageType, std::vector<std::shared_ptr<Registration<MessageHandler>>>> message_handlers_;
    std::map<MessageType, std::vector<std::shared_ptr<Registration<BytesHandler>>>> bytes_handlers_;
};

}  // namespace colyseus

#endif
