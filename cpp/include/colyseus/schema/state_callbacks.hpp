// Colyseus schema C++ runtime: typed callbacks on a state's fields and collections (Colyseus's `listen`,
// `onAdd` and `onRemove`), fed by the changes of each decode call.
#ifndef COLYSEUS_SCHEMA_STATE_CALLBACKS_HPP
#define COLYSEUS_SCHEMA_STATE_CALLBACKS_HPP

#include <algorithm>
#include <any>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../handlers.hpp"
#include "collections.hpp"
#include "decoder.hpp"

namespace colyseus::schema {

namespace detail {

/// How items of a collection are keyed in callbacks: `std::string` for maps, the position for arrays, the
/// wire index for sets and collections.
template <class C>
struct CollectionKey {
    using type = std::size_t;
    static std::optional<type> of(const DataChange& change) { return change.index; }
    static std::string text(type key) { return "#" + std::to_string(key); }
};

template <class Tag>
struct CollectionKey<MapSchema<Tag>> {
    using type = std::string;
    static std::optional<type> of(const DataChange& change) { return change.key; }
    static std::string text(const type& key) { return "$" + key; }
};

}  // namespace detail

/// Callbacks on a `State` of generated classes, named by member pointers so values arrive typed:
///
/// ```cpp
/// colyseus::schema::StateCallbacks<MyRoomState> callbacks(decoder.state());
/// callbacks.onAdd(&MyRoomState::players, [&](const std::shared_ptr<Player>& player, const std::string& key) {
///     callbacks.listen(player, &Player::x, [](double x, double previous) { /* ... */ });
/// });
/// callbacks.onRemove(&MyRoomState::players, [](const std::shared_ptr<Player>& player, const std::string& key) {});
/// callbacks.dispatch(decoder, decoder.decode(bytes, size));   // after each full state and patch
/// ```
///
/// A field listener fires when the field's value after a message differs from the value it last reported
/// (handlers take `(value)` or `(value, previous)`); `onAdd` fires for every item added or replaced, `onRemove`
/// for every item removed (also by a clear), with the item and its key (handlers take `(item)` or
/// `(item, key)`). With `immediate` (the default), `listen` and `onAdd` also report at once what a state that
/// already arrived holds. Registrations on the root (without an instance) survive `rebuild`; those on an
/// instance end when it leaves the state. Each returns a `Listener` whose `remove()` stops it.
template <class State>
class StateCallbacks {
public:
    explicit StateCallbacks(std::shared_ptr<State> root) : root_(std::move(root)) {}
    StateCallbacks(const StateCallbacks&) = delete;
    StateCallbacks& operator=(const StateCallbacks&) = delete;

    /// Listens to a field of the root state.
    template <class Owner, class T, class F>
    Listener listen(T Owner::*member, F handler, bool immediate = true) {
        static_assert(std::is_base_of_v<Owner, State>, "the member belongs to another class than the state");
        return add_field<Owner, T>(Binding{}, member, std::move(handler), immediate);
    }

    /// Listens to a field of `instance`, a schema of the state.
    template <class Instance, class Owner, class T, class F>
    Listener listen(const std::shared_ptr<Instance>& instance, T Owner::*member, F handler, bool immediate = true) {
        static_assert(std::is_base_of_v<Owner, Instance>, "the member belongs to another class than the instance");
        return add_field<Owner, T>(binding(instance), member, std::move(handler), immediate);
    }

    /// Calls `handler(item, key)` for every item added to a collection of the root state.
    template <class Owner, class C, class F>
    Listener onAdd(std::shared_ptr<C> Owner::*member, F handler, bool immediate = true) {
        static_assert(std::is_base_of_v<Owner, State>, "the member belongs to another class than the state");
        return add_collection<Owner, C>(Binding{}, member, Kind::add, std::move(handler), immediate);
    }

    /// Calls `handler(item, key)` for every item added to a collection of `instance`.
    template <class Instance, class Owner, class C, class F>
    Listener onAdd(const std::shared_ptr<Instance>& instance, std::shared_ptr<C> Owner::*member, F handler, bool immediate = true) {
        static_assert(std::is_base_of_v<Owner, Instance>, "the member belongs to another class than the instance");
        return add_collection<Owner, C>(binding(instance), member, Kind::add, std::move(handler), immediate);
    }

    /// Calls `handler(item, key)` for every item removed from a collection of the root state.
    template <class Owner, class C, class F>
    Listener onRemove(std::shared_ptr<C> Owner::*member, F handler) {
        static_assert(std::is_base_of_v<Owner, State>, "the member belongs to another class than the state");
        return add_collection<Owner, C>(Binding{}, member, Kind::remove, std::move(handler), false);
    }

