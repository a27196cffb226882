// The default transport: HTTP and WebSockets with Boost.Beast on one network thread, TLS with OpenSSL.
#include "colyseus/client/transport.hpp"

#include <chrono>
#include <deque>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <type_traits>

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace colyseus {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

/// Something the transport ends when it is destroyed (run on the network thread).
class Stoppable {
public:
    virtual ~Stoppable() = default;
    virtual void stop() = 0;
};

/// What every exchange and connection of one transport shares. Owned by the transport; exchanges hold a
/// reference, because the transport outlives them (it ends them before it goes).
struct Network {
    net::io_context io;
    ssl::context tls{ssl::context::tls_client};
    BeastTransportOptions options;
    std::mutex mutex;
    std::vector<std::weak_ptr<Stoppable>> live;

    std::chrono::milliseconds timeout() const { return std::chrono::milliseconds(options.timeout_ms); }

    void track(const std::shared_ptr<Stoppable>& item) {
        std::lock_guard<std::mutex> lock(mutex);
        live.erase(std::remove_if(live.begin(), live.end(), [](const auto& entry) { return entry.expired(); }), live.end());
        live.push_back(item);
    }
};

template <bool Secure>
using Stream = std::conditional_t<Secure, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

/// Sets SNI and the name (or address) the certificate must carry.
template <class SslStream>
beast::error_code prepare_tls(SslStream& stream, const std::string& host) {
    beast::error_code error;
    const auto address = net::ip::make_address(host, error);
    X509_VERIFY_PARAM* parameters = SSL_get0_param(stream.native_handle());
    if (error) {
        if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()) || !X509_VERIFY_PARAM_set1_host(parameters, host.c_str(), 0)) {
            return beast::error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category());
        }
    } else if (!X509_VERIFY_PARAM_set1_ip_asc(parameters, address.to_string().c_str())) {
        return beast::error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category());
    }
    return {};
}

/// One HTTP request and its answer, on a connection of its own.
template <bool Secure>
class HttpExchange final : public Stoppable, public std::enable_shared_from_this<HttpExchange<Secure>> {
public:
    HttpExchange(Network& network, HttpRequest request, HttpCallback done)
        : network_(network), resolver_(network.io), stream_(make_stream(network)), request_(std::move(request)), done_(std::move(done)) {}

    void start() {
        http_.method_string(request_.method);
        http_.target(request_.url.target);
        http_.version(11);
        http_.set(http::field::host, request_.url.host_header());
        http_.set(http::field::user_agent, "colyseus-cpp");
        for (const auto& [name, value] : request_.headers) http_.set(name, value);
        if (request_.method != "GET") {
            http_.body() = request_.body;
            http_.prepare_payload();
        }
        resolver_.async_resolve(request_.url.host, std::to_string(request_.url.port),
                                [self = this->shared_from_this()](beast::error_code error, tcp::resolver::results_type endpoints) {
                                    if (error) return self->fail(error);
                                    self->connect(endpoints);
                                });
    }

    void stop() override {
        resolver_.cancel();
        beast::get_lowest_layer(stream_).close();
    }

private:
    static Stream<Secure> make_stream(Network& network) {
        if constexpr (Secure) {
            return Stream<Secure>(network.io, network.tls);
        } else {
            return Stream<Secure>(network.io);
        }
    }

    void connect(const tcp::resolver::results_type& endpoints) {
        beast::get_lowest_layer(stream_).expires_after(network_.timeout());
        beast::get_lowest_layer(stream_).async_connect(endpoints, [self = this->shared_from_this()](beast::error_code error, const tcp::endpoint&) {
            if (error) return self->fail(error);
            if constexpr (Secure) {
                if (const auto tls_error = prepare_tls(self->stream_, self->request_.url.host)) return self->fail(tls_error);
                self->stream_.async_handshake(ssl::stream_base::client, [self](beast::error_code handshake_error) {
                    if (handshake_error) return self->fail(handshake_error);
                    self->write();
                });
            } else {
                self->write();
            }
        });
    }

    void write() {
        http::async_write(stream_, http_, [self = this->shared_from_this()](beast::error_code error, std::size_t) {
            if (error) return self->fail(error);
            http::async_read(self->stream_, self->buffer_, self->response_, [self](beast::error_code read_error, std::size_t) {
                if (read_error) return self->fail(read_error);
                self->finish();
            });
        });
    }

