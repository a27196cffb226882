#include "colyseus/client/client.hpp"

#include "client_core.hpp"

namespace colyseus {

namespace detail {

namespace {

/// The server's matchmaking error: the status as code, the body's `message` or `error` as message, else the
/// status text (PROTOCOL.md §2.4).
Error matchmake_error(const HttpResponse& response) {
    std::string message;
    const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
    if (body.is_object()) {
        for (const char* key : {"message", "error"}) {
            const auto found = body.find(key);
            if (found != body.end() && found->is_string()) {
                message = found->get<std::string>();
                break;
            }
        }
    }
    if (message.empty()) message = response.reason.empty() ? "HTTP status " + std::to_string(response.status) : response.reason;
    return Error{response.status, message};
}

}  // namespace

ClientCore::ClientCore(Endpoint endpoint_, ClientOptions options_)
    : endpoint(std::move(endpoint_)),
      options(std::move(options_)),
      transport(options.transport ? options.transport
                                  : make_beast_transport(BeastTransportOptions{options.tls, static_cast<int>(options.timeout.count()), options.max_message_size})) {}

void ClientCore::http(HttpRequest request, std::function<void(const Error&, const HttpResponse&)> done) {
    const std::string url = request.url.text("http");
    transport->request(std::move(request), [loop = loop, work = loop->hold_work(), url, done = std::move(done)](const std::string& error, HttpResponse response) {
        loop->post([work, url, done, error, response = std::move(response)] {
            if (!error.empty()) {
                done(Error{error_code::local, "no answer from " + url + ": " + error}, response);
            } else {
                done(Error{}, response);
            }
        });
    });
}

std::vector<std::pair<std::string, std::string>> ClientCore::headers() const {
    std::vector<std::pair<std::string, std::string>> fields{{"Accept", "application/json"}};
    if (!auth_token.empty()) fields.emplace_back("Authorization", "Bearer " + auth_token);
    return fields;
}

void ClientCore::reserve_seat(const std::string& method, const std::string& target, std::string body,
                              std::function<void(const Error&, const SeatReservation&)> done) {
    HttpRequest request{"POST", endpoint.http_url("/matchmake/" + method + "/" + encode_path_segment(target)), headers(), std::move(body)};
    request.headers.emplace_back("Content-Type", "application/json");
    http(std::move(request), [done = std::move(done)](const Error& error, const HttpResponse& response) {
        if (error) return done(error, SeatReservation{});
        if (response.status != 200) return done(matchmake_error(response), SeatReservation{});
        const std::optional<SeatReservation> seat = SeatReservation::from_json(nlohmann::json::parse(response.body, nullptr, false));
        if (!seat) return done(Error{error_code::local, "the seat reservation does not decode: " + response.body}, SeatReservation{});
        done(Error{}, *seat);
    });
}

void ClientCore::consume(const SeatReservation& seat, const RoomFactory& factory, JoinCallback done) {
    std::shared_ptr<RoomBase> room = factory(RoomContext{loop, weak_from_this(), endpoint, seat, auth_token, options.reconnection, options.timeout});
    rooms.insert(room);
    room->start([weak = std::weak_ptr<RoomBase>(room), done = std::move(done)](const Error& error) {
        done(error, error ? nullptr : weak.lock());
    });
}

void ClientCore::abandon_rooms() {
    for (const auto& room : rooms) room->abandon();
    rooms.clear();
}

void ClientCore::fail(JoinCallback done, Error error) {
    loop->post([work = loop->hold_work(), done = std::move(done), error = std::move(error)] { done(error, nullptr); });
}

}  // namespace detail

Client::Client(const std::string& endpoint, ClientOptions options)
    : core_(std::make_shared<detail::ClientCore>(Endpoint(endpoint), std::move(options))) {}

Client::~Client() {
    core_->abandon_rooms();
    const std::shared_ptr<EventLoop> loop = core_->loop;
    core_.reset();  // stops the transport: no event arrives after this
    loop->clear();
}

void Client::setAuthToken(std::string token) { core_->auth_token = std::move(token); }

const std::string& Client::authToken() const noexcept { return core_->auth_token; }

void Client::join_room(const std::string& method, const std::string& target, const nlohmann::json& options, RoomFactory factory, JoinCallback done) {
    std::string body = options.is_null() ? "{}" : options.dump();
    core_->reserve_seat(method, target, std::move(body),
                        [core = std::weak_ptr<detail::ClientCore>(core_), factory = std::move(factory), done = std::move(done)](const Error& error, const SeatReservation& seat) {
                            const auto client = core.lock();
                            if (!client) return;
                            if (error) return done(error, nullptr);
                            client->consume(seat, factory, done);
                        });
}

void Client::reconnect_room(const std::string& reconnection_token, RoomFactory factory, JoinCallback done) {
    const std::size_t colon = reconnection_token.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == reconnection_token.size()) {
        core_->fail(std::move(done), Error{error_code::local, "\"" + reconnection_token + "\" is not a reconnection token (roomId:token)"});
        return;
    }
    const std::string room_id = reconnection_token.substr(0, colon);
    const std::string token = reconnection_token.substr(colon + 1);
    core_->reserve_seat("reconnect", room_id, nlohmann::json{{"reconnectionToken", token}}.dump(),
                        [core = std::weak_ptr<detail::ClientCore>(core_), token, factory = std::move(factory), done = std::move(done)](const Error& error, const SeatReservation& seat) {
                            const auto client = core.lock();
                            if (!client) return;
                            if (error) return done(error, nullptr);
                            SeatReservation rejoin = seat;
                            rejoin.reconnectionToken = token;
                            client->consume(rejoin, factory, done);
                        });
}

void Client::consume(const SeatReservation& seat, RoomFactory factory, JoinCallback done) {
    // Through the loop, so that the callbacks of a join still run inside poll().
    core_->loop->post([core = std::weak_ptr<detail::ClientCore>(core_), work = core_->loop->hold_work(), seat, factory = std::move(factory), done = std::move(done)] {
        if (const auto client = core.lock()) client->consume(seat, factory, done);
    });
}

void Client::getAvailableRooms(const std::string& roomName, std::function<void(const Error& error, nlohmann::json rooms)> callback) {
    const std::string path = "/matchmake" + (roomName.empty() ? "" : "/" + encode_path_segment(roomName));
    core_->http(HttpRequest{"GET", core_->endpoint.http_url(path), core_->headers(), ""},
                [callback = std::move(callback)](const Error& error, const HttpResponse& response) {
                    if (error) return callback(error, nlohmann::json::array());
                    if (response.status != 200) return callback(detail::matchmake_error(response), nlohmann::json::array());
                    nlohmann::json rooms = nlohmann::json::parse(response.body, nullptr, false);
                    if (!rooms.is_array()) return callback(Error{error_code::local, "the room listing is not a JSON array: " + response.body}, nlohmann::json::array());
                    callback(Error{}, std::move(rooms));
                });
}

void Client::getAvailableRooms(std::function<void(const Error& error, nlohmann::json rooms)> callback) {
    getAvailableRooms("", std::move(callback));
}

std::size_t Client::poll() { return core_->loop->poll(); }

void Client::run() {
    core_->stopping = false;
    while (!core_->stopping) {
        core_->loop->poll();
        if (core_->stopping || !core_->loop->busy()) break;
        core_->loop->wait(std::chrono::seconds(1));
    }
}

void Client::stop() {
    core_->stopping = true;
    core_->loop->wake();
}

}  // namespace colyseus
