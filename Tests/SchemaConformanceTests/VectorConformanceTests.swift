import ColyseusSchema
import VectorStates
import SchemaTestSupport
import Testing

/// Rebuilds every case of Tests/Fixtures/vectors/schema (except `_upstream-bugs.json`) in Swift.
@Suite("Reference vectors")
struct VectorConformanceTests {
    @Test func roomState() throws {
        let state = MyRoomState()
        state.players["sessA"] = RoomPlayer()
        let sessB = RoomPlayer()
        try checkVector("roomState", state: state, steps: [
            VectorStep("onJoin of a second client") { state.players["sessB"] = sessB },
            VectorStep("move: sessB x=10 y=20") { sessB.x = 10; sessB.y = 20 },
            VectorStep("move: sessA x=1.5 y=-2") { state.players["sessA"]!.x = 1.5; state.players["sessA"]!.y = -2 },
            VectorStep("onLeave of sessA") { state.players["sessA"] = nil },
        ])
    }

    @Test func roomStateFromPatchOnly() throws {
        let state = MyRoomState()
        let sessA = RoomPlayer()
        sessA.x = 3
        sessA.y = 4
        state.players["sessA"] = sessA
        try checkVector("roomStateFromPatchOnly", state: state, steps: [
            VectorStep("move: sessA x=5") { sessA.x = 5 },
        ])
    }

    @Test func numberEncodings() throws {
        let state = NumberBox()
        let values: [(String, Double)] = [
            ("1", 1), ("127", 127), ("128", 128), ("255", 255), ("256", 256), ("65535", 65535), ("65536", 65536),
            ("4294967295", 4294967295), ("4294967296", 4294967296), ("9007199254740991", 9007199254740991),
            ("-1", -1), ("-32", -32), ("-33", -33), ("-128", -128), ("-129", -129), ("-32768", -32768),
            ("-32769", -32769), ("-2147483648", -2147483648), ("-2147483649", -2147483649),
            ("-9007199254740991", -9007199254740991), ("0.5", 0.5), ("-0.5", -0.5), ("1.1", 1.1), ("0.1", 0.1),
            ("123456.789", 123456.789), ("1e-7", 1e-7), ("3.4e+38", 3.4e38), ("1e+39", 1e39), ("-1e+300", -1e300),
            ("NaN", .nan), ("Infinity", .infinity), ("-Infinity", -.infinity), ("0", 0),
        ]
        try checkVector("numberEncodings", state: state, steps: values.map { label, value in
            VectorStep("n = \(label)") { state.n = value }
        })
    }

    @Test func strings() throws {
        let state = StringBox()
        state.s = "a"
        let texts: [(String, String)] = [
            ("empty string", ""),
            ("31 bytes (max fixstr)", String(repeating: "x", count: 31)),
            ("32 bytes (str8)", String(repeating: "y", count: 32)),
            ("255 bytes (str8)", String(repeating: "z", count: 255)),
            ("256 bytes (str16)", String(repeating: "w", count: 256)),
            ("65536 bytes (str32)", String(repeating: "v", count: 65536)),
            ("2-byte UTF-8 chars", "héllo wörld ñ"),
            ("3-byte UTF-8 chars (CJK)", "日本語テキスト"),
            ("4-byte UTF-8 (emoji, surrogate pairs in JS)", "😀🎮👾"),
            ("embedded NUL and control chars", "a\0b\tc\n"),
        ]
        try checkVector("strings", state: state, steps: texts.map { label, text in
            VectorStep(label) { state.s = text }
        })
    }

