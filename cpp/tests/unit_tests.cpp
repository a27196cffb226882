// The client's parts without a server: endpoints and URLs, frames, the reconnection policy, handlers, and
// the runtime's typed callbacks and collection defaults on hand-made state bytes.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include <colyseus/client.hpp>

#include "Battle.schema.hpp"
#include "MyRoomState.schema.hpp"

using colyseus::Endpoint;
using Bytes = std::vector<std::uint8_t>;

TEST_SUITE("unit") {

TEST_CASE("endpoints give the reference's matchmaking and WebSocket URLs") {
    const Endpoint plain("ws://localhost:2567");
    CHECK(plain.http_url("/matchmake/joinOrCreate/battle").text("http") == "http://localhost:2567/matchmake/joinOrCreate/battle");
    CHECK(plain.websocket_url("proc", "room", "", {{"sessionId", "s1"}}).text("ws") == "ws://localhost:2567/proc/room?sessionId=s1");

    const Endpoint secure("https://example.com/game/?tenant=7");
    CHECK(secure.secure());
    CHECK(secure.port() == 443);
    CHECK(secure.pathname() == "/game");
    CHECK(secure.http_url("/matchmake").text("http") == "https://example.com/game/matchmake?tenant=7");
    CHECK(secure.websocket_url("p", "r", "", {{"sessionId", "s"}, {"skipHandshake", "true"}}).text("ws") ==
          "wss://example.com/game/p/r?tenant=7&sessionId=s&skipHandshake=true");
    CHECK(secure.websocket_url("p", "r", "eu.example.com:8443/x", {}).text("ws") == "wss://eu.example.com:8443/x/p/r?tenant=7");

    const Endpoint ipv6("ws://[::1]:9000");
    CHECK(ipv6.host() == "::1");
    CHECK(ipv6.http_url("/").host_header() == "[::1]:9000");

    CHECK_THROWS_AS(Endpoint("localhost:2567"), std::invalid_argument);
    CHECK_THROWS_AS(Endpoint("ftp://localhost"), std::invalid_argument);
    CHECK_THROWS_AS(Endpoint("ws://localhost:99999"), std::invalid_argument);
    CHECK_THROWS_AS(colyseus::Client("ws://"), std::invalid_argument);
    CHECK(colyseus::encode_path_segment("a b/c") == "a%20b%2Fc");
}

TEST_CASE("message types and numbers are written as PROTOCOL.md §4.2 and §8.3 show") {
    using colyseus::protocol::message_header;
    namespace code = colyseus::protocol::code;
    CHECK(message_header(code::room_data, "move") == Bytes{0x0d, 0xa4, 'm', 'o', 'v', 'e'});
    CHECK(message_header(code::room_data, 300) == Bytes{0x0d, 0xcd, 0x2c, 0x01});
    CHECK(message_header(code::room_data_bytes, 9) == Bytes{0x11, 0x09});
    CHECK(message_header(code::room_data, -1) == Bytes{0x0d, 0xff});
    CHECK_THROWS_AS(message_header(code::room_data, ""), std::invalid_argument);

    const auto number = [](double value) {
        Bytes out;
        colyseus::protocol::write_number(out, value);
        return out;
    };
    CHECK(number(128) == Bytes{0xcc, 0x80});
    CHECK(number(-33) == Bytes{0xd0, 0xdf});
    CHECK(number(-32769) == Bytes{0xd2, 0xff, 0x7f, 0xff, 0xff});
    CHECK(number(2147483648.0) == Bytes{0xca, 0x00, 0x00, 0x00, 0x4f});
    CHECK(number(4294967295.0) == Bytes{0xcb, 0x00, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xef, 0x41});
    CHECK(number(11.5) == Bytes{0xca, 0x00, 0x00, 0x38, 0x41});
}

TEST_CASE("server frames are classified, and cut frames are refused") {
    using colyseus::protocol::ServerFrame;
    const Bytes join{0x0a, 0x03, 't', 'o', 'k', 0x04, 'n', 'o', 'n', 'e'};
    const ServerFrame joined = ServerFrame::parse(join);
    CHECK(joined.kind == ServerFrame::Kind::join_room);
    CHECK(joined.token == "tok");
    CHECK(joined.serializer == "none");
    CHECK(joined.payload == join.size());

    const ServerFrame error = ServerFrame::parse({0x0b, 0xcd, 0xe1, 0x10, 0xac, 'c', 'u', 's', 't', 'o', 'm', ' ', 'e', 'r', 'r', 'o', 'r'});
    CHECK(error.kind == ServerFrame::Kind::error);
    CHECK(error.error_code == 4321);
    CHECK(error.error_message == "custom error");

    const ServerFrame data = ServerFrame::parse({0x0d, 0x05, 0xde, 0x00, 0x01, 0xa1, 'n', 0x01});
    CHECK(data.kind == ServerFrame::Kind::room_data);
    CHECK(data.type == colyseus::MessageType(5));
    CHECK(data.payload == 2);

    CHECK(ServerFrame::parse({0x11, 0xa3, 'r', 'a', 'w', 1, 2}).type == colyseus::MessageType("raw"));
    CHECK(ServerFrame::parse({}).kind == ServerFrame::Kind::ignored);
    CHECK(ServerFrame::parse({0x10}).kind == ServerFrame::Kind::ignored);
    CHECK_THROWS_AS(ServerFrame::parse({0x0a, 0x09, 'x'}), colyseus::protocol::FrameError);
    CHECK_THROWS_AS(ServerFrame::parse({0x0d, 0xca, 0x00, 0x00, 0xc0, 0x3f}), colyseus::protocol::FrameError);  // type 1.5
}

TEST_CASE("the reconnection policy waits 200 ms doubling to 5 s and reconnects after drops only") {
    const colyseus::ReconnectionPolicy policy;
    CHECK(policy.max_retries == 15);
    CHECK(policy.delay(1).count() == 200);
    CHECK(policy.delay(2).count() == 400);
    CHECK(policy.delay(5).count() == 3200);
    CHECK(policy.delay(6).count() == 5000);
    CHECK(policy.delay(15).count() == 5000);
    for (const int code : {1001, 1005, 1006, 4010}) CHECK(colyseus::ReconnectionPolicy::is_drop(code));
    for (const int code : {1000, 4000, 4001, 4002, 4003, 4005}) CHECK_FALSE(colyseus::ReconnectionPolicy::is_drop(code));
}

TEST_CASE("signals take handlers of all or of the leading arguments, and errors read as the seed's strings") {
    colyseus::Signal<int, std::string> signal;
    std::vector<std::string> calls;
    signal = [&] { calls.push_back("none"); };
    signal.emit(4000, "bye");
    signal = [&](int code) { calls.push_back(std::to_string(code)); };
    signal.emit(4000, "bye");
    signal = [&](int code, const std::string& reason) { calls.push_back(std::to_string(code) + " " + reason); };
    signal.emit(4000, "bye");
    signal = nullptr;
    signal.emit(4000, "bye");
    CHECK(calls == std::vector<std::string>{"none", "4000", "4000 bye"});

    const colyseus::Error error{522, "room \"x\" not found"};
    const std::string err = error;
    CHECK(err == "room \"x\" not found");
    CHECK(static_cast<bool>(error));
    CHECK_FALSE(static_cast<bool>(colyseus::Error{}));
    CHECK(std::string(colyseus::Error{}) == "");
}

// MyRoomState: players (map<Player>) -> refId 1; "abc" -> Player refId 2 with x = 10, y = 20.
const Bytes full_state{0x80, 0x01, 0xff, 0x01, 0x80, 0x00, 0xa3, 'a', 'b', 'c', 0x02, 0xff, 0x02, 0x80, 0x0a, 0x81, 0x14};
const Bytes move_abc{0xff, 0x02, 0x80, 0x0b};                          // abc.x = 11
const Bytes add_xyz{0xff, 0x01, 0x80, 0x01, 0xa3, 'x', 'y', 'z', 0x03,  // "xyz" -> Player refId 3
                    0xff, 0x03, 0x80, 0x01, 0x81, 0x02};
const Bytes remove_abc{0xff, 0x01, 0x40, 0x00};

TEST_CASE("typed state callbacks report each change once, and what is there already when asked") {
    colyseus::schema::Decoder<MyRoomState> decoder;
    colyseus::schema::StateCallbacks<MyRoomState> callbacks(decoder.state());
    std::vector<std::string> events;
    callbacks.onAdd(&MyRoomState::players, [&](const std::shared_ptr<Player>& player, const std::string& key) {
        events.push_back("add " + key);
        callbacks.listen(player, &Player::x, [&events, key](double x, double previous) {
            events.push_back("x " + key + " " + std::to_string(static_cast<int>(x)) + " from " + std::to_string(static_cast<int>(previous)));
        });
    });
    callbacks.onRemove(&MyRoomState::players, [&](const std::shared_ptr<Player>&, const std::string& key) { events.push_back("remove " + key); });

    callbacks.dispatch(decoder, decoder.decode(full_state));
    CHECK(events == std::vector<std::string>{"add abc", "x abc 10 from 0"});

    events.clear();
    callbacks.dispatch(decoder, decoder.decode(move_abc));
    callbacks.dispatch(decoder, decoder.decode(add_xyz));
    CHECK(events == std::vector<std::string>{"x abc 11 from 10", "add xyz", "x xyz 1 from 0"});

    // Registered after the state arrived: immediate reports the present items; without it, nothing.
    std::vector<std::string> late;
    callbacks.onAdd(&MyRoomState::players, [&](const std::shared_ptr<Player>&, const std::string& key) { late.push_back(key); });
    callbacks.onAdd(&MyRoomState::players, [&](const std::shared_ptr<Player>&, const std::string& key) { late.push_back("quiet " + key); }, false);
    const auto abc = *decoder.state()->players->find("abc");
    callbacks.listen(abc, &Player::y, [&](double y) { late.push_back("y " + std::to_string(static_cast<int>(y))); });
    CHECK(late == std::vector<std::string>{"abc", "xyz", "y 20"});

    events.clear();
    callbacks.dispatch(decoder, decoder.decode(remove_abc));
    CHECK(events == std::vector<std::string>{"remove abc"});

    // abc left the state: its listeners are gone, and a removed listener stays silent.
    colyseus::Listener stopped = callbacks.listen(*decoder.state()->players->find("xyz"), &Player::x, [&](double) { events.push_back("stopped"); }, false);
    stopped.remove();
    events.clear();
    callbacks.dispatch(decoder, decoder.decode(Bytes{0xff, 0x03, 0x80, 0x05}));
    CHECK(events == std::vector<std::string>{"x xyz 5 from 1"});
}

TEST_CASE("a rebuilt state reports the old items removed and the new ones added") {
    colyseus::schema::Decoder<MyRoomState> decoder;
    colyseus::schema::StateCallbacks<MyRoomState> callbacks(decoder.state());
    std::vector<std::string> events;
    callbacks.onAdd(&MyRoomState::players, [&](const std::shared_ptr<Player>&, const std::string& key) { events.push_back("add " + key); });
    callbacks.onRemove(&MyRoomState::players, [&](const std::shared_ptr<Player>&, const std::string& key) { events.push_back("remove " + key); });
    callbacks.dispatch(decoder, decoder.decode(full_state));

    colyseus::schema::Decoder<MyRoomState> rebuilt;
    rebuilt.decode(Bytes{0x80, 0x01, 0xff, 0x01, 0x80, 0x01, 0xa3, 'x', 'y', 'z', 0x03, 0xff, 0x03, 0x80, 0x01});
    events.clear();
    callbacks.rebuild(rebuilt.state());
    CHECK(events == std::vector<std::string>{"remove abc", "add xyz"});
}

TEST_CASE("generated constructors apply collection defaults") {
    const BattleState state;
    CHECK(state.laneWeights->items() == std::vector<float>{1.0F, 0.5F, 0.25F});
    CHECK(state.round == 1);
    CHECK(state.winners->empty());
}

}  // TEST_SUITE
