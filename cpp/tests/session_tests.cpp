// How sessions end and resume: consented leave, kicks, automatic reconnection after a dropped socket (with
// buffered sends), refused reconnections, drops right after the join, and manual reconnection.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <colyseus/client.hpp>

#include "Arena.schema.hpp"
#include "MyRoomState.schema.hpp"
#include "support/demo_server.hpp"
#include "support/proxy.hpp"

namespace {

struct Kick {
    int code = 0;
    std::string reason;
    MSGPACK_DEFINE_MAP(code, reason)
};

struct Score {
    double points = 0;
    MSGPACK_DEFINE_MAP(points)
};

/// Fast reconnection for tests: no minimum uptime, short delays.
colyseus::ClientOptions quick_reconnection(int retries) {
    colyseus::ClientOptions options;
    options.reconnection.max_retries = retries;
    options.reconnection.min_uptime = std::chrono::milliseconds(0);
    options.reconnection.min_delay = std::chrono::milliseconds(50);
    options.reconnection.max_delay = std::chrono::milliseconds(200);
    return options;
}

struct Ending {
    int code = 0;
    std::string reason;
    bool done = false;
};

template <class State>
void watch_leave(const std::shared_ptr<colyseus::Room<State>>& room, Ending& ending) {
    room->onLeave = [&ending](int code, std::string reason) {
        ending = Ending{code, std::move(reason), true};
    };
}

}  // namespace

TEST_SUITE("session") {

TEST_CASE("a consented leave ends with 4000 and removes the player on the server") {
    colyseus::Client client(test::demo_endpoint());
    const auto alice = test::await_join<MyRoomState>(client, [&](auto callback) { client.create<MyRoomState>("my_room", {}, callback); });
    REQUIRE(alice.room);
    const auto bob = test::await_join<MyRoomState>(client, [&](auto callback) { client.joinById<MyRoomState>(alice.room->id(), {}, callback); });
    REQUIRE(bob.room);
    REQUIRE(test::poll_until(client, [&] { return alice.room->state()->players->size() == 2; }));
    Ending ending;
    watch_leave(bob.room, ending);
    bob.room->leave();
    REQUIRE(test::poll_until(client, [&] { return ending.done; }));
    CHECK(ending.code == 4000);
    CHECK(bob.room->phase() == colyseus::RoomBase::Phase::left);
    CHECK(test::poll_until(client, [&] { return alice.room->state()->players->size() == 1; }));
    bob.room->send("move", 1);  // dropped: the session ended
}

TEST_CASE("the server's close code and reason reach onLeave") {
    colyseus::Client client(test::demo_endpoint());
    const auto room = test::await_join<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("echo", {}, callback); });
    REQUIRE(room.room);
    Ending ending;
    watch_leave(room.room, ending);
    room.room->send("kick", Kick{4005, "bye"});
    REQUIRE(test::poll_until(client, [&] { return ending.done; }));
    CHECK(ending.code == 4005);
    CHECK(ending.reason == "bye");
}

TEST_CASE("a close without status is a drop too") {
    colyseus::Client client(test::demo_endpoint(), quick_reconnection(1));
    const auto room = test::await_join<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("echo", {}, callback); });
    REQUIRE(room.room);
    Ending ending;
    int dropped = 0;
    watch_leave(room.room, ending);
    room.room->onDrop = [&](int code) { dropped = code; };
    room.room->send("kick", nlohmann::json::object());  // the server's client.leave() without a code
    REQUIRE(test::poll_until(client, [&] { return ending.done; }));
    CHECK(dropped == 1005);
    CHECK(ending.code == 4003);  // the echo room holds no seat for the reconnection
}