    @Test func primitives() throws {
        let state = Primitives()
        state.str = "hello"; state.num = 42; state.bool = true; state.i8 = -5; state.u8 = 200
        state.i16 = -1234; state.u16 = 54321; state.i32 = -123456789; state.u32 = 3000000000
        state.i64 = -1234567890123; state.u64 = 1234567890123; state.f32 = 1.5; state.f64 = 3.141592653589793
        state.bi64 = -9007199254740993; state.bu64 = 18446744073709551615
        try checkVector("primitives", state: state, steps: [
            VectorStep("range minimums") {
                state.str = ""; state.num = -2147483649; state.bool = false; state.i8 = .min; state.u8 = 0
                state.i16 = .min; state.u16 = 0; state.i32 = .min; state.u32 = 0; state.i64 = -9007199254740991
                state.u64 = 0; state.f32 = -.greatestFiniteMagnitude; state.f64 = -.greatestFiniteMagnitude
                state.bi64 = .min; state.bu64 = 0
            },
            VectorStep("range maximums") {
                state.str = String(repeating: "z", count: 40); state.num = 4294967296; state.bool = true
                state.i8 = .max; state.u8 = .max; state.i16 = .max; state.u16 = .max; state.i32 = .max
                state.u32 = .max; state.i64 = 9007199254740991; state.u64 = 9007199254740991
                state.f32 = .greatestFiniteMagnitude; state.f64 = .greatestFiniteMagnitude
                state.bi64 = .max; state.bu64 = .max
            },
            VectorStep("change a single field (num = 7)") { state.num = 7 },
            VectorStep("set str, i8, f64 and bi64 to undefined (DELETE)") {
                state.str = nil; state.i8 = nil; state.f64 = nil; state.bi64 = nil
            },
            VectorStep("set them again") { state.str = "back"; state.i8 = 1; state.f64 = 0.1; state.bi64 = 1 },
            VectorStep("set bool/u8 to null (DELETE)") { state.bool = nil; state.u8 = nil },
            VectorStep("float specials: f32 = 0.1, f64 = -0, num = 0.5") { state.f32 = 0.1; state.f64 = -0.0; state.num = 0.5 },
            VectorStep("no-op assignments (same values) produce no patch bytes") {
                state.str = "back"; state.num = 0.5; state.i8 = 1; state.f32 = 0.1; state.bu64 = .max
            },
        ])
    }

    @Test func childSchema() throws {
        let state = ChildState()
        let first = Child()
        first.a = 1
        first.b = "one"
        state.child = first
        state.flag = false
        try checkVector("childSchema", state: state, steps: [
            VectorStep("child.a = 2 (change inside child only)") { state.child!.a = 2 },
            VectorStep("add `other` child") {
                let other = Child()
                other.a = 10
                other.b = "ten"
                state.other = other
            },
            VectorStep("replace `child` with a new instance") {
                let child = Child()
                child.a = 3
                child.b = "three"
                state.child = child
            },
            VectorStep("child = undefined (DELETE of a ref field)") { state.child = nil },
            VectorStep("child = new instance again + flag = true") {
                let child = Child()
                child.a = 4
                state.child = child
                state.flag = true
            },
            VectorStep("other.b = undefined (DELETE inside child)") { state.other!.b = nil },
            VectorStep("move: child = other (same instance now in one field), other = undefined") {
                let other = state.other
                state.other = nil
                state.child = other
            },
        ])
    }

    @Test func arrayOfPrimitives() throws {
        let state = ArrayPrimState()
        state.nums.append(contentsOf: [1, 2, 3])
        state.strs.append(contentsOf: ["a", "b"])
        try checkVector("arrayOfPrimitives", state: state, steps: [
            VectorStep("nums.push(4)") { state.nums.append(4) },
            VectorStep("nums[1] = 20 (replace by index)") { state.nums[1] = 20 },
            VectorStep("nums.pop()") { state.nums.popLast() },
            VectorStep("nums.shift()") { state.nums.popFirst() },
            VectorStep("nums.unshift(0)") { state.nums.insert(0, at: 0) },
            VectorStep("nums.splice(1, 1) (remove middle)") { state.nums.splice(1, deleteCount: 1) },
            VectorStep("nums.splice(1, 1, 7) (replace via splice; inserting more than deleting is unsupported by ArraySchema 4)") {
                state.nums.splice(1, deleteCount: 1, insert: [7])
            },
            VectorStep("strs.push('c'); strs[0] = 'A'") { state.strs.append("c"); state.strs[0] = "A" },
            VectorStep("nums.clear()") { state.nums.removeAll() },
            VectorStep("strs.clear(); strs.push('x','y') in the same patch") {
                state.strs.removeAll()
                state.strs.append(contentsOf: ["x", "y"])
            },
            VectorStep("nums.push(5, 6, 7)") { state.nums.append(contentsOf: [5, 6, 7]) },
            VectorStep("nums.reverse()") { state.nums.reverse() },
            VectorStep("nums = new ArraySchema(100, 200) (replace the collection)") { state.nums = ArraySchema([100, 200]) },
        ])
    }

