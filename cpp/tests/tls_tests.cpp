// wss:// and https://: the client verifies the server's certificate (here a self-signed one in front of the
// demo server) and joins over TLS when told to trust it.
#include <doctest/doctest.h>

#include <string>

#include <colyseus/client.hpp>

#include "MyRoomState.schema.hpp"
#include "support/demo_server.hpp"
#include "support/proxy.hpp"

TEST_SUITE("tls") {

TEST_CASE("a trusted self-signed certificate joins over wss") {
    test::Proxy proxy(test::demo_server_port(), test::fixture("loopback-cert.pem"), test::fixture("loopback-key.pem"));
    colyseus::ClientOptions options;
    options.tls.ca_file = test::fixture("loopback-cert.pem");
    colyseus::Client client("wss://127.0.0.1:" + std::to_string(proxy.port()), options);
    const auto joined = test::await_join<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("my_room", {}, callback); });
    REQUIRE_MESSAGE(joined.room, joined.error.message);
    CHECK(test::poll_until(client, [&] { return joined.room->state()->players->contains(joined.room->sessionId()); }));
    bool listed = false;
    client.getAvailableRooms("my_room", [&](const colyseus::Error& error, const nlohmann::json& rooms) {
        CHECK_FALSE(error);
        CHECK(rooms.is_array());
        listed = true;
    });
    CHECK(test::poll_until(client, [&] { return listed; }));
}

TEST_CASE("an untrusted certificate is refused") {
    test::Proxy proxy(test::demo_server_port(), test::fixture("loopback-cert.pem"), test::fixture("loopback-key.pem"));
    colyseus::Client client("wss://127.0.0.1:" + std::to_string(proxy.port()));
    const auto joined = test::await_join<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("my_room", {}, callback); });
    CHECK(joined.room == nullptr);
    CHECK(joined.error.code == 0);
    CHECK(joined.error.message.find("certificate verify failed") != std::string::npos);
}

TEST_CASE("a certificate for another address is refused") {
    test::Proxy proxy(test::demo_server_port(), test::fixture("loopback-cert.pem"), test::fixture("loopback-key.pem"));
    colyseus::ClientOptions options;
    options.tls.ca_file = test::fixture("loopback-cert.pem");
    colyseus::Client client("wss://localhost:" + std::to_string(proxy.port()), options);  // the certificate names 127.0.0.1 only
    const auto joined = test::await_join<MyRoomState>(client, [&](auto callback) { client.joinOrCreate<MyRoomState>("my_room", {}, callback); });
    CHECK(joined.room == nullptr);
    CHECK(joined.error.message.find("certificate verify failed") != std::string::npos);
}

}  // TEST_SUITE
