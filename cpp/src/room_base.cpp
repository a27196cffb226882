#include "colyseus/client/room_base.hpp"

#include <algorithm>
#include <exception>

#include "client_core.hpp"

namespace colyseus {

RoomBase::RoomBase(RoomContext context) : reconnection(context.reconnection), context_(std::move(context)) {}

RoomBase::~RoomBase() {
    if (connection_) connection_->drop();
}

// MARK: sending

void RoomBase::send(const MessageType& type, const nlohmann::json& value) {
    std::vector<std::uint8_t> frame = protocol::message_header(protocol::code::room_data, type);
    nlohmann::json::to_msgpack(value, frame);
    send_frame(std::move(frame));
}

void RoomBase::send(const MessageType& type) {
    send_frame(protocol::message_header(protocol::code::room_data, type));
}

void RoomBase::sendBytes(const MessageType& type, const std::vector<std::uint8_t>& bytes) {
    std::vector<std::uint8_t> frame = protocol::message_header(protocol::code::room_data_bytes, type);
    frame.insert(frame.end(), bytes.begin(), bytes.end());
    send_frame(std::move(frame));
}

void RoomBase::send_frame(std::vector<std::uint8_t> frame) {
    switch (phase_) {
        case Phase::joined:
            connection_->send(std::move(frame));
            break;
        case Phase::reconnecting:
            if (buffered_.size() == 10) buffered_.pop_front();
            buffered_.push_back(std::move(frame));
            break;
        case Phase::joining:
        case Phase::leaving:
        case Phase::left:
            break;
    }
}

// MARK: listeners

Listener RoomBase::add_message_handler(const MessageType& type, MessageHandler handler) {
    auto registration = std::make_shared<Registration<MessageHandler>>(Registration<MessageHandler>{std::move(handler)});
    message_handlers_[type].push_back(registration);
    return Listener([registration] { registration->removed = true; });
}

Listener RoomBase::add_bytes_handler(const MessageType& type, BytesHandler handler) {
    auto registration = std::make_shared<Registration<BytesHandler>>(Registration<BytesHandler>{std::move(handler)});
    bytes_handlers_[type].push_back(registration);
    return Listener([registration] { registration->removed = true; });
}

void RoomBase::removeAllListeners() {
    for (auto& [type, registrations] : message_handlers_) {
        for (auto& registration : registrations) registration->removed = true;
    }
    for (auto& [type, registrations] : bytes_handlers_) {
        for (auto& registration : registrations) registration->removed = true;
    }
    message_handlers_.clear();
    bytes_handlers_.clear();
    onLeave = nullptr;
    onError = nullptr;
    onDrop = nullptr;
    onReconnect = nullptr;
}

// MARK: the session

void RoomBase::start(std::function<void(const Error&)> joined) {
    work_ = context_.loop->hold_work();
    join_result_ = std::move(joined);
    open(join_url());
}

void RoomBase::abandon() {
    phase_ = Phase::left;
    cancel_timers();
    abandon_connection();
    work_.reset();
}

void RoomBase::leave(bool consented) {
    switch (phase_) {
        case Phase::joining:
        case Phase::leaving:
        case Phase::left:
            return;
        case Phase::reconnecting:
            finish(close_code::consented, "left while reconnecting");
            return;
        case Phase::joined:
            phase_ = Phase::leaving;
            if (consented) {
                connection_->send({protocol::code::leave_room});
            } else {
                connection_->close(0, "");
            }
            // A server that does not close in time: end the session anyway.
            leave_timer_ = context_.loop->schedule(context_.timeout, [weak = weak_from_this()] {
                if (const auto room = weak.lock()) room->finish(close_code::abnormal, "the server did not close the connection in time");
            });
            return;
    }
}

Url RoomBase::join_url() const {
    std::vector<std::pair<std::string, std::string>> query{{"sessionId", context_.seat.sessionId}};
    if (!context_.seat.reconnectionToken.empty()) query.emplace_back("reconnectionToken", context_.seat.reconnectionToken);
    if (!context_.auth_token.empty()) query.emplace_back("_authToken", context_.auth_token);
    return context_.endpoint.websocket_url(context_.seat.processId, context_.seat.roomId, context_.seat.publicAddress, query);
}

Url RoomBase::reconnection_url() const {
    std::vector<std::pair<std::string, std::string>> query{{"sessionId", context_.seat.sessionId}, {"reconnectionToken", token_}};
    if (!context_.auth_token.empty()) query.emplace_back("_authToken", context_.auth_token);
    query.emplace_back("skipHandshake", "true");
    return context_.endpoint.websocket_url(context_.seat.processId, context_.seat.roomId, context_.seat.publicAddress, query);
}

void RoomBase::open(const Url& url) {
    const auto client = context_.client.lock();
    const std::uint64_t generation = ++generation_;
    opened_ = false;
    awaiting_join_ = true;
    refusal_.reset();
    if (!client) {
        context_.loop->post([weak = weak_from_this(), generation] {
            if (const auto room = weak.lock()) room->closed(generation, close_code::abnormal, "the client was destroyed");
        });
        return;
    }
    const std::shared_ptr<EventLoop> loop = context_.loop;
    const std::weak_ptr<RoomBase> weak = weak_from_this();
    WebSocketHandlers handlers;
    handlers.on_open = [loop, weak, generation] {
        loop->post([weak, generation] {
            if (const auto room = weak.lock()) room->connection_opened(generation);
        });
    };
    handlers.on_message = [loop, weak, generation](std::vector<std::uint8_t> message) {
        loop->post([weak, generation, message = std::move(message)] {
            if (const auto room = weak.lock()) room->received(generation, message);
        });
    };
    handlers.on_close = [loop, weak, generation](int code, std::string reason) {
        loop->post([weak, generation, code, reason = std::move(reason)] {
            if (const auto room = weak.lock()) room->closed(generation, code, reason);
        });
    };
    connection_ = client->transport->connect(url, std::move(handlers));
    join_timer_ = loop->schedule(context_.timeout, [weak, generation] {
        if (const auto room = weak.lock()) room->join_timed_out(generation);
    });
}

void RoomBase::abandon_connection() {
    ++generation_;
    if (connection_) connection_->drop();
    connection_.reset();
}

void RoomBase::connection_opened(std::uint64_t generation) {
    if (generation == generation_) opened_ = true;
}

void RoomBase::join_timed_out(std::uint64_t generation) {
    if (generation != generation_ || !awaiting_join_) return;
    refusal_ = Error{error_code::local, "the server did not confirm the join within " + std::to_string(context_.timeout.count()) + " ms"};
    abandon_connection();
    closed(generation_, close_code::abnormal, "");
}

void RoomBase::received(std::uint64_t generation, const std::vector<std::uint8_t>& message) {
    if (generation != generation_) return;
    protocol::ServerFrame frame;
    try {
        frame = protocol::ServerFrame::parse(message);
    } catch (const protocol::FrameError& error) {
        if (!awaiting_join_) onError.emit(error_code::invalid_payload, error.what());
        return;
    }
    if (awaiting_join_) {
        if (frame.kind == protocol::ServerFrame::Kind::error) refusal_ = Error{frame.error_code, frame.error_message};
        if (frame.kind == protocol::ServerFrame::Kind::join_room) joined(frame, message);
        return;
    }
    handle(frame, message);
}

void RoomBase::joined(const protocol::ServerFrame& frame, const std::vector<std::uint8_t>& message) {
    context_.loop->cancel(join_timer_);
    awaiting_join_ = false;
    if (phase_ == Phase::joining) {
        if (frame.serializer == "schema" && frame.payload < message.size()) {
            try {
                check_handshake(message.data() + frame.payload, message.size() - frame.payload);
            } catch (const std::exception& error) {
                connection_->send({protocol::code::leave_room});
                finish_join(Error{error_code::local, std::string("the server's state schema differs from this client's: ") + error.what()});
                return;
            }
        }
        token_ = frame.token;
        reconnection_token_ = id() + ":" + token_;
        phase_ = Phase::joined;
        joined_at_ = EventLoop::Clock::now();
        connection_->send({protocol::code::join_room});
        finish_join(Error{});
        return;
    }
    if (phase_ == Phase::reconnecting) {
        context_.loop->cancel(reconnect_timer_);
        token_ = frame.token;
        reconnection_token_ = id() + ":" + token_;
        phase_ = Phase::joined;
        joined_at_ = EventLoop::Clock::now();
        rebuilds_next_state_ = true;
        connection_->send({protocol::code::join_room});
        for (auto& buffered : buffered_) connection_->send(std::move(buffered));
        buffered_.clear();
        onReconnect.emit();
    }
}

void RoomBase::handle(const protocol::ServerFrame& frame, const std::vector<std::uint8_t>& message) {
    using Kind = protocol::ServerFrame::Kind;
    switch (frame.kind) {
        case Kind::room_state:
        case Kind::room_state_patch: {
            const bool full = frame.kind == Kind::room_state;
            const bool rebuild = full && rebuilds_next_state_;
            const bool first = !has_state_ || rebuild;
            try {
                apply_state(message.data() + frame.payload, message.size() - frame.payload, full, rebuild, first);
            } catch (const std::exception& error) {
                // The state can no longer be trusted: report it and end the session.
                onError.emit(error_code::invalid_payload, std::string("the server's state could not be decoded: ") + error.what());
                if (phase_ == Phase::joined) {
                    phase_ = Phase::leaving;
                    connection_->close(close_code::with_error, "state decoding failed");
                }
                return;
            }
            has_state_ = true;
            if (full) rebuilds_next_state_ = false;
            return;
        }
        case Kind::room_data: {
            msgpack::object_handle payload;
            if (frame.payload < message.size()) {
                try {
                    std::size_t offset = frame.payload;
                    payload = msgpack::unpack(reinterpret_cast<const char*>(message.data()), message.size(), offset);
                    if (offset != message.size()) throw std::runtime_error("bytes follow the payload");
                } catch (const std::exception& error) {
                    onError.emit(error_code::invalid_payload, "the \"" + frame.type.description() + "\" message's payload is not MessagePack: " + error.what());
                    return;
                }
            }
            const auto found = message_handlers_.find(frame.type);
            if (found == message_handlers_.end()) return;
            const auto registrations = found->second;
            for (const auto& registration : registrations) {
                if (!registration->removed) registration->handler(payload.get());
            }
            return;
        }
        case Kind::room_data_bytes: {
            const auto found = bytes_handlers_.find(frame.type);
            if (found == bytes_handlers_.end()) return;
            const std::vector<std::uint8_t> bytes(message.begin() + static_cast<std::ptrdiff_t>(frame.payload), message.end());
            const auto registrations = found->second;
            for (const auto& registration : registrations) {
                if (!registration->removed) registration->handler(bytes);
            }
            return;
        }
        case Kind::error:
            onError.emit(frame.error_code, frame.error_message);
            return;
        case Kind::join_room:
        case Kind::ping:
        case Kind::ignored:
            return;
    }
}

void RoomBase::closed(std::uint64_t generation, int code, const std::string& reason) {
    if (generation != generation_) return;
    context_.loop->cancel(join_timer_);
    connection_.reset();
    if (awaiting_join_) {
        awaiting_join_ = false;
        Error refusal;
        if (refusal_) {
            refusal = *refusal_;
        } else if (opened_) {
            refusal = Error{code, reason.empty() ? "the server closed the connection before the join" : reason};
        } else {
            refusal = Error{error_code::local, "cannot connect to the room: " + (reason.empty() ? std::string("no connection") : reason)};
        }
        if (phase_ == Phase::joining) {
            finish_join(refusal);
        } else if (phase_ == Phase::reconnecting) {
            // The server may not have noticed the drop yet (its onDrop opens the seat): retry until the
            // attempts run out, as the reference SDK does.
            last_refusal_ = std::to_string(refusal.code) + " " + refusal.message;
            schedule_reconnection();
        }
        return;
    }
    switch (phase_) {
        case Phase::joining:
        case Phase::left:
        case Phase::reconnecting:
            return;
        case Phase::leaving:
            finish(code, reason);
            return;
        case Phase::joined:
            if (!ReconnectionPolicy::is_drop(code) || reconnection.max_retries <= 0) {
                finish(code, reason);
                return;
            }
            if (EventLoop::Clock::now() - joined_at_ < reconnection.min_uptime) {
                finish(code, "Room uptime too short for reconnection.");
                return;
            }
            phase_ = Phase::reconnecting;
            attempt_ = 0;
            last_refusal_ = "no answer";
            onDrop.emit(code, reason);
            schedule_reconnection();
            return;
    }
}

void RoomBase::schedule_reconnection() {
    if (phase_ != Phase::reconnecting) return;
    if (attempt_ >= reconnection.max_retries) {
        finish(close_code::failed_to_reconnect,
               "failed to reconnect after " + std::to_string(attempt_) + " attempts (last: " + last_refusal_ + ")");
        return;
    }
    ++attempt_;
    reconnect_timer_ = context_.loop->schedule(reconnection.delay(attempt_), [weak = weak_from_this()] {
        const auto room = weak.lock();
        if (room && room->phase_ == Phase::reconnecting) room->open(room->reconnection_url());
    });
}

void RoomBase::finish_join(const Error& error) {
    auto result = std::move(join_result_);
    join_result_ = nullptr;
    if (error) {
        phase_ = Phase::left;
        abandon_connection();
        cancel_timers();
        if (const auto client = context_.client.lock()) {
            // Released on the next poll: the caller may still be running code of this room.
            context_.loop->post([weak_client = context_.client, self = shared_from_this()] {
                if (const auto owner = weak_client.lock()) owner->forget(self);
            });
        }
        work_.reset();
    }
    if (result) result(error);
}

void RoomBase::finish(int code, const std::string& reason) {
    if (phase_ == Phase::left) return;
    phase_ = Phase::left;
    cancel_timers();
    abandon_connection();
    buffered_.clear();
    onLeave.emit(code, reason);
    context_.loop->post([weak_client = context_.client, self = shared_from_this()] {
        if (const auto owner = weak_client.lock()) owner->forget(self);
    });
    work_.reset();
}

void RoomBase::cancel_timers() {
    for (const std::uint64_t timer : {join_timer_, reconnect_timer_, leave_timer_}) {
        if (timer != 0) context_.loop->cancel(timer);
    }
    join_timer_ = reconnect_timer_ = leave_timer_ = 0;
}

}  // namespace colyseus