    @Test func arrayOfSchemas() throws {
        let state = ArraySchemaState()
        state.items.append(contentsOf: [makeItem("a", 1), makeItem("b", 2), makeItem("c", 3)])
        try checkVector("arrayOfSchemas", state: state, steps: [
            VectorStep("items[1].v = 20 (change inside element)") { state.items[1].v = 20 },
            VectorStep("items.push(item d)") { state.items.append(makeItem("d", 4)) },
            VectorStep("items.splice(1, 1) (remove b)") { state.items.splice(1, deleteCount: 1) },
            VectorStep("items[0] = new item z (replace by index)") { state.items[0] = makeItem("z", 26) },
            VectorStep("items.shift()") { state.items.popFirst() },
            VectorStep("items.push(item e); items[0].id = 'C' (new element + change in existing one)") {
                state.items.append(makeItem("e", 5))
                state.items[0].id = "C"
            },
            VectorStep("items.splice(0, 1, item h) (replace via splice)") { state.items.splice(0, deleteCount: 1, insert: [makeItem("h", 8)]) },
            VectorStep("items.pop()") { state.items.popLast() },
            VectorStep("items.clear()") { state.items.removeAll() },
            VectorStep("items.push(item f, item g) after clear") { state.items.append(contentsOf: [makeItem("f", 6), makeItem("g", 7)]) },
            VectorStep("items[0].v = undefined (DELETE inside element)") { state.items[0].v = nil },
        ])
    }

    private func player(_ name: String, _ x: Double, _ y: Double) -> Player {
        let player = Player()
        player.name = name
        player.x = x
        player.y = y
        return player
    }

    @Test func mapOfSchemas() throws {
        let state = MapState()
        state.players["p1"] = player("one", 1, 1)
        state.scores["p1"] = 10
        try checkVector("mapOfSchemas", state: state, steps: [
            VectorStep("players.set('p2', ...)") { state.players["p2"] = self.player("two", 2, 2) },
            VectorStep("players.get('p1').x = 100 (change inside value)") { state.players["p1"]!.x = 100 },
            VectorStep("scores.set('p2', 20); scores.set('p1', 11) (add + replace primitive)") {
                state.scores["p2"] = 20
                state.scores["p1"] = 11
            },
            VectorStep("players.delete('p1')") { state.players["p1"] = nil },
            VectorStep("players.set('p2', new instance) (replace value)") { state.players["p2"] = self.player("TWO", 22, 22) },
            VectorStep("scores.delete('p1')") { state.scores["p1"] = nil },
            VectorStep("players.set('p3'); players.delete('p3') in the same patch") {
                state.players["p3"] = self.player("three", 3, 3)
                state.players["p3"] = nil
            },
            VectorStep("players.set('p1' again)") { state.players["p1"] = self.player("one again", 5, 5) },
            VectorStep("players.clear(); scores.clear()") { state.players.removeAll(); state.scores.removeAll() },
            VectorStep("players.set('p4') after clear") { state.players["p4"] = self.player("four", 4, 4) },
        ])
    }

    @Test func joinBetweenPatches() throws {
        let state = MapState()
        state.players["p1"] = player("one", 1, 1)
        state.scores["p1"] = 1
        try checkVector("joinBetweenPatches", state: state, discardAfterFirstFullState: false, steps: [
            VectorStep("(pending changes from init are re-sent in this patch) + players.get('p1').x = 2") { state.players["p1"]!.x = 2 },
            VectorStep("players.set('p2')") { state.players["p2"] = self.player("two", 2, 2) },
        ])
    }

    @Test func setAndCollection() throws {
        let state = SetCollState()
        state.tags.insert("red")
        state.nums.insert(1)
        let first = makeItem("t1", 1), second = makeItem("t2", 2)
        state.things.insert(first)
        state.things.insert(second)
        state.words.insert("hello")
        try checkVector("setAndCollection", state: state, steps: [
            VectorStep("tags.add('green'); tags.add('red') (duplicate ignored)") { state.tags.insert("green"); state.tags.insert("red") },
            VectorStep("nums.add(2); nums.add(3)") { state.nums.insert(2); state.nums.insert(3) },
            VectorStep("words.add('hello') again (collections allow duplicates)") { state.words.insert("hello") },
            VectorStep("tags.delete('red')") { state.tags.remove("red") },
            VectorStep("change inside a collection element (first thing .v = 100)") { first.v = 100 },
            VectorStep("things.delete(first thing)") { state.things.remove(first) },
            VectorStep("things.delete(remaining thing)") { state.things.remove(second) },
            VectorStep("nums.clear(); words.clear()") { state.nums.removeAll(); state.words.removeAll() },
            VectorStep("nums.add(9) after clear") { state.nums.insert(9) },
        ])
    }

