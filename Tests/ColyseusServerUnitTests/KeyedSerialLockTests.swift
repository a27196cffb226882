import Testing

@testable import ColyseusServer

/// One critical section at a time per key (Support/KeyedSerialLock.swift), as matchmaking's joinOrCreate needs.
@Suite(.timeLimit(.minutes(1)))
struct KeyedSerialLockTests {
    struct Counters: Sendable {
        var inside = 0
        var maxInside = 0
        var entries = 0

        mutating func enter() {
            inside += 1
            entries += 1
            maxInside = max(maxInside, inside)
        }
    }

    struct Failure: Error {}

    @Test func criticalSectionsOfOneKeyNeverOverlap() async throws {
        let lock = KeyedSerialLock()
        let counters = Locked(Counters())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await lock.withLock("battle") {
                        counters.withLock { $0.enter() }
                        // Give the other tasks every chance to get in.
                        for _ in 0..<3 { await Task.yield() }
                        if index.isMultiple(of: 4) { try await Task.sleep(for: .milliseconds(2)) }
                        counters.withLock { $0.inside -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(counters.value.entries == 40)
        #expect(counters.value.maxInside == 1)
        #expect(counters.value.inside == 0)
    }

    /// Two keys are independent: a section for "a" waits inside until one for "b" has entered too.
    @Test func differentKeysOverlap() async throws {
        let lock = KeyedSerialLock()
        let counters = Locked(Counters())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for key in ["a", "b"] {
                group.addTask {
                    try await lock.withLock(key) {
                        counters.withLock { $0.enter() }
                        // Bounded, so that a lock serialising all keys fails instead of hanging.
                        var polls = 0
                        while counters.value.maxInside < 2 && polls < 1000 {
                            try await Task.sleep(for: .milliseconds(5))
                            polls += 1
                        }
                        counters.withLock { $0.inside -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(counters.value.maxInside == 2)
    }

    @Test func returnsTheBodysValue() async throws {
        let lock = KeyedSerialLock()
        let value = try await lock.withLock("k") { 42 }
        #expect(value == 42)
        #expect(try await lock.withLock("k") { "again" } == "again")
    }

    /// A throwing section releases the key: the error reaches the caller, the next section runs.
    @Test func aThrowingSectionReleasesTheKey() async throws {
        let lock = KeyedSerialLock()
        await #expect(throws: Failure.self) {
            try await lock.withLock("k") { () async throws -> Int in throw Failure() }
        }
        #expect(try await lock.withLock("k") { 1 } == 1)
    }

    /// Sections queued behind a held key wait for it, then all get their turn.
    @Test func waitersRunAfterTheHolder() async throws {
        let lock = KeyedSerialLock()
        let order = Locked<[Int]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            try await lock.withLock("k") {
                for index in 0..<5 {
                    group.addTask {
                        try await lock.withLock("k") { order.withLock { $0.append(index) } }
                    }
                    for _ in 0..<50 { await Task.yield() }
                }
                #expect(order.value.isEmpty)
            }
            try await group.waitForAll()
        }
        #expect(order.value.sorted() == [0, 1, 2, 3, 4])
    }
}
