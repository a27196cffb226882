/// The in-process ``Presence``: everything lives in this actor's memory (the embedded default).
public actor LocalPresence: Presence {
    private var subscribers: [String: [Int: @Sendable (JSONValue) async -> Void]] = [:]
    private var nextSubscriptionId = 0
    private var values: [String: String] = [:]
    private var sets: [String: [String]] = [:]
    private var hashes: [String: [String: String]] = [:]
    private var lists: [String: [String]] = [:]
    private var expiries: [String: Task<Void, Never>] = [:]

    public init() {}

    // MARK: pub/sub

    public func subscribe(_ topic: String, _ handler: @escaping @Sendable (JSONValue) async -> Void) -> PresenceSubscription {
        nextSubscriptionId += 1
        subscribers[topic, default: [:]][nextSubscriptionId] = handler
        return PresenceSubscription(topic: topic, id: nextSubscriptionId)
    }

    public func unsubscribe(_ subscription: PresenceSubscription) {
        subscribers[subscription.topic]?[subscription.id] = nil
        if subscribers[subscription.topic]?.isEmpty == true { subscribers[subscription.topic] = nil }
    }

    public func unsubscribeAll(_ topic: String) {
        subscribers[topic] = nil
    }

    @discardableResult
    public func publish(_ topic: String, _ message: JSONValue) async -> Int {
        guard let handlers = subscribers[topic] else { return 0 }
        for (_, handler) in handlers.sorted(by: { $0.key < $1.key }) {
            await handler(message)
        }
        return handlers.count
    }

    public func channels(matching pattern: String?) -> [String] {
        subscribers.keys.filter { topic in pattern.map { Glob.matches(topic, pattern: $0) } ?? true }.sorted()
    }

    // MARK: keys

    /// Sets `key` and, as Redis's SET, drops its time to live.
    public func set(_ key: String, _ value: String) {
        values[key] = value
        clearExpiry(key)
    }

    public func setex(_ key: String, _ value: String, seconds: Double) {
        values[key] = value
        expire(key, seconds: seconds)
    }

    /// As Redis's EXPIRE: nothing happens when `key` does not exist.
    public func expire(_ key: String, seconds: Double) {
        guard exists(key) else { return }
        expiries[key]?.cancel()
        expiries[key] = Task {
            try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            guard !Task.isCancelled else { return }
            self.expired(key)
        }
    }

    private func expired(_ key: String) {
        del(key)
    }

    private func clearExpiry(_ key: String) {
        expiries.removeValue(forKey: key)?.cancel()
    }

    public func get(_ key: String) -> String? { values[key] }

    public func del(_ key: String) {
        clearExpiry(key)
        values[key] = nil
        sets[key] = nil
        hashes[key] = nil
        lists[key] = nil
    }

    public func exists(_ key: String) -> Bool {
        values[key] != nil || sets[key] != nil || hashes[key] != nil || lists[key] != nil
    }

    public func incr(_ key: String) -> Int { add(1, to: key) }
    public func decr(_ key: String) -> Int { add(-1, to: key) }

    private func add(_ amount: Int, to key: String) -> Int {
        let result = (values[key].flatMap { Int($0) } ?? 0) + amount
        values[key] = String(result)
        return result
    }

    // MARK: sets

    public func sadd(_ key: String, _ member: String) {
        if !(sets[key]?.contains(member) ?? false) { sets[key, default: []].append(member) }
    }

    public func srem(_ key: String, _ member: String) {
        sets[key]?.removeAll { $0 == member }
    }

    public func smembers(_ key: String) -> [String] { sets[key] ?? [] }
    public func sismember(_ key: String, _ member: String) -> Bool { sets[key]?.contains(member) ?? false }
    public func scard(_ key: String) -> Int { sets[key]?.count ?? 0 }

    public func sinter(_ keys: [String]) -> [String] {
        guard let first = keys.first else { return [] }
        return smembers(first).filter { member in keys.dropFirst().allSatisfy { sismember($0, member) } }
    }

    // MARK: hashes

    public func hset(_ key: String, _ field: String, _ value: String) {
        hashes[key, default: [:]][field] = value
    }

    public func hincrby(_ key: String, _ field: String, _ amount: Int) -> Int {
        let result = (hashes[key]?[field].flatMap { Int($0) } ?? 0) + amount
        hashes[key, default: [:]][field] = String(result)
        return result
    }

    public func hget(_ key: String, _ field: String) -> String? { hashes[key]?[field] }
    public func hgetall(_ key: String) -> [String: String] { hashes[key] ?? [:] }

    public func hdel(_ key: String, _ field: String) -> Bool {
        hashes[key]?.removeValue(forKey: field) != nil
    }

    public func hlen(_ key: String) -> Int { hashes[key]?.count ?? 0 }

    // MARK: lists

    public func rpush(_ key: String, _ values: [String]) -> Int {
        lists[key, default: []].append(contentsOf: values)
        return lists[key]!.count
    }

    public func lpush(_ key: String, _ values: [String]) -> Int {
        for value in values { lists[key, default: []].insert(value, at: 0) }
        return lists[key]?.count ?? 0
    }

    public func lpop(_ key: String) -> String? {
        guard var list = lists[key], !list.isEmpty else { return nil }
        let first = list.removeFirst()
        lists[key] = list
        return first
    }

    public func rpop(_ key: String) -> String? {
        lists[key]?.popLast()
    }

    public func llen(_ key: String) -> Int { lists[key]?.count ?? 0 }

    public func shutdown() {
        for task in expiries.values { task.cancel() }
        expiries.removeAll()
        subscribers.removeAll()
    }
}

/// Redis-style glob matching (`*` any run, `?` one character), case-insensitive as the reference.
enum Glob {
    static func matches(_ text: String, pattern: String) -> Bool {
        let text = Array(text.lowercased()), pattern = Array(pattern.lowercased())
        var t = 0, p = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
                t += 1
                p += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
