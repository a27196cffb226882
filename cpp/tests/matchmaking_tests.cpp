// Every matchmaking method and every error code, against the demo server.
#include <doctest/doctest.h>

#include <future>
#include <string>

#include <colyseus/client.hpp>

#include "Arena.schema.hpp"
#include "MyRoomState.schema.hpp"
#include "support/demo_server.hpp"

using test::await_join;

namespace {

/// The error of a join expected to fail.
template <class State, class Start>
colyseus::Error refusal(colyseus::Client& client, Start start) {
    const auto joined = await_join<State>(client, start);
    CHECK(joined.room == nullptr);
    return joined.error;
}

}  // namespace

TEST_SUITE("matchmaking") {

TEST_CASE("joinOrCreate joins with the typed state, and the seed's callback form compiles as written") {
    colyseus::Client client(test::demo_endpoint());
    colyseus::Client* const pointer = &client;
    bool joined = false;
    std::string session;
    // The seed's form: `client->joinOrCreate<State>(name, {}, [=](std::string err, Room<State>* room) {...})`.
    pointer->joinOrCreate<MyRoomState>("my_room", {/* options */}, [&](std::string err, colyseus::Room<MyRoomState>* room) {
        REQUIRE(err == "");
        joined = true;
        session = room->sessionId();
        CHECK(room->name() == "my_room");
        CHECK(room->id().size() == 9);
        CHECK(room->reconnectionToken().rfind(room->id() + ":", 0) == 0);
        room->onStateChange = [&, room](MyRoomState* state) {
            if (state->players->contains(room->sessionId())) room->leave();
        };
    });
    client.run();  // returns once the room has left
    CHECK(joined);
    CHECK(session.size() == 9);
}

TEST_CASE("create, join, joinById and consumeSeatReservation reach the rooms they name") {
    colyseus::Client client(test::demo_endpoint());
    const std::string mode = test::unique_name("mode");
    const auto first = await_join<ArenaState>(client, [&](auto callback) { client.create<ArenaState>("arena", {{"mode", mode}}, callback); });
    REQUIRE(first.room);
    const auto second = await_join<ArenaState>(client, [&](auto callback) { client.create<ArenaState>("arena", {{"mode", test::unique_name("other")}}, callback); });
    REQUIRE(second.room);
    CHECK(second.room->id() != first.room->id());

    const auto joined = await_join<ArenaState>(client, [&](auto callback) { client.join<ArenaState>("arena", {{"mode", mode}, {"name", "bob"}}, callback); });
    REQUIRE(joined.room);
    CHECK(joined.room->id() == first.room->id());
    CHECK(joined.room->sessionId() != first.room->sessionId());

    const auto by_id = await_join<ArenaState>(client, [&](auto callback) { client.joinById<ArenaState>(second.room->id(), {}, callback); });
    REQUIRE(by_id.room);
    CHECK(by_id.room->id() == second.room->id());

    // A seat reserved by someone else's matchmaking request.
    std::promise<std::string> answer;
    const auto transport = colyseus::make_beast_transport();
    transport->request(
        colyseus::HttpRequest{"POST", colyseus::Endpoint(test::demo_endpoint()).http_url("/matchmake/joinById/" + first.room->id()),
                              {{"Content-Type", "application/json"}}, "{}"},
        [&answer](const std::string& error, colyseus::HttpResponse response) { answer.set_value(error.empty() ? response.body : "error: " + error); });
    const auto seat = colyseus::SeatReservation::from_json(nlohmann::json::parse(answer.get_future().get()));
    REQUIRE(seat);
    const auto consumed = await_join<ArenaState>(client, [&](auto callback) { client.consumeSeatReservation<ArenaState>(*seat, callback); });
    REQUIRE(consumed.room);
    CHECK(consumed.room->sessionId() == seat->sessionId);
    CHECK(test::poll_until(client, [&] { return consumed.room->state()->players->size() == 3; }));
}

TEST_CASE("refusals carry the server's code and message") {
    colyseus::Client client(test::demo_endpoint());
    const auto no_handler = refusal<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("nope", {}, callback); });
    CHECK(no_handler.code == 520);
    CHECK(no_handler.message == "provided room name \"nope\" not defined");

    const auto no_room = refusal<ArenaState>(client, [&](auto callback) { client.join<ArenaState>("arena", {{"mode", test::unique_name("none")}}, callback); });
    CHECK(no_room.code == 521);
    CHECK(no_room.message == "no rooms found with provided criteria");

    const auto unknown_id = refusal<MyRoomState>(client, [&](auto callback) { client.joinById<MyRoomState>("doesNotExist", {}, callback); });
    CHECK(unknown_id.code == 522);
    CHECK(unknown_id.message == "room \"doesNotExist\" not found");

    const auto unhandled = refusal<MyRoomState>(client, [&](auto callback) { client.create<MyRoomState>("echo", {{"failCreate", true}}, callback); });
    CHECK(unhandled.code == 523);
    CHECK(unhandled.message.find("creation refused by the failCreate option") != std::string::npos);

    const auto room = await_join<MyRoomState>(client, [&](auto callback) { client.create<MyRoomState>("echo", {}, callback); });
    REQUIRE(room.room);
    const auto expired = refusal<MyRoomState>(client, [&](auto callback) { client.reconnect<MyRoomState>(room.room->id() + ":notAToken", callback); });
    CHECK(expired.code == 524);
    CHECK(expired.message == "reconnection token invalid or expired.");
    const auto disposed = refusal<MyRoomState>(client, [&](auto callback) { client.reconnect<MyRoomState>("goneRoom1:token", callback); });
    CHECK(disposed.code == 522);

    client.setAuthToken("bad");
    const auto auth = refusal<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("echo", {}, callback); });
    CHECK(auth.code == 525);
    CHECK(auth.message == "onAuth failed");
    client.setAuthToken("");

    // Refusals on the WebSocket: an ERROR frame, then the close.
    const auto plain = refusal<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("echo", {{"failJoin", "plain"}}, callback); });
    CHECK(plain.code == 526);
    CHECK(plain.message.find("join refused by the failJoin option") != std::string::npos);
    const auto coded = refusal<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("echo", {{"failJoin", "coded"}}, callback); });
    CHECK(coded.code == 4321);
    CHECK(coded.message == "no entry");
}

