// Colyseus C++ client: a joined room with its typed state.
#ifndef COLYSEUS_CLIENT_ROOM_HPP
#define COLYSEUS_CLIENT_ROOM_HPP

#include <memory>
#include <utility>

#include "../schema.hpp"
#include "room_base.hpp"

namespace colyseus {

/// A joined room whose state is a `State` of generated classes (`schema-codegen --cpp-out`), kept in sync
/// with the server: `state()` after every full state and patch, `onStateChange`, and the schema callbacks
/// of `callbacks()`. A reconnection rebuilds the state from the server's full state: `state()` is then a new
/// object, and `callbacks()` moves its root registrations to it.
template <class State>
class Room final : public RoomBase {
public:
    explicit Room(RoomContext context)
        : RoomBase(std::move(context)), decoder_(std::make_unique<schema::Decoder<State>>()), callbacks_(decoder_->state()) {}

    /// The room's state (the generated constructor's defaults until the first state arrives).
    const std::shared_ptr<State>& state() const noexcept { return decoder_->state(); }

    /// `listen`, `onAdd` and `onRemove` on the state's fields and collections.
    schema::StateCallbacks<State>& callbacks() noexcept { return callbacks_; }

    /// After every full state and patch: the state and whether it is the first state of the session (or
    /// the first after a reconnection rebuilt it). Handlers take `(State* state)` or `(state, isFirstState)`.
    Signal<State*, bool> onStateChange;

    void removeAllListeners() override {
        RoomBase::removeAllListeners();
        onStateChange = nullptr;
    }

protected:
    void check_handshake(const std::uint8_t* data, std::size_t size) override {
        schema::check_handshake(decoder_->types(), data, size);
    }

    void apply_state(const std::uint8_t* data, std::size_t size, bool full, bool rebuild, bool first) override {
        if (full && rebuild) {
            auto fresh = std::make_unique<schema::Decoder<State>>();
            fresh->decode(data, size);
            decoder_ = std::move(fresh);
            callbacks_.rebuild(decoder_->state());
        } else {
            callbacks_.dispatch(*decoder_, decoder_->decode(data, size));
        }
        onStateChange.emit(decoder_->state().get(), first);
    }

private:
    std::unique_ptr<schema::Decoder<State>> decoder_;
    schema::StateCallbacks<State> callbacks_;
};

}  // namespace colyseus

#endif
