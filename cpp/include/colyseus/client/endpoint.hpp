// Colyseus C++ client: the server address and the URLs built from it (PROTOCOL.md §2.2, §3.1).
#ifndef COLYSEUS_CLIENT_ENDPOINT_HPP
#define COLYSEUS_CLIENT_ENDPOINT_HPP

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace colyseus {

/// One URL the client opens: where to connect and what to ask for.
struct Url {
    /// Whether the connection uses TLS (`https://`, `wss://`).
    bool secure = false;
    std::string host;
    std::uint16_t port = 80;
    /// The request target: path and query.
    std::string target = "/";

    /// The `Host` header: the port left out when it is the scheme's default.
    std::string host_header() const;
    /// The URL as text, with the given scheme pair (`"http"`/`"https"` or `"ws"`/`"wss"`).
    std::string text(const char* scheme) const;
};

/// Where a `Client` connects: `ws://host:port/path?query` (or `wss`, `http`, `https`). WebSockets go to the
/// same host as matchmaking: `ws://` pairs with `http://`, `wss://` with `https://`.
class Endpoint {
public:
    /// Parses the endpoint; throws `std::invalid_argument` naming what is wrong. The port defaults to 80 or 443.
    explicit Endpoint(const std::string& text);

    bool secure() const noexcept { return secure_; }
    const std::string& host() const noexcept { return host_; }
    std::uint16_t port() const noexcept { return port_; }
    /// The path prefix without a trailing `/` (empty for the root).
    const std::string& pathname() const noexcept { return pathname_; }
    /// The query appended to every URL, without `?` (empty when none).
    const std::string& query() const noexcept { return query_; }

    /// The matchmaking URL of `path` (which starts with `/`) under the pathname, with the endpoint's query.
    Url http_url(const std::string& path) const;

    /// The WebSocket URL of a seat (§3.1): `<pathname>/<processId>/<roomId>`, or the reservation's public
    /// address instead of host and pathname; then the endpoint's query and `parameters`.
    Url websocket_url(const std::string& process_id, const std::string& room_id, const std::string& public_address,
                      const std::vector<std::pair<std::string, std::string>>& parameters) const;

private:
    Endpoint() = default;
    bool secure_ = false;
    std::string host_;
    std::uint16_t port_ = 80;
    std::string pathname_;
    std::string query_;
};

/// `text` as one URL path segment (percent-encoded, `/` included).
std::string encode_path_segment(const std::string& text);

}  // namespace colyseus

#endif
