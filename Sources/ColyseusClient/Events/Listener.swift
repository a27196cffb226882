/// What registering a callback returns: call ``remove()`` to stop it. Dropping the value keeps the
/// callback registered.
public struct Listener {
    private let removal: () -> Void

    init(_ removal: @escaping () -> Void) {
        self.removal = removal
    }

    /// Unregisters the callback; it is not called again, even later in a dispatch under way.
    public func remove() {
        removal()
    }
}

/// The callbacks registered for one event, in registration order.
final class ListenerList<Handler> {
    private var entries: [(id: Int, handler: Handler)] = []
    private var nextId = 0

    var isEmpty: Bool { entries.isEmpty }

    /// Registers `handler`; the returned listener removes it.
    func add(_ handler: Handler) -> Listener {
        nextId += 1
        let id = nextId
        entries.append((id, handler))
        return Listener { [weak self] in self?.entries.removeAll { $0.id == id } }
    }

    /// Calls `body` with every handler registered when the call starts that is still registered when
    /// its turn comes (a handler may remove others, or itself).
    func forEach(_ body: (Handler) -> Void) {
        let snapshot = entries
        for entry in snapshot where entries.contains(where: { $0.id == entry.id }) {
            body(entry.handler)
        }
    }

    func removeAll() {
        entries.removeAll()
    }
}
