// Colyseus C++ client: matchmaking over HTTP, then rooms over WebSockets (PROTOCOL.md §2, §3), with the
// seed's C++ API.
#ifndef COLYSEUS_CLIENT_CLIENT_HPP
#define COLYSEUS_CLIENT_CLIENT_HPP

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "room.hpp"

namespace colyseus {

/// Settings of a `Client`.
struct ClientOptions {
    /// TLS for `wss://` and `https://` endpoints (used by the default transport).
    TlsOptions tls;
    /// How rooms reconnect after a drop.
    ReconnectionPolicy reconnection;
    /// How long to wait for a connection, an HTTP answer, or the server's join confirmation.
    std::chrono::milliseconds timeout{10000};
    /// The largest message accepted from the server (used by the default transport).
    std::size_t max_message_size = std::size_t{64} << 20;
    /// The networking; empty: `make_beast_transport` with the settings above.
    std::shared_ptr<Transport> transport;
};

/// The entry point of the client: matchmaking, then rooms. Creating a client connects nothing.
///
/// ```cpp
/// colyseus::Client client("ws://localhost:2567");
/// client.joinOrCreate<MyRoomState>("my_room", {{"name", "alice"}}, [&](std::string err, colyseus::Room<MyRoomState>* room) {
///     if (err != "") { std::cout << "join error: " << err << std::endl; return; }
///     room->onStateChange = [](MyRoomState* state) { /* ... */ };
/// });
/// while (running) { client.poll(); /* render a frame */ }
/// ```
///
/// Every callback (join results, room events, schema callbacks) runs inside `poll()` or `run()`, on the
/// thread that calls them: none runs on a hidden thread. The default transport does its networking on a
/// thread of its own. A join callback takes `(std::string err, Room<State>* room)` (the seed's form; the
/// pointer stays valid until `onLeave` has run), or `colyseus::Error` (with `code`) for the error and
/// `std::shared_ptr<Room<State>>` for the room. On failure the room is null.
class Client {
public:
    /// A client of `endpoint` (`ws://`, `wss://`, `http://` or `https://`, with an optional path prefix);
    /// throws `std::invalid_argument` for an endpoint that is none of these.
    explicit Client(const std::string& endpoint, ClientOptions options = {});
    /// Ends every room at once, without callbacks, and stops the networking.
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    /// A token for the server's `onAuth`: sent as `Authorization: Bearer` with matchmaking requests and as
    /// `_authToken` on room connections; empty: none.
    void setAuthToken(std::string token);
    const std::string& authToken() const noexcept;

    /// Joins an unlocked public room of `roomName` matching `options`, or creates one.
    template <class State, class F>
    void joinOrCreate(const std::string& roomName, const nlohmann::json& options, F&& callback) {
        matchmake<State>("joinOrCreate", roomName, options, std::forward<F>(callback));
    }
    /// Creates a new room of `roomName` and joins it.
    template <class State, class F>
    void create(const std::string& roomName, const nlohmann::json& options, F&& callback) {
        matchmake<State>("create", roomName, options, std::forward<F>(callback));
    }
    /// Joins an unlocked public room of `roomName` matching `options`; fails with 521 when there is none.
    template <class State, class F>
    void join(const std::string& roomName, const nlohmann::json& options, F&& callback) {
        matchmake<State>("join", roomName, options, std::forward<F>(callback));
    }
    /// Joins the room `roomId` (private rooms too; locked ones fail with 522).
    template <class State, class F>
    void joinById(const std::string& roomId, const nlohmann::json& options, F&& callback) {
        matchmake<State>("joinById", roomId, options, std::forward<F>(callback));
    }
    /// Rejoins a room with a cached `Room::reconnectionToken()` (`roomId:token`); the server must hold the
    /// seat (`allowReconnection`) or still have the old connection.
    template <class State, class F>
    void reconnect(const std::string& reconnectionToken, F&& callback) {
        reconnect_room(reconnectionToken, factory<State>(), deliver<State>(std::forward<F>(callback)));
    }
    /// Joins with a seat reserved elsewhere (for example by the server's matchmaker API).
    template <class State, class F>
    void consumeSeatReservation(const SeatReservation& reservation, F&& callback) {
        consume(reservation, factory<State>(), deliver<State>(std::forward<F>(callback)));
    }

    /// The rooms of `roomName` this client could join (locked and private ones are not listed), as the JSON
    /// array the server sends (`roomId`, `clients`, `maxClients`, `metadata`, ...).
    void getAvailableRooms(const std::string& roomName, std::function<void(const Error& error, nlohmann::json rooms)> callback);
    /// The rooms of every name this client could join.
    void getAvailableRooms(std::function<void(const Error& error, nlohmann::json rooms)> callback);

    /// Runs the callbacks of everything that arrived since the last call, and the timers that are due;
    /// returns at once (call it once per frame of a game loop). Returns how many events ran.
    std::size_t poll();
    /// Blocks, running callbacks as events arrive, until no request is under way and no room is in session
    /// (or until `stop()`).
    void run();
    /// Makes `run()` return; may be called from any thread.
    void stop();

private:
    using RoomFactory = std::function<std::shared_ptr<RoomBase>(RoomContext)>;
    using JoinCallback = std::function<void(const Error&, std::shared_ptr<RoomBase>)>;

    template <class State>
    static RoomFactory factory() {
        return [](RoomContext context) -> std::shared_ptr<RoomBase> { return std::make_shared<Room<State>>(std::move(context)); };
    }

    /// Adapts a user callback (`(std::string or Error, Room<State>* or std::shared_ptr<Room<State>>)`).
    template <class State, class F>
    static JoinCallback deliver(F&& callback) {
        return [callback = std::forward<F>(callback)](const Error& error, std::shared_ptr<RoomBase> base) mutable {
            std::shared_ptr<Room<State>> room = std::static_pointer_cast<Room<State>>(std::move(base));
            if constexpr (std::is_invocable_v<F&, const Error&, std::shared_ptr<Room<State>>>) {
                callback(error, room);
            } else {
                static_assert(std::is_invocable_v<F&, const Error&, Room<State>*>,
                              "a join callback takes (std::string or colyseus::Error, Room<State>* or std::shared_ptr<Room<State>>)");
                callback(error, room.get());
            }
        };
    }

    template <class State, class F>
    void matchmake(const char* method, const std::string& target, const nlohmann::json& options, F&& callback) {
        join_room(method, target, options, factory<State>(), deliver<State>(std::forward<F>(callback)));
    }

    void join_room(const std::string& method, const std::string& target, const nlohmann::json& options, RoomFactory factory, JoinCallback done);
    void reconnect_room(const std::string& reconnection_token, RoomFactory factory, JoinCallback done);
    void consume(const SeatReservation& seat, RoomFactory factory, JoinCallback done);

    std::shared_ptr<detail::ClientCore> core_;
};

}  // namespace colyseus

#endif
