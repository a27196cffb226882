import ColyseusSchema

/// Callbacks on a room's typed state, fed by the decoder's change list after every full state and patch
/// (the typed form of the JS SDK's `Callbacks.get(room)`).
///
/// Fields are named by key paths, so values arrive typed:
/// ```swift
/// let callbacks = room.callbacks
/// callbacks.listen(\.phase) { phase, previous in ... }
/// callbacks.onAdd(\.players) { player, sessionId in
///     callbacks.listen(\.x, on: player) { x, _ in ... }
/// }
/// callbacks.onRemove(\.players) { player, sessionId in ... }
/// ```
/// Registrations without `on:` are bound to the root state and survive a reconnection, which rebuilds
/// the state: then `onRemove` reports every item of the old state, `onAdd` every item of the new one,
/// and field listeners fire where the value differs. Registrations `on:` an instance end when the
/// instance leaves the state (or the state is rebuilt).
///
/// Each change fires each callback at most once: a field listener fires when the field's value after a
/// message differs from the value it last reported; `onAdd` does not fire again for items it reported
/// with `immediate`. Callbacks run on the room's actor, in registration order.
public final class StateCallbacks<State: Schema> {
    /// What a registration is attached to.
    private enum Binding {
        /// The room's current root state.
        case root
        /// One instance of the state tree.
        case instance(SchemaRef)
    }

    /// A field listener: reads its field off the owner and reports a different value.
    private final class FieldWatch {
        let binding: Binding
        let evaluate: (SchemaRef) -> Void
        init(binding: Binding, evaluate: @escaping (SchemaRef) -> Void) {
            self.binding = binding
            self.evaluate = evaluate
        }
    }

    /// An `onChange(instance)` listener.
    private final class InstanceWatch {
        let binding: Binding
        let handler: () -> Void
        init(binding: Binding, handler: @escaping () -> Void) {
            self.binding = binding
            self.handler = handler
        }
    }

    /// An `onAdd`, `onRemove` or collection `onChange` listener.
    private final class CollectionWatch {
        enum Kind { case add, remove, change }
        let binding: Binding
        let kind: Kind
        /// The owner's collection (through the registered key path).
        let collection: (SchemaRef) -> SchemaRef
        /// Calls the typed handler with an item (nil for a removed one in `onChange`) and its key.
        let fire: (Any?, CollectionKey) -> Void
        /// The collection the watch currently follows.
        var bound: ObjectIdentifier?
        /// Items reported by `immediate` during a dispatch, not to report again for the same change.
        var reportedImmediately: [CollectionKey: Any] = [:]
        /// Set by ``Listener/remove()``, so a dispatch under way skips the watch.
        var isRemoved = false

        init(binding: Binding, kind: Kind, collection: @escaping (SchemaRef) -> SchemaRef, fire: @escaping (Any?, CollectionKey) -> Void) {
            self.binding = binding
            self.kind = kind
            self.collection = collection
            self.fire = fire
        }
    }

    private var root: State
    private var decoder: StateDecoder<State>
    /// Whether a state arrived (before it, the root holds defaults, not the server's values).
    private var hasState = false
    private var isDispatching = false
    private var fieldWatches: [ObjectIdentifier: [FieldWatch]] = [:]
    private var instanceWatches: [ObjectIdentifier: [InstanceWatch]] = [:]
    private var collectionWatches: [CollectionWatch] = []
    /// `collectionWatches` by the collection they follow; rebuilt when `collectionIndexIsStale`.
    private var watchesByCollection: [ObjectIdentifier: [CollectionWatch]] = [:]
    private var collectionIndexIsStale = false

    init(decoder: StateDecoder<State>) {
        self.decoder = decoder
        self.root = decoder.state
    }

    /// Whether any callback is registered (when none is, the decoder need not list its changes).
    var isObserving: Bool {
        !(fieldWatches.isEmpty && instanceWatches.isEmpty && collectionWatches.isEmpty)
    }

    // MARK: registering

    /// Calls `handler` with the field's new value and the value it last reported (nil the first time)
    /// whenever the field of the root state changes; with `immediate`, at once with the current value
    /// when a state already arrived.
    @discardableResult
    public func listen<Value: Equatable>(_ field: KeyPath<State, Value>, immediate: Bool = true, _ handler: @escaping (_ value: Value, _ previous: Value?) -> Void) -> Listener {
        addField(field, binding: .root, immediate: immediate, same: ==, handler)
    }

