// Colyseus schema C++ runtime: ArraySchema, MapSchema, SetSchema and CollectionSchema on the client.
#ifndef COLYSEUS_SCHEMA_COLLECTIONS_HPP
#define COLYSEUS_SCHEMA_COLLECTIONS_HPP

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "types.hpp"

namespace colyseus::schema {

/// An ordered list. Wire indexes are positions in the array as the decoder holds it during a section:
/// removed items stay holes until the section ends (§8.11).
template <class Tag>
class ArraySchema final : public Ref {
public:
    using value_type = typename Tag::value_type;

    ArraySchema() = default;
    /// An array holding `items`: the declared default of a field (`= [1, 2]`) until the server's state arrives.
    ArraySchema(std::initializer_list<value_type> items) : items_(items) {}

    std::size_t size() const noexcept { return items_.size(); }
    bool empty() const noexcept { return items_.empty(); }
    const value_type& operator[](std::size_t position) const { return items_[position]; }
    const value_type& at(std::size_t position) const { return items_.at(position); }
    const std::vector<value_type>& items() const noexcept { return items_; }
    auto begin() const noexcept { return items_.begin(); }
    auto end() const noexcept { return items_.end(); }

    /// Calls `body(position, item)` for every item, in order.
    template <class Body>
    void for_each(Body&& body) const {
        for (std::size_t position = 0; position < items_.size(); ++position) body(position, items_[position]);
    }

    std::string type_description() const override { return "ArraySchema"; }

    void write_json(JsonWriter& out) const override {
        out.begin_array();
        for (const value_type& item : items_) Tag::write_json(out, item);
        out.end_array();
    }

protected:
    void decode_operation(DecodeContext& context) override {
        if (!in_section_) {
            slots_.assign(items_.begin(), items_.end());
            in_section_ = true;
        }
        ByteReader& reader = context.reader();
        const std::size_t start = reader.offset();
        const std::uint8_t op = reader.byte();
        if (op == operation::clear) {
            for (std::size_t position = 0; position < slots_.size(); ++position) {
                if (slots_[position]) removed(context, position, *slots_[position]);
            }
            slots_.clear();
            return;
        }
        if (op == operation::reverse) {
            std::reverse(slots_.begin(), slots_.end());
            return;
        }
        if (op == operation::delete_by_ref_id) {
            const std::size_t position = position_of_ref(reader.index());
            if (position < slots_.size()) {
                removed(context, position, *slots_[position]);
                slots_[position].reset();
            }
            return;
        }
        const std::size_t index = op == operation::add_by_ref_id ? position_of_ref(reader.index()) : reader.index();
        const bool had_previous = index < slots_.size() && slots_[index].has_value();
        const value_type previous = had_previous ? *slots_[index] : value_type{};
        if (operation::has_delete(op)) {
            if (had_previous) Tag::release(context, previous);
            if (op != operation::delete_and_add && index < slots_.size()) slots_[index].reset();
        }
        if (op == operation::remove) {
            context.report_item(*this, op, std::nullopt, index, had_previous ? std::any(previous) : std::any(), std::any());
            return;
        }
        context.reserve_slots(index, slots_.size(), start);
        const std::uint8_t value_op = op == operation::add_by_ref_id ? operation::add : static_cast<std::uint8_t>(op & ~operation::remove);
        const bool keeps_previous = had_previous && !operation::has_delete(op);
        value_type value = Tag::read_item(context, value_op, keeps_previous ? &previous : nullptr);
        if (had_previous && Tag::same(previous, value)) return;
        if (index == 0 && op == operation::add && !slots_.empty() && slots_[0]) {
            slots_.insert(slots_.begin(), value);
        } else {
            if (op == operation::delete_and_move && index < slots_.size()) slots_.erase(slots_.begin() + static_cast<std::ptrdiff_t>(index));
            if (index >= slots_.size()) slots_.resize(index + 1);
            slots_[index] = value;
        }
        context.report_item(*this, op, std::nullopt, index, had_previous ? std::any(previous) : std::any(), std::any(value));
    }

    void finish_section() override {
        if (!in_section_) return;
        items_.clear();
        for (auto& slot : slots_) {
            if (slot) items_.push_back(std::move(*slot));
        }
        slots_.clear();
        in_section_ = false;
    }