    void finish() {
        HttpResponse response{static_cast<int>(response_.result_int()), std::string(response_.reason()), std::move(response_.body())};
        beast::get_lowest_layer(stream_).close();
        if (auto done = std::exchange(done_, nullptr)) done("", std::move(response));
    }

    void fail(const beast::error_code& error) {
        beast::get_lowest_layer(stream_).close();
        if (auto done = std::exchange(done_, nullptr)) done(error.message(), HttpResponse{});
    }

    Network& network_;
    tcp::resolver resolver_;
    Stream<Secure> stream_;
    HttpRequest request_;
    HttpCallback done_;
    http::request<http::string_body> http_;
    http::response<http::string_body> response_;
    beast::flat_buffer buffer_;
};

/// A WebSocket: connect, TLS and WebSocket handshakes, a read loop, and a queue of outgoing messages.
/// Everything but the public methods runs on the network thread; the public methods post to it.
template <bool Secure>
class Connection final : public WebSocket, public Stoppable, public std::enable_shared_from_this<Connection<Secure>> {
public:
    Connection(Network& network, Url url, WebSocketHandlers handlers)
        : network_(network), resolver_(network.io), socket_(make_socket(network)), url_(std::move(url)), handlers_(std::move(handlers)) {}

    void start() {
        resolver_.async_resolve(url_.host, std::to_string(url_.port),
                                [self = this->shared_from_this()](beast::error_code error, tcp::resolver::results_type endpoints) {
                                    if (error) return self->end(error);
                                    self->connect(endpoints);
                                });
    }

    void send(std::vector<std::uint8_t> message) override {
        net::post(network_.io, [self = this->shared_from_this(), message = std::move(message)]() mutable {
            if (self->ended_ || self->closing_) return;
            self->outbox_.push_back(std::move(message));
            if (self->open_ && !self->writing_) self->write_next();
        });
    }

    void close(int code, const std::string& reason) override {
        net::post(network_.io, [self = this->shared_from_this(), code, reason] {
            if (self->ended_ || self->closing_) return;
            self->closing_ = true;
            self->close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(code), reason);
            if (!self->open_) return self->stop();
            if (!self->writing_) self->send_close();
        });
    }

    void drop() override {
        net::post(network_.io, [self = this->shared_from_this()] { self->stop(); });
    }

    void stop() override {
        resolver_.cancel();
        beast::get_lowest_layer(socket_).close();
    }

private:
    using Socket = websocket::stream<Stream<Secure>>;

    static Socket make_socket(Network& network) {
        if constexpr (Secure) {
            return Socket(network.io, network.tls);
        } else {
            return Socket(network.io);
        }
    }

    void connect(const tcp::resolver::results_type& endpoints) {
        beast::get_lowest_layer(socket_).expires_after(network_.timeout());
        beast::get_lowest_layer(socket_).async_connect(endpoints, [self = this->shared_from_this()](beast::error_code error, const tcp::endpoint&) {
            if (error) return self->end(error);
            if constexpr (Secure) {
                if (const auto tls_error = prepare_tls(self->socket_.next_layer(), self->url_.host)) return self->end(tls_error);
                self->socket_.next_layer().async_handshake(ssl::stream_base::client, [self](beast::error_code handshake_error) {
                    if (handshake_error) return self->end(handshake_error);
                    self->handshake();
                });
            } else {
                self->handshake();
            }
        });
    }

    void handshake() {
        beast::get_lowest_layer(socket_).expires_never();
        websocket::stream_base::timeout timeouts = websocket::stream_base::timeout::suggested(beast::role_type::client);
        timeouts.handshake_timeout = network_.timeout();
        socket_.set_option(timeouts);
        socket_.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
            request.set(http::field::user_agent, "colyseus-cpp");
        }));
        socket_.read_message_max(network_.options.max_message_size);
        socket_.binary(true);
        socket_.async_handshake(url_.host_header(), url_.target, [self = this->shared_from_this()](beast::error_code error) {
            if (error) return self->end(error);
            self->open_ = true;
            if (self->handlers_.on_open) self->handlers_.on_open();
            if (self->closing_) {
                self->send_close();
            } else if (!self->outbox_.empty()) {
                self->write_next();
            }
            self->read();
        });
    }

    void read() {
        socket_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code error, std::size_t) {
            // Our own closing handshake aborts the read: its completion reports the end.
            if (error == net::error::operation_aborted && self->closing_) return;
            if (error) return self->end(error);
            const auto data = self->buffer_.data();
            std::vector<std::uint8_t> message(static_cast<const std::uint8_t*>(data.data()), static_cast<const std::uint8_t*>(data.data()) + data.size());
            self->buffer_.consume(self->buffer_.size());
            if (self->handlers_.on_message) self->handlers_.on_message(std::move(message));
            self->read();
        });
    }

    void write_next() {
        writing_ = true;
        socket_.async_write(net::buffer(outbox_.front()), [self = this->shared_from_this()](beast::error_code error, std::size_t) {
            self->writing_ = false;
            if (error) return self->end(error);
            self->outbox_.pop_front();
            if (self->closing_) return self->send_close();
            if (!self->outbox_.empty()) self->write_next();
        });
    }

    void send_close() {
        socket_.async_close(close_reason_, [self = this->shared_from_this()](beast::error_code error) {
            self->end(error ? error : beast::error_code(websocket::error::closed));
        });
    }

    /// Reports the end once: the server's close code and reason, or 1006 with what went wrong.
    void end(const beast::error_code& error) {
        if (ended_) return;
        ended_ = true;
        int code = 1006;
        std::string reason = error.message();
        if (error == websocket::error::closed) {
            code = socket_.reason().code == websocket::close_code::none ? 1005 : static_cast<int>(socket_.reason().code);
            reason = std::string(socket_.reason().reason.c_str());
        } else if (!open_) {
            reason = "cannot connect to " + url_.host_header() + ": " + error.message();
        }
        outbox_.clear();
        auto handlers = std::exchange(handlers_, WebSocketHandlers{});
        beast::get_lowest_layer(socket_).close();
        if (handlers.on_close) handlers.on_close(code, reason);
    }

    Network& network_;
    tcp::resolver resolver_;
    Socket socket_;
    Url url_;
    WebSocketHandlers handlers_;
    beast::flat_buffer buffer_;
    std::deque<std::vector<std::uint8_t>> outbox_;
    websocket::close_reason close_reason_;
    bool open_ = false;
    bool writing_ = false;
    bool closing_ = false;
    bool ended_ = false;
};

