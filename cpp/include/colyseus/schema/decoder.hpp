// Colyseus schema C++ runtime: applies full states and patches to a state of generated classes.
#ifndef COLYSEUS_SCHEMA_DECODER_HPP
#define COLYSEUS_SCHEMA_DECODER_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "context.hpp"

namespace colyseus::schema {

/// The state-independent part of `Decoder`: sections, refIds, and garbage collection (§8.8, §8.14).
class DecoderCore {
public:
    DecoderCore(std::shared_ptr<Schema> root, const TypeInfo& root_type) : root_(std::move(root)), types_(root_type) {
        tracker_.add(root_, 0, true);
    }

    /// The type ids of the state's classes (§8.15).
    const TypeContext& types() const noexcept { return types_; }
    /// The number of refs the decoder holds.
    std::size_t ref_count() const noexcept { return tracker_.size(); }
    /// The ref registered under `ref_id`, if any.
    std::shared_ptr<Ref> ref(long long ref_id) const { return tracker_.get(ref_id); }

    /// Applies one state message (the ROOM_STATE or ROOM_STATE_PATCH payload after the protocol byte)
    /// and returns the changes in the order they were applied. Throws `DecodeError`; after an error
    /// the state may be partly updated, but stays consistent enough for the next message.
    std::vector<DataChange> decode(const std::uint8_t* data, std::size_t size) {
        DecodeContext context(ByteReader(data, size), tracker_, types_);
        std::shared_ptr<Ref> current = root_;
        ByteReader& reader = context.reader();
        try {
            while (!reader.at_end()) {
                if (reader.peek() == operation::switch_to_structure) {
                    const std::size_t start = reader.offset();
                    reader.byte();
                    current->finish_section();
                    const auto ref_id = static_cast<long long>(reader.index());
                    std::shared_ptr<Ref> next = tracker_.get(ref_id);
                    if (!next) throw DecodeError("unknown refId " + std::to_string(ref_id), start);
                    current = std::move(next);
                    context.current_ref_id_ = ref_id;
                    continue;
                }
                current->decode_operation(context);
            }
        } catch (...) {
            current->finish_section();  // an array must not keep the holes of a section it never finished
            throw;
        }
        current->finish_section();
        tracker_.collect_garbage();
        return std::move(context.changes());
    }

    std::vector<DataChange> decode(const std::vector<std::uint8_t>& bytes) { return decode(bytes.data(), bytes.size()); }

private:
    std::shared_ptr<Schema> root_;
    TypeContext types_;
    ReferenceTracker tracker_;
};

/// The client side of a room's state: a `State` of generated classes and the decoder that applies
/// the server's messages to it.
///
/// ```cpp
/// colyseus::schema::Decoder<MyRoomState> decoder;
/// decoder.check_handshake(handshake_bytes);          // optional: throws HandshakeMismatch
/// auto changes = decoder.decode(bytes, size);         // ROOM_STATE, then each ROOM_STATE_PATCH
/// decoder.state()->players->for_each([](const std::string& key, const std::shared_ptr<Player>& player) {});
/// ```
template <class State>
class Decoder : public DecoderCore {
public:
    Decoder() : Decoder(std::make_shared<State>()) {}
    explicit Decoder(std::shared_ptr<State> state) : DecoderCore(state, State::type_info()), state_(std::move(state)) {}

    /// The decoded state (refId 0).
    const std::shared_ptr<State>& state() const noexcept { return state_; }

    /// Checks that a reflection handshake (§9) describes the generated classes; see `check_handshake`.
    void check_handshake(const std::vector<std::uint8_t>& bytes) const;

private:
    std::shared_ptr<State> state_;
};

}  // namespace colyseus::schema

#endif
