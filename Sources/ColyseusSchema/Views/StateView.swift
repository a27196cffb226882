/// What one client (or several clients sharing it) may see of the `@view` fields of a state
/// (PROTOCOL.md §10), as the reference's `StateView`.
///
/// Fields tagged `@view` or `@view(n)` are not sent to everyone. A client whose `view` contains an
/// instance receives that instance's `@view` fields (the default tag) and, once added with tag `n`,
/// its `@view(n)` fields. Adding an instance makes its parents visible as well; its children reached
/// through untagged fields share its visibility, while the items of a `@view` collection are added
/// one by one. Changing a view between patches sends the client what it gained or lost in its next
/// patch.
///
/// A view belongs to the state of the first instance added to it, and is used from that state's room
/// only.
public final class StateView {
    /// The tag of `@view` without an argument.
    public static let defaultTag = ViewFields.defaultTag

    /// The state's change root, once an instance was added.
    @exclusivity(unchecked) private(set) weak var root: ChangeRoot?
    /// This view's bit in the refs' ``ViewTracking``.
    @exclusivity(unchecked) private(set) var slot = -1
    /// Custom tags held per refId (and the tags of parents made visible).
    @exclusivity(unchecked) private var tags: [Int: Set<Int>] = [:]
    /// Operations forced on the next patch.
    @exclusivity(unchecked) var changes = ViewChanges()
    /// Whether a removal may have placed an entry of `changes` before an ancestor's.
    @exclusivity(unchecked) var changesOutOfOrder = false
    /// The instances added explicitly, for ``clear()``.
    @exclusivity(unchecked) private var items: [SchemaRef] = []

    public init() {}

    /// Whether the next patch carries operations this view forces (instances added or removed since
    /// the last patch), even when the state did not change.
    public var hasPendingChanges: Bool { !changes.isEmpty }

    // MARK: adding

    /// Makes `instance` visible with `tag`: with the default tag, its `@view` fields (and its parents);
    /// with a custom tag, its `@view(tag)` fields. `instance` must be part of the state.
    @discardableResult
    public func add(_ instance: SchemaRef, tag: Int = StateView.defaultTag) -> Bool {
        add(instance, tag: tag, includingParents: true)
    }

    @discardableResult
    private func add(_ ref: SchemaRef, tag: Int, includingParents: Bool) -> Bool {
        let root = bind(to: ref)
        let views = tracking(of: ref)
        views.setVisible(true, slot: slot)
        let fields = (ref as? Schema).flatMap { schema in root.filterTypes.map { $0.viewFields(of: type(of: schema)) } }
        if includingParents {
            items.append(ref)
            if let parent = ref.parents.last?.takeUnretainedValue() { addParent(parent, of: ref, tag: tag) }
        }
        _ = changes.touch(ref)

        var isChildAdded = false
        forEachChild(of: ref, fields: fields) { child, index in
            if let fieldTag = fields?.tags[index], fieldTag != tag { return }
            if add(child, tag: tag, includingParents: false) { isChildAdded = true }
        }

        if tag != Self.defaultTag {
            tags[ref.refId, default: []].insert(tag)
            for index in fields?.indexes(withTag: tag) ?? [] where ref.pending.operation(at: index) != Operation.delete {
                changes.set(Operation.add, at: index, of: ref)
            }
        } else if !ref.isNew || isChildAdded {
            ref.forEachViewEntryIndex(filtered: views.hasFilteredChanges) { index in
                let operation = ref.pending.operation(at: index) ?? Operation.add
                guard operation != Operation.delete else { return }
                // The reference also sends custom-tag fields of a ref the view could not see before
                // (PROTOCOL.md §12 #9): a leak of exactly what tags hide, so they are sent only
                // when the view holds their tag.
                if let fieldTag = fields?.tags[index], fieldTag != tag, !hasTag(ref, fieldTag) { return }
                changes.set(operation, at: index, of: ref)
                isChildAdded = true
            }
        }
        return isChildAdded
    }

    /// Makes the parents of `child` visible, nearest last, and forces the operations introducing it.
    private func addParent(_ parent: SchemaRef, of child: SchemaRef, tag: Int) {
        let parentViews = tracking(of: parent)
        if !parentViews.isVisible(toSlot: slot) {
            parentViews.setVisible(true, slot: slot)
            if let grandparent = parent.parents.last?.takeUnretainedValue(), grandparent.views?.hasFilteredChanges == true {
                addParent(grandparent, of: parent, tag: tag)
            }
        }
        let index = parent.viewIndex(ofChild: child)
        guard parent.pending.operation(at: index) != Operation.delete else { return }
        tags[parent.refId, default: []].insert(tag)
        changes.set(Operation.add, at: index, of: parent)
    }

    // MARK: removing

