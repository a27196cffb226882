import Testing

@testable import ColyseusServer

/// Room ids, session ids and reconnection tokens (Support/IdGenerator.swift).
@Suite struct IdGeneratorTests {
    static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

    @Test func nineCharactersOfTheURLSafeAlphabet() {
        for _ in 0..<1000 {
            let id = IdGenerator.make()
            #expect(id.count == 9)
            #expect(id.utf8.count == 9)
            #expect(id.allSatisfy(Self.alphabet.contains), "\(id)")
        }
    }

    @Test func otherLengths() {
        #expect(IdGenerator.make(length: 0) == "")
        #expect(IdGenerator.make(length: 1).count == 1)
        #expect(IdGenerator.make(length: 21).count == 21)
    }

    @Test func tenThousandIdsAreUnique() {
        let ids = (0..<10_000).map { _ in IdGenerator.make() }
        #expect(Set(ids).count == ids.count)
    }

    /// All 64 characters turn up (the generator is not stuck on part of the alphabet); 64 × 2000 draws make a miss
    /// astronomically unlikely for a uniform source.
    @Test func everyCharacterOccurs() {
        var seen = Set<Character>()
        for _ in 0..<2000 { seen.formUnion(IdGenerator.make()) }
        #expect(seen == Self.alphabet)
    }
}