TEST_CASE("a dropped socket reconnects, flushes the buffered sends and rebuilds the state") {
    test::Proxy proxy(test::demo_server_port());
    colyseus::Client client("ws://127.0.0.1:" + std::to_string(proxy.port()), quick_reconnection(15));
    const auto joined = test::await_join<ArenaState>(client, [&](auto callback) {
        client.create<ArenaState>("arena", {{"mode", test::unique_name("drop")}, {"name", "dora"}}, callback);
    });
    REQUIRE(joined.room);
    const auto room = joined.room;
    REQUIRE(test::poll_until(client, [&] { return room->state()->players->size() == 1; }));
    const std::string token = room->reconnectionToken();
    const auto old_state = room->state();

    std::vector<std::string> events;
    bool welcomed = false;
    room->onDrop = [&](int code) {
        events.push_back("drop " + std::to_string(code));
        room->send("score", Score{5});  // buffered until the rejoin
    };
    room->onReconnect = [&] { events.push_back("reconnect"); };
    room->onMessage("welcomeBack", [&](const msgpack::object&) { welcomed = true; });
    room->callbacks().onRemove(&ArenaState::players, [&](const std::shared_ptr<ArenaPlayer>&) { events.push_back("remove"); });
    room->callbacks().onAdd(&ArenaState::players, [&](const std::shared_ptr<ArenaPlayer>&) { events.push_back("add"); }, false);

    proxy.cut();
    REQUIRE(test::poll_until(client, [&] { return welcomed && room->state()->round == 1; }));
    CHECK(events == std::vector<std::string>{"drop 1006", "reconnect", "remove", "add"});
    CHECK(room->phase() == colyseus::RoomBase::Phase::joined);
    CHECK(room->reconnectionToken() != token);
    CHECK(room->state() != old_state);
    CHECK(room->state()->players->at(room->sessionId())->score == 5);
    CHECK(room->state()->players->at(room->sessionId())->connected);
}

TEST_CASE("a refused reconnection ends the session with 4003") {
    test::Proxy proxy(test::demo_server_port());
    colyseus::Client client("ws://127.0.0.1:" + std::to_string(proxy.port()), quick_reconnection(2));
    const auto joined = test::await_join<MyRoomState>(client, [&](auto callback) { client.create<MyRoomState>("my_room", {}, callback); });
    REQUIRE(joined.room);
    REQUIRE(test::poll_until(client, [&] { return joined.room->state()->players->size() == 1; }));
    Ending ending;
    bool dropped = false;
    watch_leave(joined.room, ending);
    joined.room->onDrop = [&] { dropped = true; };
    proxy.cut();  // my_room holds no seat for dropped clients
    REQUIRE(test::poll_until(client, [&] { return ending.done; }));
    CHECK(dropped);
    CHECK(ending.code == 4003);
    CHECK(ending.reason.find("failed to reconnect after 2 attempts") == 0);
}

TEST_CASE("a drop right after joining leaves instead of reconnecting") {
    test::Proxy proxy(test::demo_server_port());
    colyseus::Client client("ws://127.0.0.1:" + std::to_string(proxy.port()));  // default policy: 5 s of uptime first
    const auto joined = test::await_join<ArenaState>(client, [&](auto callback) {
        client.create<ArenaState>("arena", {{"mode", test::unique_name("early")}}, callback);
    });
    REQUIRE(joined.room);
    Ending ending;
    watch_leave(joined.room, ending);
    proxy.cut();
    REQUIRE(test::poll_until(client, [&] { return ending.done; }));
    CHECK(ending.code == 1006);
    CHECK(ending.reason == "Room uptime too short for reconnection.");
}

TEST_CASE("a cached reconnection token rejoins the same session") {
    colyseus::Client client(test::demo_endpoint());
    const auto joined = test::await_join<ArenaState>(client, [&](auto callback) {
        client.create<ArenaState>("arena", {{"mode", test::unique_name("manual")}, {"name", "erin"}}, callback);
    });
    REQUIRE(joined.room);
    REQUIRE(test::poll_until(client, [&] { return joined.room->state()->players->size() == 1; }));
    const std::string token = joined.room->reconnectionToken();
    Ending ending;
    watch_leave(joined.room, ending);
    joined.room->leave(false);  // the server sees a drop and holds the seat
    REQUIRE(test::poll_until(client, [&] { return ending.done; }));
    CHECK(ending.code == 1005);

    // The server opens the seat once it noticed the close: retry briefly, as a game would.
    test::Joined<ArenaState> back;
    for (int attempt = 0; attempt < 20 && !back.room; ++attempt) {
        back = test::await_join<ArenaState>(client, [&](auto callback) { client.reconnect<ArenaState>(token, callback); });
        if (!back.room) test::poll_for(client, std::chrono::milliseconds(50));
    }
    REQUIRE_MESSAGE(back.room, back.error.message);
    CHECK(back.room->sessionId() == joined.room->sessionId());
    CHECK(back.room->id() == joined.room->id());
    REQUIRE(test::poll_until(client, [&] { return back.room->state()->players->contains(back.room->sessionId()); }));
    CHECK(back.room->state()->players->at(back.room->sessionId())->name == "erin");
}

}  // TEST_SUITE
