// State and schema callbacks on the demo server's rooms: what one client sees of another's join, moves and
// leave; root fields; the first-state flag.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <colyseus/client.hpp>

#include "Arena.schema.hpp"
#include "MyRoomState.schema.hpp"
#include "support/demo_server.hpp"

namespace {

struct Move {
    double x = 0;
    double y = 0;
    MSGPACK_DEFINE_MAP(x, y)
};

struct Score {
    double points = 0;
    MSGPACK_DEFINE_MAP(points)
};

}  // namespace

TEST_SUITE("state") {

TEST_CASE("onAdd, listen and onRemove follow another client's player") {
    colyseus::Client client(test::demo_endpoint());
    const auto alice = test::await_join<MyRoomState>(client, [&](auto callback) { client.create<MyRoomState>("my_room", {}, callback); });
    REQUIRE(alice.room);
    std::vector<bool> first_flags;
    alice.room->onStateChange = [&](MyRoomState*, bool isFirstState) { first_flags.push_back(isFirstState); };
    REQUIRE(test::poll_until(client, [&] { return !first_flags.empty(); }));
    CHECK(first_flags.front());

    // Registered after the first state: immediate reports alice's own player at once.
    std::vector<std::string> events;
    auto& callbacks = alice.room->callbacks();
    callbacks.onAdd(&MyRoomState::players, [&](const std::shared_ptr<Player>& player, const std::string& key) {
        events.push_back(key == alice.room->sessionId() ? "add self" : "add other");
        callbacks.listen(player, &Player::x, [&events](double x) { events.push_back("x " + std::to_string(static_cast<int>(x))); });
    });
    callbacks.onRemove(&MyRoomState::players, [&](const std::shared_ptr<Player>&, const std::string& key) {
        events.push_back(key == alice.room->sessionId() ? "remove self" : "remove other");
    });
    CHECK(events == std::vector<std::string>{"add self", "x 0"});

    const auto bob = test::await_join<MyRoomState>(client, [&](auto callback) { client.joinById<MyRoomState>(alice.room->id(), {}, callback); });
    REQUIRE(bob.room);
    REQUIRE(test::poll_until(client, [&] { return events.size() == 4; }));
    CHECK(events == std::vector<std::string>{"add self", "x 0", "add other", "x 0"});

    bob.room->send("move", Move{5, 0});
    REQUIRE(test::poll_until(client, [&] { return events.size() == 5; }));
    CHECK(events.back() == "x 5");
    bob.room->send("move", Move{0, 1});  // y only: no report for x
    REQUIRE(test::poll_until(client, [&] { return alice.room->state()->players->at(bob.room->sessionId())->y == 1; }));
    CHECK(events.size() == 5);

    bob.room->leave();
    REQUIRE(test::poll_until(client, [&] { return events.size() == 6; }));
    CHECK(events.back() == "remove other");
    CHECK(alice.room->state()->players->size() == 1);
    for (std::size_t position = 1; position < first_flags.size(); ++position) CHECK_FALSE(first_flags[position]);
}

TEST_CASE("listen on a root field reports its value and the previous one") {
    colyseus::Client client(test::demo_endpoint());
    const auto joined = test::await_join<ArenaState>(client, [&](auto callback) {
        client.create<ArenaState>("arena", {{"mode", test::unique_name("round")}, {"name", "carol"}}, callback);
    });
    REQUIRE(joined.room);
    std::vector<std::pair<int, int>> rounds;
    joined.room->callbacks().listen(&ArenaState::round, [&](std::uint16_t round, std::uint16_t previous) { rounds.emplace_back(round, previous); });
    std::string name;
    joined.room->callbacks().onAdd(&ArenaState::players, [&](const std::shared_ptr<ArenaPlayer>& player) { name = player->name; });
    REQUIRE(test::poll_until(client, [&] { return !name.empty(); }));
    CHECK(name == "carol");
    joined.room->send("score", Score{3});
    joined.room->send("score", Score{4});
    REQUIRE(test::poll_until(client, [&] { return !rounds.empty() && rounds.back().first == 2; }));
    CHECK(rounds.front() == std::pair<int, int>{0, 0});
    CHECK(joined.room->state()->players->at(joined.room->sessionId())->score == 7);
}

}  // TEST_SUITE