    @Test func inheritance() throws {
        func hero(_ id: String, _ name: String, _ hp: UInt8) -> Hero {
            let hero = Hero()
            hero.id = id
            hero.name = name
            hero.hp = hp
            return hero
        }
        func entity(_ id: String) -> Entity {
            let entity = Entity()
            entity.id = id
            return entity
        }
        let state = InheritState()
        state.entities["e"] = entity("e")
        state.entities["h"] = hero("h", "hero", 100)
        let bot = Bot()
        bot.id = "bot"; bot.name = "robo"; bot.hp = 50; bot.level = -3
        state.main = bot
        try checkVector("inheritance", state: state, steps: [
            VectorStep("entities.set('b', Bot)") {
                let bee = Bot()
                bee.id = "b"; bee.name = "bee"; bee.hp = 1; bee.level = 7
                state.entities["b"] = bee
            },
            VectorStep("entities.get('h').hp = 99 (change a subclass field)") { (state.entities["h"] as! Hero).hp = 99 },
            VectorStep("list.push(Entity, Hero, Marker)") {
                let marker = Marker()
                marker.id = "l2"
                let listHero = Hero()
                listHero.id = "l1"
                listHero.name = "lh"
                state.list.append(contentsOf: [entity("l0"), listHero, marker])
            },
            VectorStep("main = plain Entity (replace subclass with base)") { state.main = entity("plain") },
            VectorStep("extra = Marker") {
                let marker = Marker()
                marker.id = "mk"
                state.extra = marker
            },
            VectorStep("entities.set('e', Hero) (replace base with subclass under same key)") { state.entities["e"] = hero("e2", "upgraded", 5) },
        ])
    }

    @Test func instanceSharing() throws {
        let state = SharedState()
        let shared = makeItem("shared", 1)
        state.a["k"] = shared
        state.b.append(shared)
        state.single = shared
        try checkVector("instanceSharing", state: state, steps: [
            VectorStep("change shared.v = 2 (one change, visible from 3 places)") { shared.v = 2 },
            VectorStep("a.delete('k')") { state.a["k"] = nil },
            VectorStep("b.pop()") { state.b.popLast() },
            VectorStep("shared.v = 3 (only `single` still references it)") { shared.v = 3 },
            VectorStep("single = undefined (last reference dropped)") { state.single = nil },
            VectorStep("new item shared by a and b") {
                let fresh = makeItem("n", 5)
                state.a["n"] = fresh
                state.b.append(fresh)
            },
        ])
    }

    @Test func manyFields() throws {
        let state = ManyState()
        let many = Many()
        let fields: [ReferenceWritableKeyPath<Many, UInt8?>] = [
            \.f0, \.f1, \.f2, \.f3, \.f4, \.f5, \.f6, \.f7, \.f8, \.f9, \.f10, \.f11, \.f12, \.f13, \.f14, \.f15, \.f16, \.f17, \.f18, \.f19, \.f20, \.f21, \.f22, \.f23, \.f24, \.f25, \.f26, \.f27, \.f28, \.f29, \.f30, \.f31, \.f32, \.f33, \.f34, \.f35, \.f36, \.f37, \.f38, \.f39, \.f40, \.f41, \.f42, \.f43, \.f44, \.f45, \.f46, \.f47, \.f48, \.f49, \.f50, \.f51, \.f52, \.f53, \.f54, \.f55, \.f56, \.f57, \.f58, \.f59, \.f60, \.f61, \.f62, \.f63
        ]
        for (index, field) in fields.enumerated() { many[keyPath: field] = UInt8(index) }
        state.many = many
        state.last = "end"
        try checkVector("manyFields", state: state, steps: [
            VectorStep("many.f0 = 100; many.f63 = 200") { many.f0 = 100; many.f63 = 200 },
            VectorStep("many.f62 = undefined; many.f63 = undefined (DELETE of high field indexes)") { many.f62 = nil; many.f63 = nil },
            VectorStep("many.f63 = 1; last = 'x'") { many.f63 = 1; state.last = "x" },
        ])
    }
}
