// Colyseus schema C++ runtime: reference tracking, type ids and the context generated decode code uses.
#ifndef COLYSEUS_SCHEMA_CONTEXT_HPP
#define COLYSEUS_SCHEMA_CONTEXT_HPP

#include <any>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ref.hpp"
#include "wire.hpp"

namespace colyseus::schema {

/// One change applied by a decode call, in the order it was applied.
struct DataChange {
    /// The schema or collection that changed; valid while the decoder holds it.
    const Ref* ref = nullptr;
    long long ref_id = -1;
    /// The operation (`operation::add`, `remove`, ...); CLEAR is reported as one `remove` per item.
    std::uint8_t op = 0;
    /// The field of a schema change; `nullptr` for collection items.
    const FieldInfo* field = nullptr;
    /// The key of a map item.
    std::optional<std::string> key;
    /// The position of an array item or the wire index of a set or collection item.
    std::optional<std::size_t> index;
    /// The previous and the new value: the field's C++ type (`std::optional<double>`,
    /// `std::shared_ptr<Player>`, ...) or the item's (`double`, `std::shared_ptr<Player>`); empty when absent.
    std::any previous;
    std::any value;
};

/// The decoder-side table of refs: refId -> instance, with reference counts and end-of-message
/// garbage collection of refs nothing points to any more (§8.14).
class ReferenceTracker {
public:
    std::shared_ptr<Ref> get(long long ref_id) const {
        const auto found = entries_.find(ref_id);
        return found == entries_.end() ? nullptr : found->second.ref;
    }

    /// Registers `ref` under `ref_id`; counts one more reference when `counting`.
    void add(const std::shared_ptr<Ref>& ref, long long ref_id, bool counting) {
        ref->ref_id_ = ref_id;
        Entry& entry = entries_[ref_id];
        entry.ref = ref;
        if (counting) ++entry.count;
    }

    /// Drops one reference to `ref_id`.
    void release(long long ref_id) {
        const auto found = entries_.find(ref_id);
        if (found == entries_.end() || found->second.count <= 0) return;
        if (--found->second.count == 0) released_.push_back(ref_id);
    }

    /// Forgets refs whose count is still zero at the end of a message, and the children they held.
    void collect_garbage() {
        for (std::size_t position = 0; position < released_.size(); ++position) {
            const auto found = entries_.find(released_[position]);
            if (found == entries_.end() || found->second.count > 0) continue;
            const std::shared_ptr<Ref> ref = found->second.ref;
            entries_.erase(found);
            ref->for_each_child([this](Ref& child) {
                if (child.ref_id() >= 0 && get(child.ref_id()).get() == &child) release(child.ref_id());
            });
        }
        released_.clear();
    }

    /// The number of live refs.
    std::size_t size() const noexcept { return entries_.size(); }

private:
    struct Entry {
        std::shared_ptr<Ref> ref;
        long long count = 0;
    };
    std::unordered_map<long long, Entry> entries_;
    std::vector<long long> released_;
};

/// The type ids of a state (§8.15): a depth-first discovery from the root class that visits a class,
/// its known subclasses, its ancestors, then the schema types of its fields in index order.
class TypeContext {
public:
    explicit TypeContext(const TypeInfo& root) { discover(root); }

    /// Classes in type-id order.
    const std::vector<const TypeInfo*>& types() const noexcept { return types_; }

    /// The class with type id `id`, or `nullptr`.
    const TypeInfo* type(std::size_t id) const noexcept { return id < types_.size() ? types_[id] : nullptr; }

    /// The type id of `type`, or -1 when it is not part of this context.
    long long id(const TypeInfo& type) const noexcept {
        for (std::size_t position = 0; position < types_.size(); ++position) {
            if (types_[position] == &type) return static_cast<long long>(position);
        }
        return -1;
    }

private:
    void discover(const TypeInfo& type) {
        if (id(type) >= 0) return;
        types_.push_back(&type);
        for (std::size_t position = 0; position < type.subclass_count; ++position) discover(type.subclasses[position]());
        for (TypeInfoAccessor ancestor = type.parent; ancestor != nullptr; ancestor = ancestor().parent) discover(ancestor());
        for (const TypeInfo* current : lineage(type)) {
            for (std::size_t position = 0; position < current->own_field_count; ++position) {
                const FieldInfo& field = current->own_fields[position];
                if (field.child_type != nullptr) discover(field.child_type());
            }
        }
    }

