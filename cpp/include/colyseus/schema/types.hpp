// Colyseus schema C++ runtime: the element types of collections and the wire types of fields.
//
// Each tag names a wire type and knows its C++ value type, how to read it and how to write it as
// JSON: `type::number` holds a `double` sent in the compact number encoding, `type::float64` a
// `double` sent as 8 bytes, `type::ref<Player>` a `std::shared_ptr<Player>`.
#ifndef COLYSEUS_SCHEMA_TYPES_HPP
#define COLYSEUS_SCHEMA_TYPES_HPP

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "context.hpp"

namespace colyseus::schema::type {

/// Defines the tag of one primitive wire type.
#define COLYSEUS_SCHEMA_PRIMITIVE(NAME, VALUE, READ, JSON)                                               \
    struct NAME {                                                                                        \
        using value_type = VALUE;                                                                        \
        static constexpr WireType wire = WireType::NAME;                                                 \
        static value_type read(ByteReader& reader) { return reader.READ(); }                             \
        static value_type read_item(DecodeContext& context, std::uint8_t, const value_type*) {           \
            return read(context.reader());                                                               \
        }                                                                                                \
        static void release(DecodeContext&, const value_type&) {}                                        \
        static void visit_ref(const value_type&, const std::function<void(Ref&)>&) {}                    \
        static bool same(const value_type& left, const value_type& right) { return left == right; }      \
        static void write_json(JsonWriter& out, const value_type& value) { JSON; }                       \
    };

COLYSEUS_SCHEMA_PRIMITIVE(string, std::string, string, out.value(value))
COLYSEUS_SCHEMA_PRIMITIVE(number, double, number, out.value(value))
COLYSEUS_SCHEMA_PRIMITIVE(boolean, bool, boolean, out.value(value))
COLYSEUS_SCHEMA_PRIMITIVE(int8, std::int8_t, int8, out.value(static_cast<std::int64_t>(value)))
COLYSEUS_SCHEMA_PRIMITIVE(uint8, std::uint8_t, uint8, out.value(static_cast<std::int64_t>(value)))
COLYSEUS_SCHEMA_PRIMITIVE(int16, std::int16_t, int16, out.value(static_cast<std::int64_t>(value)))
COLYSEUS_SCHEMA_PRIMITIVE(uint16, std::uint16_t, uint16, out.value(static_cast<std::int64_t>(value)))
COLYSEUS_SCHEMA_PRIMITIVE(int32, std::int32_t, int32, out.value(static_cast<std::int64_t>(value)))
COLYSEUS_SCHEMA_PRIMITIVE(uint32, std::uint32_t, uint32, out.value(static_cast<std::int64_t>(value)))
COLYSEUS_SCHEMA_PRIMITIVE(int64, std::int64_t, int64, out.value(value))
COLYSEUS_SCHEMA_PRIMITIVE(uint64, std::uint64_t, uint64, out.value(value))
COLYSEUS_SCHEMA_PRIMITIVE(float32, float, float32, out.value(static_cast<double>(value)))
COLYSEUS_SCHEMA_PRIMITIVE(float64, double, float64, out.value(value))
COLYSEUS_SCHEMA_PRIMITIVE(bigint64, std::int64_t, int64, out.bigint(value))
COLYSEUS_SCHEMA_PRIMITIVE(biguint64, std::uint64_t, uint64, out.bigint(value))

#undef COLYSEUS_SCHEMA_PRIMITIVE

/// A child schema of class `S` (or a subclass), shared by every place of the state that holds it.
template <class S>
struct ref {
    using value_type = std::shared_ptr<S>;
    static constexpr WireType wire = WireType::ref;
    static value_type read_item(DecodeContext& context, std::uint8_t op, const value_type* previous) {
        const std::size_t start = context.reader().offset();
        value_type item = context.child_item<S>(op, previous != nullptr ? *previous : nullptr);
        if (!item) throw DecodeError("a collection item operation without a refId", start);
        return item;
    }
    static void release(DecodeContext& context, const value_type& value) {
        if (value && value->ref_id() >= 0) context.tracker().release(value->ref_id());
    }
    static void visit_ref(const value_type& value, const std::function<void(Ref&)>& visit) {
        if (value) visit(*value);
    }
    static bool same(const value_type& left, const value_type& right) { return left == right; }
    static void write_json(JsonWriter& out, const value_type& value) { value->write_json(out); }
};

}  // namespace colyseus::schema::type

#endif