    /// Calls `handler` when the field of `instance` changes (see ``listen(_:immediate:_:)-(KeyPath<State,Value>,_,_)``).
    @discardableResult
    public func listen<Owner: Schema, Value: Equatable>(_ field: KeyPath<Owner, Value>, on instance: Owner, immediate: Bool = true, _ handler: @escaping (_ value: Value, _ previous: Value?) -> Void) -> Listener {
        addField(field, binding: binding(for: instance), immediate: immediate, same: ==, handler)
    }

    /// Calls `handler` when a child-schema field of the root state points to another instance (or none).
    @discardableResult
    public func listen<Child: SchemaRef>(_ field: KeyPath<State, Child?>, immediate: Bool = true, _ handler: @escaping (_ value: Child?, _ previous: Child??) -> Void) -> Listener {
        addField(field, binding: .root, immediate: immediate, same: ===, handler)
    }

    /// Calls `handler` when a child-schema field of `instance` points to another instance (or none).
    @discardableResult
    public func listen<Owner: Schema, Child: SchemaRef>(_ field: KeyPath<Owner, Child?>, on instance: Owner, immediate: Bool = true, _ handler: @escaping (_ value: Child?, _ previous: Child??) -> Void) -> Listener {
        addField(field, binding: binding(for: instance), immediate: immediate, same: ===, handler)
    }

    /// Calls `handler` when a collection or child field of the root state is replaced by another instance.
    @discardableResult
    public func listen<Child: SchemaRef>(_ field: KeyPath<State, Child>, immediate: Bool = true, _ handler: @escaping (_ value: Child, _ previous: Child?) -> Void) -> Listener {
        addField(field, binding: .root, immediate: immediate, same: ===, handler)
    }

    /// Calls `handler` once per message in which any field of `instance` changed.
    @discardableResult
    public func onChange(_ instance: some Schema, _ handler: @escaping () -> Void) -> Listener {
        let watch = InstanceWatch(binding: binding(for: instance), handler: handler)
        let id = ObjectIdentifier(instance)
        instanceWatches[id, default: []].append(watch)
        return Listener { [weak self, weak watch] in
            self?.instanceWatches[id]?.removeAll { $0 === watch }
        }
    }

    /// Calls `handler` for every item added to the root state's collection, with its key; with
    /// `immediate`, at once for the items already there.
    @discardableResult
    public func onAdd<C: CallbackCollection>(_ collection: KeyPath<State, C>, immediate: Bool = true, _ handler: @escaping (_ item: C.Item, _ key: C.ItemKey) -> Void) -> Listener {
        addCollection(collection, binding: .root, kind: .add, immediate: immediate) { item, key in
            if let item = item as? C.Item { handler(item, key) }
        }
    }

    /// Calls `handler` for every item added to `instance`'s collection (see ``onAdd(_:immediate:_:)-(KeyPath<State,C>,_,_)``).
    @discardableResult
    public func onAdd<Owner: Schema, C: CallbackCollection>(_ collection: KeyPath<Owner, C>, on instance: Owner, immediate: Bool = true, _ handler: @escaping (_ item: C.Item, _ key: C.ItemKey) -> Void) -> Listener {
        addCollection(collection, binding: binding(for: instance), kind: .add, immediate: immediate) { item, key in
            if let item = item as? C.Item { handler(item, key) }
        }
    }

    /// Calls `handler` for every item removed from the root state's collection (also by a clear), with
    /// the item as it was.
    @discardableResult
    public func onRemove<C: CallbackCollection>(_ collection: KeyPath<State, C>, _ handler: @escaping (_ item: C.Item, _ key: C.ItemKey) -> Void) -> Listener {
        addCollection(collection, binding: .root, kind: .remove, immediate: false) { item, key in
            if let item = item as? C.Item { handler(item, key) }
        }
    }

    /// Calls `handler` for every item removed from `instance`'s collection.
    @discardableResult
    public func onRemove<Owner: Schema, C: CallbackCollection>(_ collection: KeyPath<Owner, C>, on instance: Owner, _ handler: @escaping (_ item: C.Item, _ key: C.ItemKey) -> Void) -> Listener {
        addCollection(collection, binding: binding(for: instance), kind: .remove, immediate: false) { item, key in
            if let item = item as? C.Item { handler(item, key) }
        }
    }

