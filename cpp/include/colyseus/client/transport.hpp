// Colyseus C++ client: the networking the client needs, behind a small interface, so that engines with
// their own HTTP and WebSocket stacks (Unreal, Godot, consoles) can plug them in. The default is
// `make_beast_transport()` (Boost.Beast and Boost.Asio, OpenSSL for TLS).
#ifndef COLYSEUS_CLIENT_TRANSPORT_HPP
#define COLYSEUS_CLIENT_TRANSPORT_HPP

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "endpoint.hpp"

namespace colyseus {

/// An HTTP request of the matchmaker (`POST /matchmake/...`, `GET /matchmake/...`).
struct HttpRequest {
    std::string method;
    Url url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

/// The server's answer; any status (errors come as 4xx/5xx with a JSON body).
struct HttpResponse {
    int status = 0;
    std::string reason;
    std::string body;
};

/// Receives an HTTP answer: `error` is empty on success, else why no answer came (the response is then empty).
using HttpCallback = std::function<void(const std::string& error, HttpResponse response)>;

/// What a WebSocket reports, in this order: `on_open` once connected (not at all when connecting fails),
/// `on_message` for each binary message, then `on_close` exactly once with the close code (1005 for a close
/// frame without status, 1006 for a connection that ended without one or never opened) and the reason.
/// Transports may call them from any thread; the client hands them to the game thread.
struct WebSocketHandlers {
    std::function<void()> on_open;
    std::function<void(std::vector<std::uint8_t> message)> on_message;
    std::function<void(int code, std::string reason)> on_close;
};

/// An open (or opening) WebSocket. Every method may be called from any thread and returns at once.
class WebSocket {
public:
    virtual ~WebSocket() = default;
    /// Sends one binary message; messages go out in the order of the calls (queued while connecting).
    virtual void send(std::vector<std::uint8_t> message) = 0;
    /// Starts the closing handshake with `code` (0: a close frame without status) and `reason`.
    virtual void close(int code, const std::string& reason) = 0;
    /// Ends the connection at once, without a closing handshake.
    virtual void drop() = 0;
};

/// HTTP requests and WebSocket connections to the server.
class Transport {
public:
    virtual ~Transport() = default;
    /// Sends one request and calls `done` once with the answer or the failure.
    virtual void request(HttpRequest request, HttpCallback done) = 0;
    /// Opens a WebSocket to `url` (`url.secure` asks for TLS) and reports through `handlers`.
    virtual std::shared_ptr<WebSocket> connect(const Url& url, WebSocketHandlers handlers) = 0;
};

/// TLS settings of the default transport.
struct TlsOptions {
    /// Verify the server's certificate and host name (keep it on outside tests).
    bool verify_peer = true;
    /// A PEM file of certificates to trust besides the system's (for example a self-signed server's).
    std::string ca_file;
};

/// Settings of the default transport.
struct BeastTransportOptions {
    TlsOptions tls;
    /// How long connecting, a TLS or WebSocket handshake, or an HTTP exchange may take, in milliseconds.
    int timeout_ms = 10000;
    /// The largest message accepted from the server (a full state of a big room can be large).
    std::size_t max_message_size = std::size_t{64} << 20;
};

/// The default transport: Boost.Beast over Boost.Asio, with OpenSSL for `https://` and `wss://`. It runs its
/// own network thread (which never calls game code: the client hands every event to `Client::poll`).
/// Throws `std::runtime_error` when the TLS settings cannot be used (an unreadable `ca_file`).
std::shared_ptr<Transport> make_beast_transport(const BeastTransportOptions& options = {});

}  // namespace colyseus

#endif
