import DemoState
import Testing

/// The richer example (Schemas/Battle.schema) through the generated classes: declared defaults,
/// polymorphic entities with TYPE_ID, the fixed-width and bigint fields of Boss, and change reports.
@Suite("DemoState: BattleState")
struct BattleStateTests {
    /// Type ids by the discovery of PROTOCOL.md §8.15, from the root class BattleState:
    /// BattleState 0; its fields in index order: `fighters` → Fighter 1, whose `hand` → Card 2;
    /// `entities` → Entity 3, then Entity's registered subclasses before anything else: Monster 4,
    /// and Monster's subclass Boss 5 (its ancestors are already seen, its fields are primitives);
    /// `bullets` → Bullet 6; `leader` is a Fighter (seen); `settings` → Settings 7.
    static let typeNames = ["BattleState", "Fighter", "Card", "Entity", "Monster", "Boss", "Bullet", "Settings"]

    @Test("type ids follow the §8.15 discovery order, on the server and on the client")
    func typeIds() {
        let encoder = StateEncoder(state: BattleState())
        #expect(encoder.types.types.map { $0.schemaName } == Self.typeNames)
        let client = StateDecoder<BattleState>()
        #expect(client.types.types.map { $0.schemaName } == Self.typeNames)
    }

    @Test("the handshake describes the eight classes with those ids and the inheritance chain")
    func handshake() throws {
        let encoder = StateEncoder(state: BattleState())
        let (types, rootType) = try ReflectedType.decodeHandshake(encoder.encodeHandshake())
        #expect(rootType == 0)
        let entity: String = " 0:id:string 1:x:number 2:y:number"
        let monster: String = entity + " 3:hp:uint16"
        let boss: String = monster + " 4:stage:uint8 5:lootValue:biguint64 6:damageTaken:bigint64"
            + " 7:health:int16 8:shield:uint32 9:armor:int8 10:level:int32 11:enraged:boolean"
        let root: String = " 0:fighters:map<#1> 1:entities:map<#3> 2:bullets:array<#6> 3:round:uint16 4:phase:string"
            + " 5:winners:set<string> 6:chat:collection<string> 7:leader:ref:#1 8:settings:ref:#7 9:laneWeights:array<float32>"
        let expected: [String] = [
            "0 extends -:" + root,
            "1 extends -: 0:name:string 1:x:float32 2:y:float32 3:hp:uint8 4:alive:boolean 5:hand:array<#2> 6:secretScore:int32",
            "2 extends -: 0:suit:uint8 1:rank:uint8",
            "3 extends -:" + entity,
            "4 extends 3:" + monster,
            "5 extends 4:" + boss,
            "6 extends -: 0:x:float32 1:y:float32 2:vx:float32 3:vy:float32 4:owner:string",
            "7 extends -: 0:maxFighters:uint8 1:mapName:string 2:seed:uint64 3:tickRate:float64 4:createdAt:int64 5:motd:string",
        ]
        #expect(describe(types) == expected)
    }

    @Test("declared defaults travel in a fresh state's full state")
    func defaults() throws {
        let server = BattleState()
        server.fighters["f"] = Fighter()
        let encoder = StateEncoder(state: server)

        // The client starts from other values, so the defaults it ends with come from the wire.
        let initial = BattleState()
        initial.round = 99
        initial.phase = "other"
        initial.laneWeights = ArraySchema<Float>([7])
        let client = StateDecoder(state: initial)
        let changes = try client.decode(encoder.encodeFullState())
        let state = client.state

        #expect(state.round == 1)
        #expect(state.phase == "waiting")
        #expect(state.laneWeights.elements == [1, 0.5, 0.25])
        #expect(state.settings.maxFighters == 8)
        #expect(state.settings.mapName == "arena")
        #expect(state.settings.seed == 0xC0FFEE)
        #expect(state.settings.tickRate == 60)
        #expect(state.settings.createdAt == 0)
        #expect(state.settings.motd == nil)
        let fighter = try #require(state.fighters["f"])
        #expect(fighter.name == "anonymous")
        #expect(fighter.hp == 100)
        #expect(fighter.alive == true)
        #expect(describe(state) == describe(server))

        // A fresh child instance has its defaults anyway: the change list shows they were decoded.
        func value(_ ref: SchemaRef, _ field: String) -> Any? {
            let found = change(changes, on: ref, field: field)
            #expect(found != nil, "no change reported for \(field)")
            #expect(found?.previousValue == nil, "\(field) is a first value")
            return found?.value
        }
        #expect(value(state, "round") as? UInt16 == 1)
        #expect(value(state, "phase") as? String == "waiting")
        #expect(value(state.settings, "maxFighters") as? UInt8 == 8)
        #expect(value(state.settings, "mapName") as? String == "arena")
        #expect(value(state.settings, "seed") as? UInt64 == 0xC0FFEE)
        #expect(value(state.settings, "tickRate") as? Double == 60)
        #expect(value(fighter, "name") as? String == "anonymous")
        #expect(value(fighter, "hp") as? UInt8 == 100)
        #expect(value(fighter, "alive") as? Bool == true)
        #expect(change(changes, on: state.settings, field: "motd") == nil, "an optional field starts absent")
    }