    /// Calls `handler` with the key and the new item (nil when removed) whenever an item of the root
    /// state's collection is added, replaced or removed.
    @discardableResult
    public func onChange<C: CallbackCollection>(_ collection: KeyPath<State, C>, _ handler: @escaping (_ key: C.ItemKey, _ item: C.Item?) -> Void) -> Listener {
        addCollection(collection, binding: .root, kind: .change, immediate: false) { item, key in
            handler(key, item as? C.Item)
        }
    }

    /// Calls `handler` whenever an item of `instance`'s collection is added, replaced or removed.
    @discardableResult
    public func onChange<Owner: Schema, C: CallbackCollection>(_ collection: KeyPath<Owner, C>, on instance: Owner, _ handler: @escaping (_ key: C.ItemKey, _ item: C.Item?) -> Void) -> Listener {
        addCollection(collection, binding: binding(for: instance), kind: .change, immediate: false) { item, key in
            handler(key, item as? C.Item)
        }
    }

    /// Removes every registration.
    public func removeAll() {
        fieldWatches.removeAll()
        instanceWatches.removeAll()
        collectionWatches.removeAll()
        watchesByCollection.removeAll()
    }

    private func addField<Owner: SchemaRef, Value>(
        _ field: KeyPath<Owner, Value>, binding: Binding, immediate: Bool,
        same: @escaping (Value, Value) -> Bool, _ handler: @escaping (Value, Value?) -> Void
    ) -> Listener {
        let owner = resolve(binding)
        var last: Value?
        if hasState, let owner = owner as? Owner {
            let value = owner[keyPath: field]
            last = value
            if immediate { handler(value, nil) }
        }
        let watch = FieldWatch(binding: binding) { owner in
            guard let owner = owner as? Owner else { return }
            let value = owner[keyPath: field]
            if let previous = last, same(previous, value) { return }
            let previous = last
            last = value
            handler(value, previous)
        }
        let id = ObjectIdentifier(owner)
        fieldWatches[id, default: []].append(watch)
        return Listener { [weak self, weak watch] in
            guard let self, let watch else { return }
            for key in self.fieldWatches.keys { self.fieldWatches[key]?.removeAll { $0 === watch } }
        }
    }

    private func addCollection<Owner: SchemaRef, C: CallbackCollection>(
        _ collection: KeyPath<Owner, C>, binding: Binding, kind: CollectionWatch.Kind, immediate: Bool,
        fire: @escaping (Any?, C.ItemKey) -> Void
    ) -> Listener {
        let watch = CollectionWatch(
            binding: binding, kind: kind,
            collection: { owner in (owner as! Owner)[keyPath: collection] },
            fire: { item, key in if let key = C.itemKey(key) { fire(item, key) } }
        )
        let current = watch.collection(resolve(binding))
        watch.bound = ObjectIdentifier(current)
        collectionWatches.append(watch)
        watchesByCollection[ObjectIdentifier(current), default: []].append(watch)
        if immediate, hasState, let items = current as? any AnySchemaCollection {
            for (key, item) in items.anyEntries {
                if isDispatching { watch.reportedImmediately[key] = item }
                watch.fire(item, key)
            }
        }
        return Listener { [weak self, weak watch] in
            guard let self, let watch else { return }
            watch.isRemoved = true
            self.collectionWatches.removeAll { $0 === watch }
            self.collectionIndexIsStale = true
        }
    }

    /// The root binding for the root state (so the registration survives a rebuild), else the instance's.
    private func binding(for instance: SchemaRef) -> Binding {
        instance === root ? .root : .instance(instance)
    }

    private func resolve(_ binding: Binding) -> SchemaRef {
        switch binding {
        case .root: root
        case .instance(let instance): instance
        }
    }

    // MARK: dispatching

    /// Fires the callbacks of one decoded message's changes, in the order the changes were applied.
    func dispatch(_ changes: [DataChange]) {
        hasState = true
        guard isObserving else { return }
        isDispatching = true
        defer {
            isDispatching = false
            for watch in collectionWatches { watch.reportedImmediately.removeAll() }
        }
        var seen = Set<ObjectIdentifier>()
        var removedSomething = false
        for change in changes {
            let id = ObjectIdentifier(change.ref)
            if change.ref is Schema {
                guard seen.insert(id).inserted else { continue }
                // A collection field may have been replaced: follow the new collection from here on.
                rebindCollections(of: change.ref)
                instanceWatches[id]?.forEach { $0.handler() }
                fieldWatches[id]?.forEach { $0.evaluate(change.ref) }
            } else {
                if Operation.hasDelete(change.operation) { removedSomething = true }
                dispatchItem(change, on: id)
            }
        }
        if removedSomething { removeWatchesOfDetachedInstances() }
    }

