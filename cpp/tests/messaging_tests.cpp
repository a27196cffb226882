// Messages both ways with the demo server's echo room: string and integer types, no payload, JSON and typed
// structs, raw bytes, ERROR frames, the auth token on both channels, and where callbacks run.
#include <doctest/doctest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <colyseus/client.hpp>

#include "MyRoomState.schema.hpp"
#include "support/demo_server.hpp"

namespace {

struct Powerup {
    std::string kind;
    int level = 0;
    MSGPACK_DEFINE_MAP(kind, level)
};

struct Move {
    double x = 0;
    double y = 0;
    MSGPACK_DEFINE_MAP(x, y)
};

struct Failure {
    int code = 0;
    std::string message;
    MSGPACK_DEFINE_MAP(code, message)
};

struct Tokens {
    std::string http;
    std::string socket;
    MSGPACK_DEFINE_MAP(http, socket)
};

std::shared_ptr<colyseus::Room<MyRoomState>> join_echo(colyseus::Client& client) {
    auto joined = test::await_join<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("echo", {}, callback); });
    REQUIRE_MESSAGE(joined.room, joined.error.message);
    REQUIRE(test::poll_until(client, [&] { return joined.room->state()->players->contains(joined.room->sessionId()); }));
    return joined.room;
}

}  // namespace