    @Test("entities decode as Entity, Monster and Boss, with TYPE_IDs 4 and 5")
    func polymorphicEntities() throws {
        let server = BattleState()
        let encoder = StateEncoder(state: server)
        let client = StateDecoder<BattleState>()
        try client.decode(encoder.encodeFullState())
        encoder.discardChanges()

        let entity = Entity()
        entity.id = "e"
        let monster = Monster()
        monster.id = "m"
        monster.hp = 70
        let boss = Boss()
        boss.id = "b"
        boss.x = 3.5
        boss.stage = 2
        server.entities["e"] = entity
        server.entities["m"] = monster
        server.entities["b"] = boss
        let patch = try #require(encoder.encodePatch())
        // refIds at creation, depth-first in field order (§8.9): fighters 1, entities 2, bullets 3,
        // winners 4, chat 5, settings 6, laneWeights 7; the entities then take 8, 9, 10. The declared
        // class (Entity) gets no TYPE_ID; Monster and Boss get `d5 04` and `d5 05` (§8.13).
        let mapSection = hex("ff 02  80 00 a1 65 08  80 01 a1 6d 09 d5 04  80 02 a1 62 0a d5 05  ff 08")
        #expect(Array(patch.prefix(mapSection.count)) == mapSection)

        try client.decode(patch)
        #expect(describe(client.state) == describe(server))
        let decodedEntity = try #require(client.state.entities["e"])
        let decodedMonster = try #require(client.state.entities["m"])
        let decodedBoss = try #require(client.state.entities["b"])
        #expect(ObjectIdentifier(type(of: decodedEntity)) == ObjectIdentifier(Entity.self))
        #expect(ObjectIdentifier(type(of: decodedMonster)) == ObjectIdentifier(Monster.self))
        #expect(ObjectIdentifier(type(of: decodedBoss)) == ObjectIdentifier(Boss.self))
        #expect((decodedMonster as? Monster)?.hp == 70)
        #expect((decodedBoss as? Boss)?.stage == 2)
        #expect((decodedBoss as? Boss)?.hp == 50, "inherited default")
        #expect(decodedBoss.x == 3.5)

        // The ids on the wire are those of the handshake: 4 extends 3, 5 extends 4.
        let (types, _) = try ReflectedType.decodeHandshake(encoder.encodeHandshake())
        #expect(types.first { $0.id == 4 }?.extendsId == 3)
        #expect(types.first { $0.id == 5 }?.extendsId == 4)
        #expect(client.types.id(of: Monster.self) == 4)
        #expect(client.types.id(of: Boss.self) == 5)

        // Replacing the Monster by a Boss under the same key: DELETE_AND_ADD with the new TYPE_ID.
        let promoted = Boss()
        promoted.id = "m"
        server.entities["m"] = promoted
        let replace = try #require(encoder.encodePatch())
        #expect(Array(replace.prefix(9)) == hex("ff 02 c0 01 a1 6d 0b d5 05"))
        try client.decode(replace)
        #expect(ObjectIdentifier(type(of: try #require(client.state.entities["m"]))) == ObjectIdentifier(Boss.self))
        #expect(describe(client.state) == describe(server))
        #expect(client.ref(withId: 9) == nil, "the replaced Monster is released")
    }

