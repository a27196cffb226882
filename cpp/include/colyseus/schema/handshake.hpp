// Colyseus schema C++ runtime: checks a reflection handshake (PROTOCOL.md §9) against the generated classes.
#ifndef COLYSEUS_SCHEMA_HANDSHAKE_HPP
#define COLYSEUS_SCHEMA_HANDSHAKE_HPP

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "decoder.hpp"
#include "reflection/Reflection.schema.hpp"

namespace colyseus::schema {

/// The server's handshake describes other classes than the generated ones.
class HandshakeMismatch : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Decodes a handshake and checks that it lists exactly the classes of `types`, with the same type ids,
/// parents and own fields (names, wire types and referenced classes, in index order).
///
/// Throws `DecodeError` when the bytes are no handshake and `HandshakeMismatch` naming the first difference.
inline void check_handshake(const TypeContext& types, const std::uint8_t* data, std::size_t size) {
    Decoder<reflection::Reflection> decoder;
    decoder.decode(data, size);
    const reflection::Reflection& reflected = *decoder.state();
    auto fail = [](const std::string& message) { throw HandshakeMismatch("handshake does not match the generated classes: " + message); };
    auto integer = [](const std::optional<double>& value) { return value && std::floor(*value) == *value ? static_cast<long long>(*value) : -1; };

    if (reflected.types->size() != types.types().size()) {
        fail("the server has " + std::to_string(reflected.types->size()) + " classes, the client " + std::to_string(types.types().size()));
    }
    for (const auto& reflected_type : *reflected.types) {
        const long long id = integer(reflected_type->id);
        const TypeInfo* local = id >= 0 ? types.type(static_cast<std::size_t>(id)) : nullptr;
        if (local == nullptr) fail("the server's type id " + std::to_string(id) + " is unknown");
        const std::string name = local->name;
        const long long local_parent = local->parent != nullptr ? types.id(local->parent()) : -1;
        if (integer(reflected_type->extendsId) != local_parent) fail(name + " has another parent on the server");
        const auto& fields = reflected_type->fields_->items();
        if (fields.size() != local->own_field_count) {
            fail(name + " has " + std::to_string(fields.size()) + " own fields on the server, " + std::to_string(local->own_field_count) + " here");
        }
        for (std::size_t position = 0; position < fields.size(); ++position) {
            const FieldInfo& field = local->own_fields[position];
            const reflection::ReflectionField& server = *fields[position];
            const std::string where = name + "." + field.name;
            if (server.name.value_or("") != field.name) fail(where + " is called " + server.name.value_or("") + " on the server");
            if (server.type.value_or("") != field.handshake_type()) fail(where + " is a " + server.type.value_or("") + " on the server, a " + field.handshake_type() + " here");
            if (field.child_type != nullptr && integer(server.referencedType) != types.id(field.child_type())) {
                fail(where + " refers to another class on the server");
            }
        }
    }
    if (integer(reflected.rootType) > 0) fail("the server's root class has type id " + std::to_string(integer(reflected.rootType)));
}

template <class State>
void Decoder<State>::check_handshake(const std::vector<std::uint8_t>& bytes) const {
    schema::check_handshake(types(), bytes.data(), bytes.size());
}

}  // namespace colyseus::schema

#endif