class BeastTransport final : public Transport {
public:
    explicit BeastTransport(const BeastTransportOptions& options) {
        network_.options = options;
        beast::error_code error;
        network_.tls.set_default_verify_paths(error);
        if (!options.tls.ca_file.empty()) {
            network_.tls.load_verify_file(options.tls.ca_file, error);
            if (error) throw std::runtime_error("cannot read the certificates of " + options.tls.ca_file + ": " + error.message());
        }
        network_.tls.set_verify_mode(options.tls.verify_peer ? ssl::verify_peer : ssl::verify_none);
        thread_ = std::thread([this, done = std::move(done_promise_)]() mutable {
            network_.io.run();
            done.set_value();
        });
    }

    ~BeastTransport() override {
        // End every exchange and connection, let their handlers run out, then stop.
        net::post(network_.io, [this] {
            std::lock_guard<std::mutex> lock(network_.mutex);
            for (const auto& entry : network_.live) {
                if (const auto item = entry.lock()) item->stop();
            }
        });
        work_.reset();
        if (finished_.wait_for(std::chrono::seconds(2)) != std::future_status::ready) network_.io.stop();
        thread_.join();
    }

    void request(HttpRequest request, HttpCallback done) override {
        if (request.url.secure) {
            start(std::make_shared<HttpExchange<true>>(network_, std::move(request), std::move(done)));
        } else {
            start(std::make_shared<HttpExchange<false>>(network_, std::move(request), std::move(done)));
        }
    }

    std::shared_ptr<WebSocket> connect(const Url& url, WebSocketHandlers handlers) override {
        if (url.secure) return start(std::make_shared<Connection<true>>(network_, url, std::move(handlers)));
        return start(std::make_shared<Connection<false>>(network_, url, std::move(handlers)));
    }

private:
    template <class Item>
    std::shared_ptr<Item> start(std::shared_ptr<Item> item) {
        network_.track(item);
        net::post(network_.io, [item] { item->start(); });
        return item;
    }

    Network network_;
    net::executor_work_guard<net::io_context::executor_type> work_ = net::make_work_guard(network_.io);
    std::promise<void> done_promise_;
    std::future<void> finished_ = done_promise_.get_future();
    std::thread thread_;
};

}  // namespace

std::shared_ptr<Transport> make_beast_transport(const BeastTransportOptions& options) {
    return std::make_shared<BeastTransport>(options);
}

}  // namespace colyseus
