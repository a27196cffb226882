// Colyseus schema C++ runtime: refs (schema instances and collections) and the type metadata the
// generated classes provide.
#ifndef COLYSEUS_SCHEMA_REF_HPP
#define COLYSEUS_SCHEMA_REF_HPP

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "json.hpp"

namespace colyseus::schema {

class DecodeContext;
class Schema;
struct TypeInfo;

/// The wire type of a field or of a collection's elements; primitive names as in the handshake.
enum class WireType : std::uint8_t {
    string, number, boolean, int8, uint8, int16, uint16, int32, uint32, int64, uint64,
    float32, float64, bigint64, biguint64,
    ref,         ///< a child schema
    array, map, set, collection,
};

/// The handshake name of a wire type (`"number"`, `"ref"`, `"map"`, ...).
constexpr const char* wire_type_name(WireType type) noexcept {
    switch (type) {
        case WireType::string: return "string";
        case WireType::number: return "number";
        case WireType::boolean: return "boolean";
        case WireType::int8: return "int8";
        case WireType::uint8: return "uint8";
        case WireType::int16: return "int16";
        case WireType::uint16: return "uint16";
        case WireType::int32: return "int32";
        case WireType::uint32: return "uint32";
        case WireType::int64: return "int64";
        case WireType::uint64: return "uint64";
        case WireType::float32: return "float32";
        case WireType::float64: return "float64";
        case WireType::bigint64: return "bigint64";
        case WireType::biguint64: return "biguint64";
        case WireType::ref: return "ref";
        case WireType::array: return "array";
        case WireType::map: return "map";
        case WireType::set: return "set";
        case WireType::collection: return "collection";
    }
    return "";
}

/// Returns the metadata of a generated class; a function so that tables may name classes that
/// are declared later.
using TypeInfoAccessor = const TypeInfo& (*)();

/// The metadata of `S`, as a function whose address fits in a constexpr field table even while
/// `S` is still incomplete.
template <class S>
const TypeInfo& type_info_of() { return S::type_info(); }

/// One row of a generated class's field table.
struct FieldInfo {
    /// The wire index (inherited fields first).
    int index;
    const char* name;
    /// A primitive, `ref` for a child schema, or a collection kind.
    WireType type;
    /// For collections, the element type (a primitive or `ref`); otherwise the same as `type`.
    WireType element_type;
    /// The child schema of a `ref` field or of a collection of schemas; `nullptr` otherwise.
    TypeInfoAccessor child_type;

    /// The field type as the reflection handshake spells it, without the referenced type id:
    /// `"number"`, `"ref"`, `"map"` (of schemas) or `"array:string"` (of primitives).
    std::string handshake_type() const {
        if (type == WireType::array || type == WireType::map || type == WireType::set || type == WireType::collection) {
            return element_type == WireType::ref
                ? std::string(wire_type_name(type))
                : std::string(wire_type_name(type)) + ":" + wire_type_name(element_type);
        }
        return wire_type_name(type);
    }
};

/// The metadata of a generated schema class: name, parent, own fields, known subclasses and a factory.
struct TypeInfo {
    const char* name;
    /// The parent class, or `nullptr`.
    TypeInfoAccessor parent;
    /// The index of the first own field, which is the number of inherited fields.
    int first_field_index;
    const FieldInfo* own_fields;
    std::size_t own_field_count;
    /// The direct subclasses, in declaration order (they take part in type-id discovery, §8.15).
    const TypeInfoAccessor* subclasses;
    std::size_t subclass_count;
    /// Creates an instance with the declared defaults.
    std::shared_ptr<Schema> (*create)();

    /// The number of fields, inherited ones included.
    int field_count() const noexcept { return first_field_index + static_cast<int>(own_field_count); }

    /// Whether this class is `other` or one of its subclasses.
    bool is_same_or_subclass_of(const TypeInfo& other) const noexcept {
        for (const TypeInfo* current = this; current != nullptr;
             current = current->parent != nullptr ? &current->parent() : nullptr) {
            if (current == &other) return true;
        }
        return false;
    }
};

/// Creates a default instance of `S` behind the `TypeInfo::create` pointer.
template <class S>
std::shared_ptr<Schema> create_instance() { return std::make_shared<S>(); }

/// Anything that has a refId on the wire: schema instances and collections.
///
/// The decoder owns refs through `std::shared_ptr`; an instance referenced from several places of
/// the state (§8.1) is one object with several owners.
class Ref {
public:
    Ref() = default;
    Ref(const Ref&) = delete;
    Ref& operator=(const Ref&) = delete;
    virtual ~Ref() = default;

    /// The refId the decoder registered this ref under, or -1.
    long long ref_id() const noexcept { return ref_id_; }

    /// The ref as JSON, following the reference vectors' conventions.
    std::string to_json() const {
        JsonWriter out;
        write_json(out);
        return out.text();
    }

    /// Writes the ref as a JSON value.
    virtual void write_json(JsonWriter& out) const = 0;
    /// A readable name of the ref's type, for errors.
    virtual std::string type_description() const = 0;

protected:
    friend class DecodeContext;
    friend class ReferenceTracker;
    friend class DecoderCore;

    /// Applies one operation of the current section.
    virtual void decode_operation(DecodeContext& context) = 0;
    /// Called when the decoder leaves this ref's section (arrays compact their holes).
    virtual void finish_section() {}
    /// Calls `visit` for every ref this ref holds (for garbage collection).
    virtual void for_each_child(const std::function<void(Ref&)>& visit) const = 0;

private:
    long long ref_id_ = -1;
};

/// The base of every generated schema class.
class Schema : public Ref {
public:
    /// The metadata of the instance's dynamic class.
    virtual const TypeInfo& schema_type() const = 0;

    std::string type_description() const override { return schema_type().name; }

    void write_json(JsonWriter& out) const override {
        out.begin_object();
        write_json_fields(out);
        out.end_object();
    }

protected:
    /// Applies one field operation: generated as a switch on the field index.
    virtual void decode_field(int index, std::uint8_t op, DecodeContext& context) = 0;
    /// Writes the fields that have a value as JSON object members.
    virtual void write_json_fields(JsonWriter& out) const = 0;

    void decode_operation(DecodeContext& context) override;
    void for_each_child(const std::function<void(Ref&)>&) const override {}

    /// Whether field `index` has had a value from the wire (decides "first value" change reports).
    bool has_decoded(int index) const noexcept { return (decoded_fields_ >> index) & 1U; }

private:
    std::uint64_t decoded_fields_ = 0;
};

}  // namespace colyseus::schema

#endif