    /// Calls `handler(item, key)` for every item removed from a collection of `instance`.
    template <class Instance, class Owner, class C, class F>
    Listener onRemove(const std::shared_ptr<Instance>& instance, std::shared_ptr<C> Owner::*member, F handler) {
        static_assert(std::is_base_of_v<Owner, Instance>, "the member belongs to another class than the instance");
        return add_collection<Owner, C>(binding(instance), member, Kind::remove, std::move(handler), false);
    }

    /// Fires the callbacks of one decoded message's changes, in the order the changes were applied.
    void dispatch(const DecoderCore& decoder, const std::vector<DataChange>& changes) {
        has_state_ = true;
        dispatching_ = true;
        std::vector<const Ref*> seen;
        bool removed_something = false;
        for (const DataChange& change : changes) {
            if (change.field != nullptr) {
                if (std::find(seen.begin(), seen.end(), change.ref) != seen.end()) continue;
                seen.push_back(change.ref);
                for (const auto& watch : snapshot(collection_watches_)) {
                    if (!watch->removed && watch->binding.ref(*root_) == change.ref) watch->bound = watch->collection(*change.ref);
                }
                for (const auto& watch : snapshot(field_watches_)) {
                    if (!watch->removed && watch->binding.ref(*root_) == change.ref) watch->evaluate(*change.ref);
                }
                continue;
            }
            if (operation::has_delete(change.op)) removed_something = true;
            // Removals first, so a replaced item is reported removed before it is reported added.
            for (const Kind kind : {Kind::remove, Kind::add}) {
                for (const auto& watch : snapshot(collection_watches_)) {
                    if (!watch->removed && watch->kind == kind && watch->bound == change.ref) watch->on_change(change);
                }
            }
        }
        dispatching_ = false;
        for (const auto& watch : collection_watches_) watch->reported_immediately.clear();
        if (removed_something) forget_detached(decoder);
        erase_removed();
    }

    /// Moves the root registrations to `root`, a state rebuilt from a full state (after a reconnection):
    /// `onRemove` reports every item of the old state, field listeners fire where the new value differs,
    /// `onAdd` reports every item of the new state. Registrations on instances end.
    void rebuild(std::shared_ptr<State> root) {
        erase_removed();
        for (const auto& watch : snapshot(collection_watches_)) {
            if (watch->kind == Kind::remove && watch->binding.is_root()) watch->report_all(*root_);
        }
        root_ = std::move(root);
        has_state_ = true;
        const auto on_instance = [](const auto& watch) { return !watch->binding.is_root(); };
        field_watches_.erase(std::remove_if(field_watches_.begin(), field_watches_.end(), on_instance), field_watches_.end());
        collection_watches_.erase(std::remove_if(collection_watches_.begin(), collection_watches_.end(), on_instance), collection_watches_.end());
        for (const auto& watch : snapshot(collection_watches_)) watch->bound = watch->collection(*root_);
        for (const auto& watch : snapshot(field_watches_)) {
            if (!watch->removed) watch->evaluate(*root_);
        }
        for (const auto& watch : snapshot(collection_watches_)) {
            if (!watch->removed && watch->kind == Kind::add) watch->report_all(*root_);
        }
        erase_removed();
    }

    /// Removes every registration.
    void removeAll() {
        for (const auto& watch : field_watches_) watch->removed = true;
        for (const auto& watch : collection_watches_) watch->removed = true;
        field_watches_.clear();
        collection_watches_.clear();
    }

private:
    enum class Kind { add, remove };

    /// The root state, or one instance of it (held weakly: the state owns its instances).
    struct Binding {
        std::weak_ptr<const Ref> instance;
        const Ref* pointer = nullptr;

        bool is_root() const noexcept { return pointer == nullptr; }
        const Ref* ref(const State& root) const noexcept { return pointer != nullptr ? pointer : &root; }
    };

    struct FieldWatch {
        Binding binding;
        std::function<void(const Ref& owner)> evaluate;
        bool removed = false;
    };

    struct CollectionWatch {
        Binding binding;
        Kind kind;
        /// The owner's collection (through the registered member).
        std::function<const Ref*(const Ref& owner)> collection;
        /// The collection followed now.
        const Ref* bound = nullptr;
        /// Fires the handler for one change of the bound collection.
        std::function<void(const DataChange&)> on_change;
        /// Fires the handler for every item of the owner's collection.
        std::function<void(const Ref& owner)> report_all;
        /// Keys reported by `immediate` during a dispatch, not to report again for the same change.
        std::set<std::string> reported_immediately;
        bool removed = false;
    };