TEST_CASE("failures on this side have code 0 and say what went wrong") {
    colyseus::Client client(test::demo_endpoint());
    const auto token = refusal<MyRoomState>(client, [&](auto callback) { client.reconnect<MyRoomState>("no-colon", callback); });
    CHECK(token.code == 0);
    CHECK(token.message == "\"no-colon\" is not a reconnection token (roomId:token)");

    // The server's arena has other classes than MyRoomState: the handshake check refuses the join.
    const auto mismatch = refusal<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("arena", {{"mode", test::unique_name("m")}}, callback); });
    CHECK(mismatch.code == 0);
    CHECK(mismatch.message.rfind("the server's state schema differs from this client's: ", 0) == 0);

    colyseus::ClientOptions quick;
    quick.timeout = std::chrono::milliseconds(2000);
    colyseus::Client unreachable("ws://127.0.0.1:1", quick);
    const auto refused = refusal<MyRoomState>(unreachable, [&](auto callback) { unreachable.joinOrCreate<MyRoomState>("my_room", {}, callback); });
    CHECK(refused.code == 0);
    CHECK(refused.message.find("no answer from http://127.0.0.1:1/matchmake/joinOrCreate/my_room") == 0);
}

TEST_CASE("getAvailableRooms lists the open rooms of a name with their metadata") {
    colyseus::Client client(test::demo_endpoint());
    const std::string mode = test::unique_name("listed");
    const auto room = await_join<ArenaState>(client, [&](auto callback) { client.create<ArenaState>("arena", {{"mode", mode}, {"maxClients", 4}}, callback); });
    REQUIRE(room.room);

    bool listed = false;
    nlohmann::json rooms;
    // The seed's form: `client.getAvailableRooms("battle", [=](std::string err, nlohmann::json rooms) {...})`.
    client.getAvailableRooms("arena", [&](std::string err, nlohmann::json list) {
        CHECK(err == "");
        rooms = std::move(list);
        listed = true;
    });
    REQUIRE(test::poll_until(client, [&] { return listed; }));
    REQUIRE(rooms.is_array());
    const auto found = std::find_if(rooms.begin(), rooms.end(), [&](const nlohmann::json& entry) { return entry.value("roomId", "") == room.room->id(); });
    REQUIRE(found != rooms.end());
    CHECK((*found)["clients"] == 1);
    CHECK((*found)["maxClients"] == 4);
    CHECK((*found)["metadata"]["mode"] == mode);
    CHECK((*found)["name"] == "arena");

    listed = false;
    client.getAvailableRooms([&](const colyseus::Error& error, nlohmann::json list) {
        CHECK_FALSE(error);
        rooms = std::move(list);
        listed = true;
    });
    REQUIRE(test::poll_until(client, [&] { return listed; }));
    CHECK(std::any_of(rooms.begin(), rooms.end(), [&](const nlohmann::json& entry) { return entry.value("roomId", "") == room.room->id(); }));
}

}  // TEST_SUITE
