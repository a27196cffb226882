// A TCP proxy on a free 127.0.0.1 port in front of the demo server: it can end every connection abruptly
// (a network drop: no close frame, the server sees 1006) and can terminate TLS with a self-signed certificate
// (so the client's wss:// path runs against the real server).
#ifndef COLYSEUS_TESTS_PROXY_HPP
#define COLYSEUS_TESTS_PROXY_HPP

#include <cstdint>
#include <memory>
#include <string>

namespace test {

class Proxy {
public:
    /// Forwards connections to 127.0.0.1:`target_port`; with `certificate` and `key` (PEM files), clients
    /// speak TLS to the proxy.
    explicit Proxy(std::uint16_t target_port, const std::string& certificate = "", const std::string& key = "");
    ~Proxy();
    Proxy(const Proxy&) = delete;
    Proxy& operator=(const Proxy&) = delete;

    std::uint16_t port() const;
    /// Closes every connection open now, on both sides, without a WebSocket close.
    void cut();

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// A file of the tests' fixtures folder.
inline std::string fixture(const std::string& name) { return std::string(COLYSEUS_TEST_FIXTURES) + "/" + name; }

}  // namespace test

#endif