    @Test("Boss's bigint64, biguint64, int16, uint32, int8 and int32 fields round-trip at their extremes")
    func extremes() throws {
        let server = BattleState()
        let encoder = StateEncoder(state: server)
        let client = StateDecoder<BattleState>()
        try client.decode(encoder.encodeFullState())
        encoder.discardChanges()

        let boss = Boss()
        server.entities["boss"] = boss
        boss.lootValue = .max
        boss.damageTaken = .min
        boss.health = .min
        boss.shield = .max
        boss.armor = .min
        boss.level = .min
        boss.enraged = true
        let first = try #require(encoder.encodePatch())
        // §8.2: 64-bit two's complement, little-endian fixed widths; op ADD | field index.
        for bytes in ["85 ffffffffffffffff", "86 0000000000000080", "87 0080", "88 ffffffff", "89 80", "8a 00000080", "8b 01"] {
            #expect(contains(first, hex(bytes)), "\(bytes)")
        }
        try client.decode(first)
        var decoded = try #require(client.state.entities["boss"] as? Boss)
        #expect(decoded.lootValue == .max)
        #expect(decoded.damageTaken == .min)
        #expect(decoded.health == .min)
        #expect(decoded.shield == .max)
        #expect(decoded.armor == .min)
        #expect(decoded.level == .min)
        #expect(decoded.enraged == true)

        boss.lootValue = 0
        boss.damageTaken = .max
        boss.health = .max
        boss.shield = 0
        boss.armor = .max
        boss.level = .max
        boss.enraged = false
        let second = try #require(encoder.encodePatch())
        for bytes in ["85 0000000000000000", "86 ffffffffffffff7f", "87 ff7f", "88 00000000", "89 7f", "8a ffffff7f", "8b 00"] {
            #expect(contains(second, hex(bytes)), "\(bytes)")
        }
        try client.decode(second)
        decoded = try #require(client.state.entities["boss"] as? Boss)
        #expect(decoded.lootValue == 0)
        #expect(decoded.damageTaken == .max)
        #expect(decoded.health == .max)
        #expect(decoded.shield == 0)
        #expect(decoded.armor == .max)
        #expect(decoded.level == .max)
        #expect(decoded.enraged == false)
        #expect(describe(client.state) == describe(server))

        // A late client gets the same values from the full state.
        boss.damageTaken = -1
        boss.lootValue = 1 << 63
        let late = StateDecoder<BattleState>()
        try late.decode(encoder.encodeFullState())
        let lateBoss = try #require(late.state.entities["boss"] as? Boss)
        #expect(lateBoss.damageTaken == -1)
        #expect(lateBoss.lootValue == 1 << 63)
        #expect(describe(late.state) == describe(server))
    }