TEST_SUITE("messaging") {

TEST_CASE("messages travel both ways with string and integer types") {
    colyseus::Client client(test::demo_endpoint());
    const auto room = join_echo(client);

    std::map<std::string, int> echoed;
    std::vector<std::string> words;
    room->onMessage("echo", [&](const msgpack::object& message) { echoed = message.as<std::map<std::string, int>>(); });
    room->onMessage(7, [&](std::vector<std::string> list) { words = std::move(list); });
    room->send("echo", std::map<std::string, int>{{"a", 1}, {"b", 300}});
    room->send(7, std::vector<std::string>{"seven", "ways"});
    REQUIRE(test::poll_until(client, [&] { return !echoed.empty() && !words.empty(); }));
    CHECK(echoed == std::map<std::string, int>{{"a", 1}, {"b", 300}});
    CHECK(words == std::vector<std::string>{"seven", "ways"});

    // JSON options-style payloads go out as MessagePack too.
    echoed.clear();
    room->send("echo", {{"a", 2}});
    REQUIRE(test::poll_until(client, [&] { return !echoed.empty(); }));
    CHECK(echoed.at("a") == 2);

    // No payload; a type the room has no handler for reaches its "*" handler.
    Powerup powerup;
    std::string unknown;
    room->onMessage("powerup", [&](Powerup message) { powerup = message; });
    room->onMessage("unknown", [&](std::string type) { unknown = type; });
    room->send("powerup");
    room->send("no-such-type", 1);
    REQUIRE(test::poll_until(client, [&] { return powerup.level != 0 && !unknown.empty(); }));
    CHECK(powerup.kind == "speed");
    CHECK(powerup.level == 2);
    CHECK(unknown == "no-such-type");

    CHECK_THROWS_AS(room->send("", 1), std::invalid_argument);
}

TEST_CASE("typed structs go out as maps and come back typed; a payload of another shape is an error") {
    colyseus::Client client(test::demo_endpoint());
    const auto room = join_echo(client);
    room->send("move", Move{2, 3});
    REQUIRE(test::poll_until(client, [&] { return room->state()->players->at(room->sessionId())->x == 2; }));
    CHECK(room->state()->players->at(room->sessionId())->y == 3);

    std::vector<std::pair<int, std::string>> errors;
    bool converted = false;
    room->onError = [&](int code, const std::string& message) { errors.emplace_back(code, message); };
    room->onMessage<Powerup>("echo", [&](const Powerup&) { converted = true; });
    room->send("echo", "not a powerup");
    REQUIRE(test::poll_until(client, [&] { return !errors.empty(); }));
    CHECK_FALSE(converted);
    CHECK(errors[0].first == 4217);
    CHECK(errors[0].second.find("\"echo\" message does not convert") != std::string::npos);
}

TEST_CASE("raw bytes travel both ways") {
    colyseus::Client client(test::demo_endpoint());
    const auto room = join_echo(client);
    std::vector<std::uint8_t> raw, nine;
    room->onBytes("raw", [&](const std::vector<std::uint8_t>& bytes) { raw = bytes; });
    room->onBytes(9, [&](const std::vector<std::uint8_t>& bytes) { nine = bytes; });
    room->sendBytes("raw", {1, 2, 3});
    room->sendBytes(9, {4, 5});
    REQUIRE(test::poll_until(client, [&] { return !raw.empty() && !nine.empty(); }));
    CHECK(raw == std::vector<std::uint8_t>{3, 2, 1});
    CHECK(nine == std::vector<std::uint8_t>{4, 5});
}

TEST_CASE("the server's ERROR frames reach onError and the session goes on") {
    colyseus::Client client(test::demo_endpoint());
    const auto room = join_echo(client);
    int code = 0;
    std::string text;
    room->onError = [&](int error_code, std::string message) {
        code = error_code;
        text = std::move(message);
    };
    room->send("err", Failure{4444, "custom failure"});
    REQUIRE(test::poll_until(client, [&] { return code != 0; }));
    CHECK(code == 4444);
    CHECK(text == "custom failure");
    std::map<std::string, int> echoed;
    room->onMessage("echo", [&](std::map<std::string, int> message) { echoed = std::move(message); });
    room->send("echo", std::map<std::string, int>{{"still", 1}});
    CHECK(test::poll_until(client, [&] { return !echoed.empty(); }));
    CHECK(room->phase() == colyseus::RoomBase::Phase::joined);
}

TEST_CASE("removed listeners stop, and removeAllListeners clears every handler") {
    colyseus::Client client(test::demo_endpoint());
    const auto room = join_echo(client);
    int first = 0, second = 0;
    colyseus::Listener listener = room->onMessage("echo", [&](const msgpack::object&) { ++first; });
    room->onMessage("echo", [&](const msgpack::object&) { ++second; });
    room->send("echo", 1);
    REQUIRE(test::poll_until(client, [&] { return second == 1; }));
    listener.remove();
    room->send("echo", 2);
    REQUIRE(test::poll_until(client, [&] { return second == 2; }));
    CHECK(first == 1);

    bool left = false;
    room->onLeave = [&] { left = true; };
    room->removeAllListeners();
    room->send("echo", 3);
    room->leave();
    REQUIRE(test::poll_until(client, [&] { return room->phase() == colyseus::RoomBase::Phase::left; }));
    CHECK(second == 2);
    CHECK_FALSE(left);
}

TEST_CASE("the auth token goes as Bearer to matchmaking and as _authToken to the room") {
    colyseus::Client client(test::demo_endpoint());
    client.setAuthToken("secret");
    Tokens tokens;
    auto joined = test::await_join<MyRoomState>(client, [&](auto callback) {
        client.joinOrCreate<MyRoomState>("echo", {}, [&, callback](const colyseus::Error& error, std::shared_ptr<colyseus::Room<MyRoomState>> room) mutable {
            if (room) room->onMessage("auth", [&](Tokens message) { tokens = message; });
            callback(error, room);
        });
    });
    REQUIRE(joined.room);
    REQUIRE(test::poll_until(client, [&] { return !tokens.http.empty(); }));
    CHECK(tokens.http == "secret");
    CHECK(tokens.socket == "secret");
}

TEST_CASE("every callback runs inside poll, on the polling thread") {
    colyseus::Client client(test::demo_endpoint());
    const std::thread::id game_thread = std::this_thread::get_id();
    std::vector<std::thread::id> threads;
    bool echoed = false;
    client.joinOrCreate<MyRoomState>("echo", {}, [&](const colyseus::Error&, std::shared_ptr<colyseus::Room<MyRoomState>> room) {
        threads.push_back(std::this_thread::get_id());
        room->onStateChange = [&] { threads.push_back(std::this_thread::get_id()); };
        room->onMessage("echo", [&](const msgpack::object&) {
            threads.push_back(std::this_thread::get_id());
            echoed = true;
        });
        room->send("echo", 1);
    });
    // Nothing runs between polls, however long the network takes.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(threads.empty());
    REQUIRE(test::poll_until(client, [&] { return echoed; }));
    CHECK(threads.size() >= 3);
    for (const auto& id : threads) CHECK(id == game_thread);
}

}  // TEST_SUITE
