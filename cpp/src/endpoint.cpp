#include "colyseus/client/endpoint.hpp"

#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace colyseus {

std::string Url::host_header() const {
    const bool default_port = port == (secure ? 443 : 80);
    const bool ipv6 = host.find(':') != std::string::npos;
    const std::string name = ipv6 ? "[" + host + "]" : host;
    return default_port ? name : name + ":" + std::to_string(port);
}

std::string Url::text(const char* scheme) const {
    return std::string(scheme) + (secure ? "s" : "") + "://" + host_header() + target;
}

Endpoint::Endpoint(const std::string& text) {
    const auto fail = [&](const std::string& why) {
        throw std::invalid_argument("invalid endpoint \"" + text + "\": " + why + " (expected a URL such as ws://localhost:2567)");
    };
    const std::size_t scheme_end = text.find("://");
    if (scheme_end == std::string::npos) fail("no scheme");
    std::string scheme = text.substr(0, scheme_end);
    for (char& character : scheme) character = static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
    if (scheme == "ws" || scheme == "http") {
        secure_ = false;
    } else if (scheme == "wss" || scheme == "https") {
        secure_ = true;
    } else {
        fail("the scheme must be ws, wss, http or https");
    }
    std::string rest = text.substr(scheme_end + 3);
    const std::size_t query_start = rest.find('?');
    if (query_start != std::string::npos) {
        query_ = rest.substr(query_start + 1);
        rest.erase(query_start);
    }
    const std::size_t path_start = rest.find('/');
    std::string authority = rest.substr(0, path_start);
    pathname_ = path_start == std::string::npos ? "" : rest.substr(path_start);
    while (!pathname_.empty() && pathname_.back() == '/') pathname_.pop_back();
    if (authority.find('@') != std::string::npos) fail("credentials in the URL are not supported");
    std::string port_text;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string::npos) fail("unterminated IPv6 address");
        host_ = authority.substr(1, close - 1);
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') fail("unexpected text after the IPv6 address");
            port_text = authority.substr(close + 2);
        }
    } else {
        const std::size_t colon = authority.rfind(':');
        host_ = authority.substr(0, colon);
        if (colon != std::string::npos) port_text = authority.substr(colon + 1);
    }
    if (host_.empty()) fail("no host");
    port_ = secure_ ? 443 : 80;
    if (!port_text.empty()) {
        unsigned long value = 0;
        for (const char digit : port_text) {
            if (!std::isdigit(static_cast<unsigned char>(digit))) fail("the port is not a number");
            value = value * 10 + static_cast<unsigned long>(digit - '0');
            if (value > 65535) fail("the port is out of range");
        }
        if (value == 0) fail("the port is out of range");
        port_ = static_cast<std::uint16_t>(value);
    }
}

Url Endpoint::http_url(const std::string& path) const {
    return Url{secure_, host_, port_, pathname_ + path + (query_.empty() ? "" : "?" + query_)};
}

Url Endpoint::websocket_url(const std::string& process_id, const std::string& room_id, const std::string& public_address,
                            const std::vector<std::pair<std::string, std::string>>& parameters) const {
    Url url{secure_, host_, port_, pathname_};
    if (!public_address.empty()) {
        const Endpoint address((secure_ ? "wss://" : "ws://") + public_address);
        url = Url{secure_, address.host_, address.port_, address.pathname_};
    }
    std::string query = query_;
    for (const auto& [name, value] : parameters) query += (query.empty() ? "" : "&") + name + "=" + value;
    url.target += "/" + process_id + "/" + room_id + (query.empty() ? "" : "?" + query);
    return url;
}

std::string encode_path_segment(const std::string& text) {
    std::string result;
    for (const char character : text) {
        const auto byte = static_cast<unsigned char>(character);
        if (std::isalnum(byte) || character == '-' || character == '_' || character == '.' || character == '~') {
            result += character;
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
            result += escaped;
        }
    }
    return result;
}

}  // namespace colyseus
