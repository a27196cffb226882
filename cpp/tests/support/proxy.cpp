#include "support/proxy.hpp"

#include <array>
#include <future>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

namespace test {

namespace {

namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

class Link {
public:
    virtual ~Link() = default;
    virtual void close() = 0;
};

/// One client connection and its connection to the target, copying bytes both ways.
template <bool Secure>
class Pipe final : public Link, public std::enable_shared_from_this<Pipe<Secure>> {
public:
    using ClientStream = std::conditional_t<Secure, ssl::stream<tcp::socket>, tcp::socket>;

    Pipe(tcp::socket client, ssl::context* tls, net::io_context& io) : client_(make(std::move(client), tls)), server_(io) {}

    void start(std::uint16_t target_port) {
        auto self = this->shared_from_this();
        const auto connect = [self, target_port] {
            self->server_.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), target_port), [self](boost::system::error_code error) {
                if (error) return self->close();
                self->pump(self->client_, self->server_, self->upstream_);
                self->pump(self->server_, self->client_, self->downstream_);
            });
        };
        if constexpr (Secure) {
            client_.async_handshake(ssl::stream_base::server, [self, connect](boost::system::error_code error) {
                if (error) return self->close();
                connect();
            });
        } else {
            connect();
        }
    }

    void close() override {
        boost::system::error_code ignored;
        lowest(client_).close(ignored);
        server_.close(ignored);
    }

private:
    static ClientStream make(tcp::socket socket, ssl::context* tls) {
        if constexpr (Secure) {
            return ClientStream(std::move(socket), *tls);
        } else {
            (void)tls;
            return socket;
        }
    }

    static tcp::socket& lowest(ClientStream& stream) {
        if constexpr (Secure) {
            return stream.next_layer();
        } else {
            return stream;
        }
    }

    template <class From, class To>
    void pump(From& from, To& to, std::array<char, 16384>& buffer) {
        from.async_read_some(net::buffer(buffer), [self = this->shared_from_this(), &from, &to, &buffer](boost::system::error_code error, std::size_t size) {
            if (error) return self->close();
            net::async_write(to, net::buffer(buffer.data(), size), [self, &from, &to, &buffer](boost::system::error_code write_error, std::size_t) {
                if (write_error) return self->close();
                self->pump(from, to, buffer);
            });
        });
    }

    ClientStream client_;
    tcp::socket server_;
    std::array<char, 16384> upstream_{};
    std::array<char, 16384> downstream_{};
};

}  // namespace

struct Proxy::State {
    net::io_context io;
    tcp::acceptor acceptor{io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)};
    std::unique_ptr<ssl::context> tls;
    std::uint16_t target_port = 0;
    std::mutex mutex;
    std::vector<std::weak_ptr<Link>> links;
    std::thread thread;

    void accept() {
        acceptor.async_accept([this](boost::system::error_code error, tcp::socket socket) {
            if (error) return;
            std::shared_ptr<Link> link;
            if (tls) {
                auto pipe = std::make_shared<Pipe<true>>(std::move(socket), tls.get(), io);
                pipe->start(target_port);
                link = pipe;
            } else {
                auto pipe = std::make_shared<Pipe<false>>(std::move(socket), nullptr, io);
                pipe->start(target_port);
                link = pipe;
            }
            {
                std::lock_guard<std::mutex> lock(mutex);
                links.push_back(link);
            }
            accept();
        });
    }

    /// Closes every link on the proxy's thread and waits until that is done.
    void close_links() {
        std::promise<void> done;
        net::post(io, [this, &done] {
            std::lock_guard<std::mutex> lock(mutex);
            for (const auto& entry : links) {
                if (const auto link = entry.lock()) link->close();
            }
            links.clear();
            done.set_value();
        });
        done.get_future().wait();
    }
};

Proxy::Proxy(std::uint16_t target_port, const std::string& certificate, const std::string& key) : state_(std::make_unique<State>()) {
    state_->target_port = target_port;
    if (!certificate.empty()) {
        state_->tls = std::make_unique<ssl::context>(ssl::context::tls_server);
        state_->tls->use_certificate_chain_file(certificate);
        state_->tls->use_private_key_file(key, ssl::context::pem);
    }
    state_->accept();
    state_->thread = std::thread([state = state_.get()] { state->io.run(); });
}

Proxy::~Proxy() {
    state_->close_links();  // while the pending accept keeps the proxy's thread running
    state_->io.stop();
    state_->thread.join();
}

std::uint16_t Proxy::port() const { return state_->acceptor.local_endpoint().port(); }

void Proxy::cut() { state_->close_links(); }

}  // namespace test