    /// Fires the collection callbacks of one item change (the rules of the JS SDK's callbacks): removals
    /// first, so a replaced item (DELETE_AND_ADD) is reported removed, then added; then changes.
    private func dispatchItem(_ change: DataChange, on collection: ObjectIdentifier) {
        if collectionIndexIsStale { rebuildCollectionIndex() }
        guard let watches = watchesByCollection[collection], let key = change.key else { return }
        let operation = change.operation
        let isNewValue = !Self.isSame(change.previousValue, change.value)
        func fire(_ kind: CollectionWatch.Kind) {
            for watch in watches where watch.kind == kind && !watch.isRemoved {
                switch kind {
                case .remove:
                    if Operation.hasDelete(operation), let previous = change.previousValue { watch.fire(previous, key) }
                case .add:
                    guard Operation.hasAdd(operation), let value = change.value else { continue }
                    guard Operation.hasDelete(operation) || isNewValue else { continue }
                    if let reported = watch.reportedImmediately.removeValue(forKey: key), Self.isSame(reported, value) { continue }
                    watch.fire(value, key)
                case .change:
                    if isNewValue { watch.fire(change.value, key) }
                }
            }
        }
        fire(.remove)
        fire(.add)
        fire(.change)
    }

    private func rebindCollections(of owner: SchemaRef) {
        for watch in collectionWatches where resolve(watch.binding) === owner {
            let current = ObjectIdentifier(watch.collection(owner))
            if watch.bound != current {
                watch.bound = current
                collectionIndexIsStale = true
            }
        }
    }

    private func rebuildCollectionIndex() {
        watchesByCollection.removeAll(keepingCapacity: true)
        for watch in collectionWatches {
            if let bound = watch.bound { watchesByCollection[bound, default: []].append(watch) }
        }
        collectionIndexIsStale = false
    }

    /// Drops registrations on instances the decoder no longer holds (removed from the state).
    private func removeWatchesOfDetachedInstances() {
        func isAttached(_ binding: Binding) -> Bool {
            guard case .instance(let instance) = binding else { return true }
            return instance.refId >= 0 && decoder.ref(withId: instance.refId) === instance
        }
        fieldWatches = fieldWatches.filter { $0.value.first.map { isAttached($0.binding) } ?? false }
        instanceWatches = instanceWatches.filter { $0.value.first.map { isAttached($0.binding) } ?? false }
        let before = collectionWatches.count
        collectionWatches.removeAll { !isAttached($0.binding) }
        if collectionWatches.count != before { collectionIndexIsStale = true }
    }

    /// Moves the root-bound registrations to a rebuilt state (after a reconnection): reports every item
    /// of the old state's watched collections as removed, then dispatches the new state's changes.
    func rebuild(with newDecoder: StateDecoder<State>, changes: [DataChange]) {
        for watch in collectionWatches where watch.kind != .add {
            guard case .root = watch.binding, let items = watch.collection(root) as? any AnySchemaCollection else { continue }
            for (key, item) in items.anyEntries { watch.fire(watch.kind == .remove ? item : nil, key) }
        }
        let oldRoot = ObjectIdentifier(root)
        decoder = newDecoder
        root = newDecoder.state
        let newRoot = ObjectIdentifier(root)
        let rootFieldWatches = fieldWatches[oldRoot]
        fieldWatches = rootFieldWatches.map { [newRoot: $0] } ?? [:]
        let rootInstanceWatches = instanceWatches[oldRoot]
        instanceWatches = rootInstanceWatches.map { [newRoot: $0] } ?? [:]
        collectionWatches.removeAll { if case .root = $0.binding { false } else { true } }
        for watch in collectionWatches { watch.bound = ObjectIdentifier(watch.collection(root)) }
        collectionIndexIsStale = true
        dispatch(changes)
    }

    /// Whether two item values are the same: the same instance for schema items, equal for primitives.
    private static func isSame(_ lhs: Any?, _ rhs: Any?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): return true
        case (nil, _), (_, nil): return false
        case let (lhs?, rhs?):
            if let lhs = lhs as? SchemaRef, let rhs = rhs as? SchemaRef { return lhs === rhs }
            if let lhs = lhs as? AnyHashable, let rhs = rhs as? AnyHashable { return lhs == rhs }
            return false
        }
    }
}
