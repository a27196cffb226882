import ColyseusSchema
import VectorStates
import SchemaTestSupport
import Testing

/// Random mutation sequences: after every patch, a decoder fed only the patches holds the server's
/// state, holds exactly the refs reachable from it (garbage collection), and a client joining from a
/// full state at that moment agrees too.
@Suite("Random mutations")
struct PropertyTests {
    @Test(arguments: Array(1...12) as [UInt64])
    func decoderFollowsTheServer(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let state = Arena()
        let encoder = StateEncoder(state: state)
        let decoder = StateDecoder<Arena>()
        try decoder.decode(encoder.encodeFullState())
        encoder.discardChanges()
        var mutator = ArenaMutator(state: state)

        for tick in 0..<300 {
            var applied: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                applied.append(mutator.mutate(using: &random))
            }
            if let patch = encoder.encodePatch() {
                try decoder.decode(patch)
            }
            let expected = StateJSON.value(state)
            #expect(StateJSON.value(decoder.state) == expected, "seed \(seed) tick \(tick) after \(applied)")
            #expect(decoder.refCount == reachableRefCount(state), "seed \(seed) tick \(tick): decoder holds \(decoder.refCount) refs after \(applied)")
            if tick % 25 == 0 {
                let lateDecoder = StateDecoder<Arena>()
                try lateDecoder.decode(encoder.encodeFullState())
                #expect(StateJSON.value(lateDecoder.state) == expected, "late join, seed \(seed) tick \(tick)")
            }
            if StateJSON.value(decoder.state) != expected || decoder.refCount != reachableRefCount(state) { return }
        }
    }

    /// The number of distinct refs reachable from `root`, root included.
    private func reachableRefCount(_ root: Schema) -> Int {
        var seen = Set<ObjectIdentifier>()
        func visit(_ value: Any) {
            guard let ref = value as? SchemaRef, seen.insert(ObjectIdentifier(ref)).inserted else { return }
            if let schema = ref as? Schema {
                for field in type(of: schema).allFields {
                    if let child = schema.value(ofField: field.index) { visit(child) }
                }
            } else if let collection = ref as? any AnySchemaCollection {
                for entry in collection.anyEntries { visit(entry.value) }
            }
        }
        visit(root)
        return seen.count
    }
}

/// Applies one random mutation to an ``Arena`` and says which.
struct ArenaMutator {
    let state: Arena
    private var nextId = 0
    /// Items created so far, to share instances between collections and fields.
    private var pool: [Item] = []
    /// Squads created so far: removed ones come back later, with their nested collections.
    private var squads: [Squad] = []

    init(state: Arena) { self.state = state }

    private mutating func newItem(using random: inout SplitMix64) -> Item {
        nextId += 1
        let item = Item()
        item.id = "i\(nextId)"
        if Bool.random(using: &random) { item.v = Double(Int.random(in: -100...100, using: &random)) / 4 }
        pool.append(item)
        if pool.count > 12 { pool.removeFirst() }
        return item
    }

    private mutating func someItem(using random: inout SplitMix64) -> Item {
        if !pool.isEmpty, Bool.random(using: &random) { return pool.randomElement(using: &random)! }
        return newItem(using: &random)
    }

    private mutating func newEntity(using random: inout SplitMix64) -> Entity {
        nextId += 1
        let entity: Entity
        switch Int.random(in: 0..<4, using: &random) {
        case 0: entity = Entity()
        case 1:
            let hero = Hero()
            hero.name = "h\(nextId)"
            hero.hp = UInt8.random(in: 0...255, using: &random)
            entity = hero
        case 2:
            let bot = Bot()
            bot.level = Int16.random(in: -5...5, using: &random)
            entity = bot
        default: entity = Marker()
        }
        entity.id = "e\(nextId)"
        return entity
    }

    private func key(using random: inout SplitMix64) -> String { "k\(Int.random(in: 0..<8, using: &random))" }