    void for_each_child(const std::function<void(Ref&)>& visit) const override {
        for (const value_type& item : items_) Tag::visit_ref(item, visit);
    }

private:
    std::size_t position_of_ref(std::size_t ref_id) const {
        for (std::size_t position = 0; position < slots_.size(); ++position) {
            if (slots_[position] && is_ref(*slots_[position], ref_id)) return position;
        }
        return slots_.size();
    }

    static bool is_ref(const value_type& item, std::size_t ref_id) {
        bool matches = false;
        Tag::visit_ref(item, [&](Ref& ref) { matches = ref.ref_id() == static_cast<long long>(ref_id); });
        return matches;
    }

    void removed(DecodeContext& context, std::size_t position, const value_type& item) {
        Tag::release(context, item);
        context.report_item(*this, operation::remove, std::nullopt, position, std::any(item), std::any());
    }

    std::vector<value_type> items_;
    std::vector<std::optional<value_type>> slots_;
    bool in_section_ = false;
};

/// A dictionary with string keys; items keep the order in which their keys were first added.
template <class Tag>
class MapSchema final : public Ref {
public:
    using value_type = typename Tag::value_type;

    std::size_t size() const noexcept { return index_by_key_.size(); }
    bool empty() const noexcept { return index_by_key_.empty(); }

    /// The item under `key`, or `nullptr`.
    const value_type* find(const std::string& key) const {
        const auto found = index_by_key_.find(key);
        return found == index_by_key_.end() ? nullptr : &slots_[found->second]->second;
    }
    bool contains(const std::string& key) const { return index_by_key_.count(key) != 0; }
    const value_type& at(const std::string& key) const {
        const value_type* item = find(key);
        if (item == nullptr) throw std::out_of_range("MapSchema has no key " + key);
        return *item;
    }

    /// Calls `body(key, item)` for every entry, in insertion order.
    template <class Body>
    void for_each(Body&& body) const {
        for (const auto& slot : slots_) {
            if (slot) body(slot->first, slot->second);
        }
    }

    std::string type_description() const override { return "MapSchema"; }

    void write_json(JsonWriter& out) const override {
        out.begin_object();
        for_each([&](const std::string& key, const value_type& item) {
            out.key(key);
            Tag::write_json(out, item);
        });
        out.end_object();
    }

protected:
    void decode_operation(DecodeContext& context) override {
        ByteReader& reader = context.reader();
        const std::size_t start = reader.offset();
        const std::uint8_t op = reader.byte();
        if (op == operation::clear) {
            for (auto& slot : slots_) {
                if (!slot) continue;
                Tag::release(context, slot->second);
                context.report_item(*this, operation::remove, slot->first, std::nullopt, std::any(slot->second), std::any());
            }
            slots_.clear();
            index_by_key_.clear();
            return;
        }
        const std::size_t index = reader.index();
        std::string key;
        if (operation::has_add(op)) {
            key = reader.string();
        } else if (index < slots_.size() && slots_[index]) {
            key = slots_[index]->first;
        } else if (op == operation::remove) {
            return;  // an entry added and deleted within one patch: this decoder never saw it
        } else {
            throw DecodeError("MapSchema operation on unknown index " + std::to_string(index), start);
        }
        const bool had_previous = index < slots_.size() && slots_[index].has_value();
        const value_type previous = had_previous ? slots_[index]->second : value_type{};
        if (operation::has_delete(op) && had_previous) Tag::release(context, previous);
        if (op == operation::remove) {
            if (index < slots_.size()) slots_[index].reset();
            index_by_key_.erase(key);
            context.report_item(*this, op, key, std::nullopt, had_previous ? std::any(previous) : std::any(), std::any());
            return;
        }
        context.reserve_slots(index, slots_.size(), start);
        const bool keeps_previous = had_previous && !operation::has_delete(op);
        value_type item = Tag::read_item(context, static_cast<std::uint8_t>(op & ~operation::remove), keeps_previous ? &previous : nullptr);
        if (index >= slots_.size()) slots_.resize(index + 1);
        if (slots_[index] && slots_[index]->first != key) index_by_key_.erase(slots_[index]->first);
        slots_[index] = std::make_pair(key, item);
        index_by_key_[key] = index;
        if (!had_previous || !Tag::same(previous, item)) {
            context.report_item(*this, op, key, std::nullopt, had_previous ? std::any(previous) : std::any(), std::any(item));
        }
    }