    /// The class's ancestors from the root class down, then the class itself.
    static std::vector<const TypeInfo*> lineage(const TypeInfo& type) {
        std::vector<const TypeInfo*> chain;
        for (const TypeInfo* current = &type; current != nullptr;
             current = current->parent != nullptr ? &current->parent() : nullptr) {
            chain.insert(chain.begin(), current);
        }
        return chain;
    }

    std::vector<const TypeInfo*> types_;
};

/// What generated `decode_field` code and collections use while applying one state message.
class DecodeContext {
public:
    DecodeContext(ByteReader reader, ReferenceTracker& tracker, const TypeContext& types)
        : reader_(reader), tracker_(tracker), types_(types) {}

    ByteReader& reader() noexcept { return reader_; }
    ReferenceTracker& tracker() noexcept { return tracker_; }
    long long current_ref_id() const noexcept { return current_ref_id_; }
    std::vector<DataChange>& changes() noexcept { return changes_; }

    /// Applies a primitive field operation to `target` (a value, or a `std::optional` for optional fields).
    template <class Tag, class Target>
    void field(const Ref& owner, const FieldInfo& info, std::uint8_t op, Target& target) {
        Target previous = target;
        if (op == operation::remove) {
            target = Target{};
        } else {
            target = Tag::read(reader_);
        }
        if (!(previous == target) || is_first_value_) report_field(owner, info, op, std::move(previous), target);
    }

    /// Applies a child-schema field operation; a non-optional field gets a fresh default child after a DELETE.
    template <class S>
    void child(const Ref& owner, const FieldInfo& info, std::uint8_t op, std::shared_ptr<S>& target, bool optional) {
        std::shared_ptr<S> previous = target;
        target = child_item<S>(op, previous);
        if (!target && !optional) target = std::make_shared<S>();
        if (previous != target || is_first_value_) report_field(owner, info, op, std::move(previous), target);
    }

    /// Applies a collection field operation; a collection replaced by another one is released.
    template <class C>
    void collection(const Ref& owner, const FieldInfo& info, std::uint8_t op, std::shared_ptr<C>& target, bool optional) {
        std::shared_ptr<C> previous = target;
        if (operation::has_delete(op) && previous && previous->ref_id() >= 0) tracker_.release(previous->ref_id());
        if (op == operation::remove) {
            target = optional ? nullptr : std::make_shared<C>();
        } else {
            const std::size_t start = reader_.offset();
            const auto ref_id = static_cast<long long>(reader_.index());
            std::shared_ptr<Ref> existing = tracker_.get(ref_id);
            std::shared_ptr<C> value;
            if (existing) {
                value = std::dynamic_pointer_cast<C>(existing);
                if (!value) throw DecodeError("refId " + std::to_string(ref_id) + " is a " + existing->type_description() + ", not a collection of the field's type", start);
            } else {
                value = std::make_shared<C>();
            }
            if (previous && previous != value && !operation::has_delete(op) && previous->ref_id() >= 0) {
                tracker_.release(previous->ref_id());
            }
            tracker_.add(value, ref_id, value != previous || op == operation::delete_and_add);
            target = value;
        }
        if (previous != target || is_first_value_) report_field(owner, info, op, std::move(previous), target);
    }

    /// Applies a schema-typed slot operation (a field or a collection item): releases the previous instance
    /// on DELETE, reads the refId (and TYPE_ID) and returns the instance, creating and registering it when new.
    template <class S>
    std::shared_ptr<S> child_item(std::uint8_t op, const std::shared_ptr<S>& previous) {
        return std::static_pointer_cast<S>(child_instance(S::type_info(), op, previous));
    }