    private mutating func squadMutation(using random: inout SplitMix64) -> String {
        let key = "s\(Int.random(in: 0..<4, using: &random))"
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            let squad = squads.isEmpty || Bool.random(using: &random) ? Squad() : squads.randomElement(using: &random)!
            if !squads.contains(where: { $0 === squad }) { squads.append(squad) }
            state.squads[key] = squad
            return "squads[\(key)] = squad"
        case 1:
            state.squads[key] = nil
            return "squads[\(key)] = nil"
        case 2:
            guard let squad = squads.randomElement(using: &random) else { return "-" }
            squad.members.append(someItem(using: &random))
            if squad.members.count > 3 { squad.members.popFirst() }
            return "squad.members.append"
        case 3:
            guard let squad = squads.randomElement(using: &random) else { return "-" }
            squad.captain = Bool.random(using: &random) ? someItem(using: &random) : nil
            return "squad.captain ="
        default:
            guard let squad = squads.randomElement(using: &random) else { return "-" }
            squad.tags.insert("t\(Int.random(in: 0..<3, using: &random))")
            return "squad.tags.insert"
        }
    }

    mutating func mutate(using random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<34, using: &random) {
        case 30, 31, 32, 33:
            return squadMutation(using: &random)
        case 0:
            let player = Player()
            player.x = Double(Int.random(in: 0...50, using: &random))
            let key = key(using: &random)
            state.players[key] = player
            return "players[\(key)] = new"
        case 1:
            let key = key(using: &random)
            state.players[key] = nil
            return "players[\(key)] = nil"
        case 2:
            guard let (key, player) = state.players.map({ $0 }).randomElement(using: &random) else { return "-" }
            player.x = Double(Int.random(in: 0...5, using: &random))
            player.y = Bool.random(using: &random) ? nil : 1.5
            player.name = Bool.random(using: &random) ? "n\(nextId)" : nil
            return "players[\(key)] fields"
        case 3:
            state.items.append(someItem(using: &random))
            return "items.append"
        case 4:
            guard !state.items.isEmpty else { return "-" }
            let position = Int.random(in: 0..<state.items.count, using: &random)
            state.items.remove(at: position)
            return "items.remove(\(position))"
        case 5:
            guard !state.items.isEmpty else { return "-" }
            let position = Int.random(in: 0..<state.items.count, using: &random)
            state.items[position] = someItem(using: &random)
            return "items[\(position)] = item"
        case 6:
            let position = Int.random(in: 0...state.items.count, using: &random)
            state.items.insert(someItem(using: &random), at: position)
            return "items.insert(at: \(position))"
        case 7:
            state.items.removeAll()
            return "items.removeAll"
        case 8:
            state.items.reverse()
            return "items.reverse"
        case 9:
            guard let item = state.items.randomElement(using: &random) else { return "-" }
            item.v = Bool.random(using: &random) ? nil : Double(Int.random(in: 0...9, using: &random))
            return "items[?].v"
        case 10:
            state.nums.append(Double(Int.random(in: -300...300, using: &random)))
            return "nums.append"
        case 11:
            guard !state.nums.isEmpty else { return "-" }
            let position = Int.random(in: 0..<state.nums.count, using: &random)
            state.nums[position] = Double(Int.random(in: 0...9, using: &random)) + 0.5
            return "nums[\(position)] ="
        case 12:
            guard !state.nums.isEmpty else { return "-" }
            if Bool.random(using: &random) { state.nums.popFirst() } else { state.nums.popLast() }
            return "nums.pop"
        case 13:
            state.nums.insert(Double(Int.random(in: 0...9, using: &random)), at: 0)
            return "nums.insert(at: 0)"
        case 14:
            state.nums.sort(by: <)
            return "nums.sort"
        case 15:
            guard state.nums.count >= 2 else { return "-" }
            state.nums.splice(0, deleteCount: 2, insert: [42])
            return "nums.splice(0, 2, [42])"
        case 16:
            state.tags.insert("t\(Int.random(in: 0..<6, using: &random))")
            return "tags.insert"
        case 17:
            state.tags.remove("t\(Int.random(in: 0..<6, using: &random))")
            return "tags.remove"
        case 18:
            state.bag.insert(someItem(using: &random))
            return "bag.insert"
        case 19:
            guard let item = state.bag.elements.randomElement(using: &random) else { return "-" }
            state.bag.remove(item)
            return "bag.remove"
        case 20:
            if Bool.random(using: &random) { state.bag.removeAll() } else { state.tags.removeAll() }
            return "bag/tags.removeAll"
        case 21:
            let key = key(using: &random)
            state.entities[key] = newEntity(using: &random)
            return "entities[\(key)] = entity"
        case 22:
            let key = key(using: &random)
            state.entities[key] = nil
            return "entities[\(key)] = nil"
        case 23:
            state.leader = Int.random(in: 0..<3, using: &random) == 0 ? nil : someItem(using: &random)
            return "leader ="
        case 24:
            state.round &+= 1
            state.title = Bool.random(using: &random) ? "round \(state.round)" : nil
            return "round/title"
        case 25:
            state.list.append(newEntity(using: &random))
            if state.list.count > 4 { state.list.popFirst() }
            return "list.append"
        case 26:
            state.weights.append(Double(Int.random(in: 0...9, using: &random)) / 3)
            return "weights.append"
        case 27:
            let key = key(using: &random)
            if Bool.random(using: &random) { state.scores[key] = Int32.random(in: -9...9, using: &random) } else { state.scores[key] = nil }
            return "scores[\(key)]"
        case 28:
            state.items = ArraySchema((0..<Int.random(in: 0...3, using: &random)).map { _ in someItem(using: &random) })
            return "items = new array"
        default:
            if Bool.random(using: &random) { state.players.removeAll() } else { state.scores.removeAll() }
            return "players/scores.removeAll"
        }
    }
}