    void for_each_child(const std::function<void(Ref&)>& visit) const override {
        for (const auto& slot : slots_) {
            if (slot) Tag::visit_ref(slot->second, visit);
        }
    }

private:
    std::vector<std::optional<std::pair<std::string, value_type>>> slots_;
    std::unordered_map<std::string, std::size_t> index_by_key_;
};

/// The client side of SetSchema and CollectionSchema: items keyed by their wire index (§8.12).
template <class Tag>
class IndexedCollection : public Ref {
public:
    using value_type = typename Tag::value_type;

    IndexedCollection() = default;
    /// A collection holding `items` at indexes 0, 1, ...: the declared default of a field (`= [1, 2]`).
    IndexedCollection(std::initializer_list<value_type> items) : slots_(items.begin(), items.end()), count_(items.size()) {}

    std::size_t size() const noexcept { return count_; }
    bool empty() const noexcept { return count_ == 0; }

    /// Calls `body(index, item)` for every item, in wire-index order.
    template <class Body>
    void for_each(Body&& body) const {
        for (std::size_t index = 0; index < slots_.size(); ++index) {
            if (slots_[index]) body(index, *slots_[index]);
        }
    }

    /// The items in wire-index order.
    std::vector<value_type> values() const {
        std::vector<value_type> result;
        for (const auto& slot : slots_) {
            if (slot) result.push_back(*slot);
        }
        return result;
    }

    void write_json(JsonWriter& out) const override {
        out.begin_array();
        for (const auto& slot : slots_) {
            if (slot) Tag::write_json(out, *slot);
        }
        out.end_array();
    }

protected:
    void decode_operation(DecodeContext& context) override {
        ByteReader& reader = context.reader();
        const std::size_t start = reader.offset();
        const std::uint8_t op = reader.byte();
        if (op == operation::clear) {
            for (std::size_t index = 0; index < slots_.size(); ++index) {
                if (!slots_[index]) continue;
                Tag::release(context, *slots_[index]);
                context.report_item(*this, operation::remove, std::nullopt, index, std::any(*slots_[index]), std::any());
                slots_[index].reset();
            }
            count_ = 0;
            return;
        }
        const std::size_t index = reader.index();
        const bool had_previous = index < slots_.size() && slots_[index].has_value();
        const value_type previous = had_previous ? *slots_[index] : value_type{};
        if (operation::has_delete(op) && had_previous) Tag::release(context, previous);
        if (op == operation::remove) {
            if (had_previous) {
                slots_[index].reset();
                --count_;
            }
            context.report_item(*this, op, std::nullopt, index, had_previous ? std::any(previous) : std::any(), std::any());
            return;
        }
        context.reserve_slots(index, slots_.size(), start);
        const bool keeps_previous = had_previous && !operation::has_delete(op);
        value_type item = Tag::read_item(context, static_cast<std::uint8_t>(op & ~operation::remove), keeps_previous ? &previous : nullptr);
        if (index >= slots_.size()) slots_.resize(index + 1);
        if (!had_previous) ++count_;
        slots_[index] = item;
        if (!had_previous || !Tag::same(previous, item)) {
            context.report_item(*this, op, std::nullopt, index, had_previous ? std::any(previous) : std::any(), std::any(item));
        }
    }

    void for_each_child(const std::function<void(Ref&)>& visit) const override {
        for (const auto& slot : slots_) {
            if (slot) Tag::visit_ref(*slot, visit);
        }
    }

private:
    std::vector<std::optional<value_type>> slots_;
    std::size_t count_ = 0;
};

/// An unordered collection of distinct values.
template <class Tag>
class SetSchema final : public IndexedCollection<Tag> {
public:
    using IndexedCollection<Tag>::IndexedCollection;
    std::string type_description() const override { return "SetSchema"; }
};

/// An unordered collection that may repeat values.
template <class Tag>
class CollectionSchema final : public IndexedCollection<Tag> {
public:
    using IndexedCollection<Tag>::IndexedCollection;
    std::string type_description() const override { return "CollectionSchema"; }
};

}  // namespace colyseus::schema

#endif