    /// Hides `instance` again: with the default tag, its `@view` fields (or, for an item of a filtered
    /// collection, the item itself); with a custom tag, its `@view(tag)` fields. The client gets the
    /// deletions in its next patch.
    public func remove(_ instance: SchemaRef, tag: Int = StateView.defaultTag) {
        remove(instance, tag: tag, isClearing: false)
    }

    private func remove(_ ref: SchemaRef, tag: Int, isClearing: Bool) {
        guard let root = ref.root, root === self.root else { return }
        changesOutOfOrder = true
        tracking(of: ref).setVisible(false, slot: slot)
        if !isClearing, let position = items.firstIndex(where: { $0 === ref }) { items.remove(at: position) }
        let fields = (ref as? Schema).flatMap { schema in root.filterTypes.map { $0.viewFields(of: type(of: schema)) } }

        if tag == Self.defaultTag, let parent = ref.parents.last?.takeUnretainedValue(), !(parent is Schema), ref.isFiltered {
            let index = parent.viewIndex(ofChild: ref)
            if changes.operation(at: index, of: parent) == Operation.add {
                // Added and removed before a patch: what the addition forced on the item goes.
                changes.remove(ref)
            }
            changes.set(Operation.delete, at: index, of: parent)
            hideDescendants(of: ref)
        } else {
            _ = changes.touch(ref)
            let indexes = tag == Self.defaultTag
                ? (fields?.tags.indices.filter { fields?.tags[$0] != nil } ?? [])
                : (fields?.indexes(withTag: tag) ?? [])
            for index in indexes {
                changes.set(Operation.delete, at: index, of: ref)
                if let child = (ref as? Schema)?.value(ofField: index) as? SchemaRef {
                    tracking(of: child).setVisible(false, slot: slot)
                    hideDescendants(of: child)
                }
            }
        }
        if var refTags = tags[ref.refId] {
            refTags.remove(tag)
            tags[ref.refId] = refTags.isEmpty ? nil : refTags
        }
    }

    private func hideDescendants(of ref: SchemaRef) {
        ref.forEachChildRef { child in
            child.views?.setVisible(false, slot: slot)
            hideDescendants(of: child)
        }
    }

    /// Removes every instance added with ``add(_:tag:)`` (with the default tag).
    public func clear() {
        for item in items { remove(item, tag: Self.defaultTag, isClearing: true) }
        items.removeAll()
    }

    // MARK: queries

    /// Whether this view sees `instance`.
    public func has(_ instance: SchemaRef) -> Bool {
        slot >= 0 && instance.root === root && instance.views?.isVisible(toSlot: slot) == true
    }

    /// Whether `instance` was added with `tag` (or made visible as a parent of an instance added with it).
    public func hasTag(_ instance: SchemaRef, _ tag: Int = StateView.defaultTag) -> Bool {
        instance.root != nil && instance.root === root && tags[instance.refId]?.contains(tag) == true
    }

    /// Whether this view sees `ref` during an encode: added (or made visible as a parent), or a child
    /// sharing its parent's visibility (which then becomes visible itself, as in the reference).
    @inline(__always) func sees(_ ref: SchemaRef) -> Bool {
        let views = ref.views.unsafelyUnwrapped
        return views.isVisible(toSlot: slot) || (views.sharesVisibilityWithParent && seesThroughParent(ref))
    }

    /// Whether a ref that shares its parent's visibility is seen through its parent (it then becomes
    /// visible itself).
    func seesThroughParent(_ ref: SchemaRef) -> Bool {
        guard let parent = ref.parents.last?.takeUnretainedValue(), parent.views?.isVisible(toSlot: slot) == true else { return false }
        ref.views.unsafelyUnwrapped.setVisible(true, slot: slot)
        return true
    }

    // MARK: binding

    private func bind(to ref: SchemaRef) -> ChangeRoot {
        guard let root = ref.root else {
            preconditionFailure("StateView.add: the \(ref.typeDescription) instance is not part of an encoded state; assign it to the state before adding it to a view")
        }
        if let bound = self.root {
            precondition(bound === root, "a StateView is bound to one state; this \(ref.typeDescription) belongs to another")
        } else {
            precondition(slot < 0, "this StateView's state is gone")
            self.root = root
            slot = root.bindViewSlot(self)
        }
        return root
    }

    private func tracking(of ref: SchemaRef) -> ViewTracking {
        if let views = ref.views { return views }
        let views = ViewTracking(capacityHint: 0)
        ref.views = views
        return views
    }

    private func forEachChild(of ref: SchemaRef, fields: ViewFields?, _ body: (SchemaRef, Int) -> Void) {
        if let schema = ref as? Schema {
            let indexes = fields?.refFieldIndexes ?? type(of: schema).allFields.filter { if case .primitive = $0.type { false } else { true } }.map(\.index)
            for index in indexes {
                if let child = schema.value(ofField: index) as? SchemaRef { body(child, index) }
            }
        } else {
            ref.forEachChildRef { body($0, $0.parentIndex) }
        }
    }
}
