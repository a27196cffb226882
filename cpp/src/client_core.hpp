// The state a Client shares with its rooms: endpoint, settings, transport, event loop, live rooms.
#ifndef COLYSEUS_CLIENT_SRC_CLIENT_CORE_HPP
#define COLYSEUS_CLIENT_SRC_CLIENT_CORE_HPP

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "colyseus/client/client.hpp"

namespace colyseus::detail {

class ClientCore : public std::enable_shared_from_this<ClientCore> {
public:
    using RoomFactory = std::function<std::shared_ptr<RoomBase>(RoomContext)>;
    using JoinCallback = std::function<void(const Error&, std::shared_ptr<RoomBase>)>;

    ClientCore(Endpoint endpoint, ClientOptions options);

    /// Sends a request; `done` runs on the polling thread with the answer or the failure (code 0).
    void http(HttpRequest request, std::function<void(const Error&, const HttpResponse&)> done);
    /// `POST /matchmake/<method>/<target>`: the seat, or the server's error.
    void reserve_seat(const std::string& method, const std::string& target, std::string body,
                      std::function<void(const Error&, const SeatReservation&)> done);
    /// Opens a room on `seat` and reports the join's outcome.
    void consume(const SeatReservation& seat, const RoomFactory& factory, JoinCallback done);
    /// Reports `error` to `done` on the polling thread.
    void fail(JoinCallback done, Error error);
    /// Ends every room at once, without callbacks (the client is going away).
    void abandon_rooms();
    /// Forgets a room whose session ended.
    void forget(const std::shared_ptr<RoomBase>& room) { rooms.erase(room); }
    /// `Accept` and, with a token, `Authorization: Bearer`.
    std::vector<std::pair<std::string, std::string>> headers() const;

    const Endpoint endpoint;
    const ClientOptions options;
    const std::shared_ptr<Transport> transport;
    const std::shared_ptr<EventLoop> loop = std::make_shared<EventLoop>();
    std::string auth_token;
    std::set<std::shared_ptr<RoomBase>> rooms;
    std::atomic<bool> stopping{false};
};

}  // namespace colyseus::detail

#endif