    @Test("the change list names the field or key, the operation, the previous and the new value")
    func changeReports() throws {
        let server = BattleState()
        let encoder = StateEncoder(state: server)
        let client = StateDecoder<BattleState>()
        try client.decode(encoder.encodeFullState())
        encoder.discardChanges()
        let state = client.state

        // A field change and a map add.
        server.round = 2
        let ann = Fighter()
        ann.name = "Ann"
        server.fighters["a"] = ann
        var changes = try client.decode(try #require(encoder.encodePatch()))
        let round = try #require(change(changes, on: state, field: "round"))
        #expect(round.operation == Operation.add)
        #expect(round.refId == 0)
        #expect(round.previousValue as? UInt16 == 1)
        #expect(round.value as? UInt16 == 2)

        let decodedAnn = try #require(state.fighters["a"])
        let added = try #require(changes.first { $0.ref === state.fighters && $0.key == .key("a") })
        #expect(added.operation == Operation.add)
        #expect(added.refId == 1)
        #expect(added.field == nil)
        #expect(added.previousValue == nil)
        #expect((added.value as? Fighter) === decodedAnn)
        let name = try #require(change(changes, on: decodedAnn, field: "name"))
        #expect(name.previousValue == nil, "a new fighter's first value")
        #expect(name.value as? String == "Ann")
        #expect(changes.map(\.refId) == [0, 1] + Array(repeating: decodedAnn.refId, count: changes.count - 2),
                "root, then the map, then the new fighter's section")

        // A map delete and a string field change.
        _ = server.fighters.removeValue(forKey: "a")
        server.phase = "fight"
        changes = try client.decode(try #require(encoder.encodePatch()))
        #expect(changes.count == 2)
        let deleted = try #require(changes.first { $0.ref === state.fighters })
        #expect(deleted.operation == Operation.delete)
        #expect(deleted.key == .key("a"))
        #expect((deleted.previousValue as? Fighter) === decodedAnn)
        #expect(deleted.value == nil)
        let phase = try #require(change(changes, on: state, field: "phase"))
        #expect(phase.previousValue as? String == "waiting")
        #expect(phase.value as? String == "fight")
        #expect(state.fighters.isEmpty)

        // An optional field set, then deleted.
        server.settings.motd = "hi"
        changes = try client.decode(try #require(encoder.encodePatch()))
        #expect(change(changes, on: state.settings, field: "motd")?.value as? String == "hi")
        server.settings.motd = nil
        changes = try client.decode(try #require(encoder.encodePatch()))
        let motd = try #require(change(changes, on: state.settings, field: "motd"))
        #expect(motd.operation == Operation.delete)
        #expect(motd.previousValue as? String == "hi")
        #expect(motd.value == nil)
        #expect(state.settings.motd == nil)
    }

    @Test("a battle with every collection kind stays in sync patch after patch, through a view that sees every fighter")
    func battleFlow() throws {
        let server = BattleState()
        let encoder = StateEncoder(state: server)
        // Fighters' `@view` fields (hand, and secretScore with tag 1) reach clients through a view.
        let view = StateView()
        let client = StateDecoder<BattleState>()
        try client.decode(encoder.encodeFullState())
        func tick(_ comment: Comment) throws {
            if encoder.hasChanges || view.hasPendingChanges {
                var writer = ByteWriter()
                encoder.encodePendingChanges(into: &writer)
                encoder.encodeView(view, into: &writer)
                encoder.discardChanges()
                try client.decode(writer.bytes)
            }
            #expect(describe(client.state) == describe(server), comment)
        }
        try tick("initial content")

        let ann = Fighter(), bob = Fighter()
        ann.name = "Ann"
        bob.name = "Bob"
        server.fighters["a"] = ann
        server.fighters["b"] = bob
        let card = Card()
        card.suit = 3
        card.rank = 12
        ann.hand.append(card)
        ann.secretScore = -5
        server.leader = ann
        server.phase = "fight"
        for fighter in [ann, bob] {
            view.add(fighter)
            view.add(fighter, tag: 1)
        }
        try tick("fighters joined")

        for i in 0..<3 {
            let bullet = Bullet()
            bullet.x = Float(i)
            bullet.vx = 1.5
            bullet.owner = i.isMultiple(of: 2) ? "a" : "b"
            server.bullets.append(bullet)
        }
        server.chat.insert("gl")
        server.chat.insert("gl")
        server.laneWeights.append(0.125)
        ann.x = 2.5
        try tick("bullets, chat, lanes")

        _ = server.bullets.remove(at: 0)
        server.bullets[0].y = -1
        bob.hp = 0
        bob.alive = false
        bob.secretScore = 9
        server.leader = bob
        _ = server.chat.remove("gl")
        server.winners.insert("a")
        server.settings.motd = "gg"
        try tick("bullet gone, leader changed")

        server.leader = nil
        server.bullets.removeAll()
        _ = server.fighters.removeValue(forKey: "b")
        server.round += 1
        try tick("round 2")
        #expect(client.state.leader == nil)
        #expect(client.state.chat.elements == ["gl"])

        let late = StateDecoder<BattleState>()
        var writer = ByteWriter()
        encoder.encodeFullState(into: &writer)
        encoder.encodeFullState(for: view, into: &writer)
        try late.decode(writer.bytes)
        #expect(describe(late.state) == describe(server))

        // Without a view, the shared stream never carries the `@view` fields.
        let viewless = StateDecoder<BattleState>()
        try viewless.decode(encoder.encodeFullState())
        #expect(viewless.state.fighters["a"]?.hand.isEmpty == true)
        #expect(viewless.state.fighters["a"]?.secretScore == 0)
        #expect(viewless.state.fighters["a"]?.name == "Ann")
    }
}
