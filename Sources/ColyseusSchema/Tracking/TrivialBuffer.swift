/// A growable buffer of plain values owned by one ref: like `Array` without copy-on-write checks,
/// bounds checks in release builds, or reallocation when emptied. Patch encoding walks these every
/// tick, so they must cost no more than the loads and stores themselves.
struct TrivialBuffer<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    init() {}

    /// A buffer holding `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        if count > 0 {
            base = .allocate(capacity: count)
            base!.initialize(repeating: value, count: count)
            self.count = count
            capacity = count
        }
    }

    deinit { base?.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The storage, valid until the buffer is next mutated.
    var baseAddress: UnsafePointer<Element>? { base.map { UnsafePointer($0) } }

    subscript(position: Int) -> Element {
        @inline(__always) get {
            assert(position >= 0 && position < count, "TrivialBuffer index out of range")
            return base.unsafelyUnwrapped[position]
        }
        @inline(__always) set {
            assert(position >= 0 && position < count, "TrivialBuffer index out of range")
            base.unsafelyUnwrapped[position] = newValue
        }
    }

    @inline(__always) mutating func append(_ element: Element) {
        if count == capacity { reserve(Swift.max(8, capacity * 2)) }
        base.unsafelyUnwrapped[count] = element
        count += 1
    }

    /// Appends copies of `value` until the buffer holds `newCount` elements.
    mutating func extend(to newCount: Int, with value: Element) {
        guard newCount > count else { return }
        if newCount > capacity { reserve(Swift.max(newCount, capacity * 2)) }
        (base.unsafelyUnwrapped + count).initialize(repeating: value, count: newCount - count)
        count = newCount
    }

    /// Keeps the first `newCount` elements.
    mutating func truncate(to newCount: Int) {
        assert(newCount >= 0 && newCount <= count)
        count = newCount
    }

    /// Empties the buffer, keeping its storage.
    @inline(__always) mutating func removeAll() { count = 0 }

    private mutating func reserve(_ newCapacity: Int) {
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
    }
}
