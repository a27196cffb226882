// Colyseus schema C++ runtime: change callbacks on top of the changes a decode call returns.
#ifndef COLYSEUS_SCHEMA_CALLBACKS_HPP
#define COLYSEUS_SCHEMA_CALLBACKS_HPP

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "context.hpp"

namespace colyseus::schema {

/// Dispatches the changes of decode calls to listeners of one field or of a collection's additions
/// and removals. Listeners run in the order the changes were applied.
///
/// ```cpp
/// colyseus::schema::Callbacks callbacks;
/// callbacks.listen(*player, "x", [&](const DataChange& change) { draw(player->x); });
/// callbacks.on_add(*state->players, [](const DataChange& change) { spawn(*change.key); });
/// callbacks.dispatch(decoder.decode(bytes));
/// ```
class Callbacks {
public:
    using Listener = std::function<void(const DataChange&)>;

    /// Calls `listener` whenever field `field` of `ref` gets another value (or its first one).
    void listen(const Ref& ref, std::string field, Listener listener) {
        field_listeners_.push_back({&ref, std::move(field), std::move(listener)});
    }

    /// Calls `listener` for every item added to (or replaced in) `collection`.
    void on_add(const Ref& collection, Listener listener) { add_listeners_.push_back({&collection, {}, std::move(listener)}); }

    /// Calls `listener` for every item removed from `collection` (CLEAR removes every item).
    void on_remove(const Ref& collection, Listener listener) { remove_listeners_.push_back({&collection, {}, std::move(listener)}); }

    /// Forgets every listener of `ref` (call it before the ref goes away).
    void remove_listeners(const Ref& ref) {
        for (auto* listeners : {&field_listeners_, &add_listeners_, &remove_listeners_}) {
            std::vector<Entry> kept;
            for (auto& entry : *listeners) {
                if (entry.ref != &ref) kept.push_back(std::move(entry));
            }
            *listeners = std::move(kept);
        }
    }

    /// Calls the listeners of `changes`.
    void dispatch(const std::vector<DataChange>& changes) const {
        for (const DataChange& change : changes) {
            if (change.field != nullptr) {
                for (const Entry& entry : field_listeners_) {
                    if (entry.ref == change.ref && entry.field == change.field->name) entry.listener(change);
                }
                continue;
            }
            const bool removal = change.op == operation::remove;
            for (const Entry& entry : removal ? remove_listeners_ : add_listeners_) {
                if (entry.ref == change.ref) entry.listener(change);
            }
        }
    }

private:
    struct Entry {
        const Ref* ref;
        std::string field;
        Listener listener;
    };
    std::vector<Entry> field_listeners_;
    std::vector<Entry> add_listeners_;
    std::vector<Entry> remove_listeners_;
};

}  // namespace colyseus::schema

#endif