    template <class Instance>
    Binding binding(const std::shared_ptr<Instance>& instance) const {
        if (static_cast<const void*>(instance.get()) == static_cast<const void*>(root_.get())) return Binding{};
        return Binding{std::static_pointer_cast<const Ref>(instance), instance.get()};
    }

    const Ref& resolve(const Binding& binding) const { return *binding.ref(*root_); }

    template <class Owner, class T, class F>
    Listener add_field(Binding where, T Owner::*member, F handler, bool immediate) {
        auto report = colyseus::detail::adapt_handler<T, T>(std::move(handler));
        auto watch = std::make_shared<FieldWatch>();
        watch->binding = where;
        auto last = std::make_shared<std::optional<T>>();
        if (has_state_) {
            const T& value = static_cast<const Owner&>(resolve(where)).*member;
            *last = value;
            if (immediate) report(value, T{});
        }
        watch->evaluate = [member, last, report](const Ref& owner) {
            const T& value = static_cast<const Owner&>(owner).*member;
            if (*last && **last == value) return;
            const T previous = last->value_or(T{});
            *last = value;
            report(value, previous);
        };
        field_watches_.push_back(watch);
        return Listener([watch] { watch->removed = true; });
    }

    template <class Owner, class C, class F>
    Listener add_collection(Binding where, std::shared_ptr<C> Owner::*member, Kind kind, F handler, bool immediate) {
        using Item = typename C::value_type;
        using Key = detail::CollectionKey<C>;
        auto report = colyseus::detail::adapt_handler<Item, typename Key::type>(std::move(handler));
        auto watch = std::make_shared<CollectionWatch>();
        CollectionWatch* self = watch.get();
        watch->binding = where;
        watch->kind = kind;
        watch->collection = [member](const Ref& owner) -> const Ref* { return (static_cast<const Owner&>(owner).*member).get(); };
        watch->on_change = [self, kind, report](const DataChange& change) {
            const std::optional<typename Key::type> key = Key::of(change);
            if (!key) return;
            if (kind == Kind::remove) {
                const Item* previous = std::any_cast<Item>(&change.previous);
                if (operation::has_delete(change.op) && previous != nullptr) report(*previous, *key);
                return;
            }
            const Item* value = std::any_cast<Item>(&change.value);
            if (!operation::has_add(change.op) || value == nullptr) return;
            if (self->reported_immediately.erase(Key::text(*key)) != 0) return;
            report(*value, *key);
        };
        watch->report_all = [member, report](const Ref& owner) {
            const std::shared_ptr<C>& collection = static_cast<const Owner&>(owner).*member;
            if (collection) collection->for_each([&](const typename Key::type& key, const Item& item) { report(item, key); });
        };
        watch->bound = watch->collection(resolve(where));
        collection_watches_.push_back(watch);
        if (immediate && has_state_) {
            const std::shared_ptr<C>& collection = static_cast<const Owner&>(resolve(where)).*member;
            if (collection) {
                collection->for_each([&](const typename Key::type& key, const Item& item) {
                    if (dispatching_) self->reported_immediately.insert(Key::text(key));
                    report(item, key);
                });
            }
        }
        return Listener([watch] { watch->removed = true; });
    }

    /// The watches as they are now: handlers may register or remove watches while they run.
    template <class Watch>
    static std::vector<std::shared_ptr<Watch>> snapshot(const std::vector<std::shared_ptr<Watch>>& watches) { return watches; }

    /// Ends registrations on instances the decoder no longer holds (removed from the state).
    void forget_detached(const DecoderCore& decoder) {
        const auto detached = [&](const Binding& binding) {
            if (binding.is_root()) return false;
            const std::shared_ptr<const Ref> instance = binding.instance.lock();
            return !instance || instance->ref_id() < 0 || decoder.ref(instance->ref_id()).get() != instance.get();
        };
        for (const auto& watch : field_watches_) {
            if (detached(watch->binding)) watch->removed = true;
        }
        for (const auto& watch : collection_watches_) {
            if (detached(watch->binding)) watch->removed = true;
        }
    }

    void erase_removed() {
        const auto removed = [](const auto& watch) { return watch->removed; };
        field_watches_.erase(std::remove_if(field_watches_.begin(), field_watches_.end(), removed), field_watches_.end());
        collection_watches_.erase(std::remove_if(collection_watches_.begin(), collection_watches_.end(), removed), collection_watches_.end());
    }

    std::shared_ptr<State> root_;
    bool has_state_ = false;
    bool dispatching_ = false;
    std::vector<std::shared_ptr<FieldWatch>> field_watches_;
    std::vector<std::shared_ptr<CollectionWatch>> collection_watches_;
};

}  // namespace colyseus::schema

#endif