    /// Reports a collection item change.
    void report_item(const Ref& collection, std::uint8_t op, std::optional<std::string> key, std::optional<std::size_t> index,
                     std::any previous, std::any value) {
        DataChange change;
        change.ref = &collection;
        change.ref_id = current_ref_id_;
        change.op = op;
        change.key = std::move(key);
        change.index = index;
        change.previous = std::move(previous);
        change.value = std::move(value);
        changes_.push_back(std::move(change));
    }

    /// Checks that storing an item at wire `index` of a collection holding `count` slots opens at most
    /// the empty slots one message may still open (2^20 in all), so a hostile index cannot exhaust memory.
    void reserve_slots(std::size_t index, std::size_t count, std::size_t offset) {
        if (index <= count) return;
        const std::size_t gap = index - count;
        if (gap > remaining_empty_slots_) throw DecodeError("collection index " + std::to_string(index) + " is too far past its end", offset);
        remaining_empty_slots_ -= gap;
    }

private:
    friend class Schema;
    friend class DecoderCore;

    std::shared_ptr<Schema> child_instance(const TypeInfo& declared, std::uint8_t op, const std::shared_ptr<Schema>& previous) {
        if (operation::has_delete(op) && previous && previous->ref_id() >= 0) tracker_.release(previous->ref_id());
        if (op == operation::remove) return nullptr;
        const std::size_t start = reader_.offset();
        const auto ref_id = static_cast<long long>(reader_.index());
        std::shared_ptr<Ref> existing = tracker_.get(ref_id);
        if (!operation::has_add(op)) {
            if (!existing) throw DecodeError("unknown refId " + std::to_string(ref_id), start);
            return checked(existing, declared, ref_id, start);
        }
        const TypeInfo* concrete = &declared;
        if (!reader_.at_end() && reader_.peek() == operation::type_id) {
            reader_.byte();
            const std::size_t type_offset = reader_.offset();
            const std::size_t type_id = reader_.index();
            concrete = types_.type(type_id);
            if (concrete == nullptr) throw DecodeError("unknown type id " + std::to_string(type_id), type_offset);
        }
        if (!existing) existing = concrete->create();
        std::shared_ptr<Schema> value = checked(existing, declared, ref_id, start);
        tracker_.add(value, ref_id, value != previous || op == operation::delete_and_add);
        return value;
    }

    static std::shared_ptr<Schema> checked(const std::shared_ptr<Ref>& ref, const TypeInfo& declared, long long ref_id, std::size_t offset) {
        auto schema = std::dynamic_pointer_cast<Schema>(ref);
        if (!schema || !schema->schema_type().is_same_or_subclass_of(declared)) {
            throw DecodeError("refId " + std::to_string(ref_id) + " is a " + ref->type_description() + ", not a " + declared.name, offset);
        }
        return schema;
    }

    template <class T>
    void report_field(const Ref& owner, const FieldInfo& info, std::uint8_t op, T previous, const T& value) {
        DataChange change;
        change.ref = &owner;
        change.ref_id = current_ref_id_;
        change.op = op;
        change.field = &info;
        if (!is_first_value_) change.previous = std::move(previous);
        change.value = value;
        changes_.push_back(std::move(change));
    }

    ByteReader reader_;
    ReferenceTracker& tracker_;
    const TypeContext& types_;
    long long current_ref_id_ = 0;
    bool is_first_value_ = false;
    std::size_t remaining_empty_slots_ = std::size_t{1} << 20;
    std::vector<DataChange> changes_;
};

inline void Schema::decode_operation(DecodeContext& context) {
    const std::size_t start = context.reader().offset();
    const std::uint8_t byte = context.reader().byte();
    const int index = byte & 0x3F;
    if (index >= schema_type().field_count()) {
        throw DecodeError("unknown field index " + std::to_string(index) + " of " + schema_type().name, start);
    }
    const std::uint8_t op = byte & 0xC0;
    context.is_first_value_ = !has_decoded(index);
    decode_field(index, op, context);
    const std::uint64_t bit = std::uint64_t{1} << index;
    if (op == operation::remove) {
        decoded_fields_ &= ~bit;
    } else {
        decoded_fields_ |= bit;
    }
}

}  // namespace colyseus::schema

#endif
