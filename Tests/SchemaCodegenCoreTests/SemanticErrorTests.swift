import SchemaCodegenCore
import Testing

/// Errors found after parsing, each asserted as exactly rendered.
@Suite struct SemanticErrorTests {
    @Test func unknownCollectionElementType() {
        #expect(renderedDiagnostics("schema GameState {\n    players: map<Playr>\n}\n", path: "Schemas/Game.schema") == """
            Schemas/Game.schema:2:18: error: unknown type 'Playr'
                players: map<Playr>
                             ^
            """)
    }

    @Test func unknownFieldType() {
        #expect(renderedDiagnostics("schema GameState {\n    leader: Playr?\n}\n") == """
            Game.schema:2:13: error: unknown type 'Playr'
                leader: Playr?
                        ^
            """)
    }

    @Test func unknownParent() {
        #expect(renderedDiagnostics("schema Hero extends Entty {\n}\n") == """
            Game.schema:1:21: error: unknown type 'Entty'
            schema Hero extends Entty {
                                ^
            """)
    }

    @Test func extendingAPrimitive() {
        #expect(renderedDiagnostics("schema Hero extends string {}\n") == """
            Game.schema:1:21: error: schema cannot extend 'string'; only schemas can be extended
            schema Hero extends string {}
                                ^
            """)
    }

    @Test func duplicateSchemaAcrossFiles() {
        let sources = [
            SchemaSource(path: "A.schema", text: "schema Player {}\n"),
            SchemaSource(path: "B.schema", text: "// Again:\nschema Player {}\n"),
        ]
        #expect(renderedDiagnostics(sources) == """
            B.schema:2:8: error: duplicate schema 'Player'; first declared at A.schema:1:8
            schema Player {}
                   ^
            """)
    }

    @Test func duplicateField() {
        #expect(renderedDiagnostics("schema Player {\n    x: number\n    x: string\n}\n") == """
            Game.schema:3:5: error: duplicate field 'x' in schema 'Player'; first declared at Game.schema:2:5
                x: string
                ^
            """)
    }

    @Test func fieldRedeclaringAnInheritedField() {
        let sources = [
            SchemaSource(path: "Hero.schema", text: "schema Hero extends Player {\n    hp: uint16\n}\n"),
            SchemaSource(path: "Base.schema", text: "schema Entity {\n    hp: uint8\n}\nschema Player extends Entity {}\n"),
        ]
        #expect(renderedDiagnostics(sources) == """
            Hero.schema:2:5: error: field 'hp' redeclares a field inherited from 'Entity' (declared at Base.schema:2:5)
                hp: uint16
                ^
            """)
    }

    @Test func inheritanceCycleIsReportedOnce() {
        let text = """
            schema A extends B {}
            schema B extends C {}
            schema C extends A {}
            schema D extends A {}
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:1:18: error: inheritance cycle: A -> B -> C -> A
            schema A extends B {}
                             ^
            """)
    }

    @Test func schemaExtendingItself() {
        #expect(renderedDiagnostics("schema Loop extends Loop {}\n") == """
            Game.schema:1:21: error: inheritance cycle: Loop -> Loop
            schema Loop extends Loop {}
                                ^
            """)
    }

    @Test func tooManyOwnFields() {
        let fields = (0..<65).map { "    f\($0): uint8" }.joined(separator: "\n")
        #expect(renderedDiagnostics("schema Big {\n\(fields)\n}\n") == """
            Game.schema:1:8: error: schema 'Big' has 65 fields including inherited ones; at most 64 are allowed
            schema Big {
                   ^
            """)
    }

    @Test func tooManyFieldsIncludingInheritedOnes() {
        let parentFields = (0..<40).map { "    a\($0): uint8" }.joined(separator: "\n")
        let childFields = (0..<26).map { "    b\($0): uint8" }.joined(separator: "\n")
        let text = "schema Parent {\n\(parentFields)\n}\nschema Child extends Parent {\n\(childFields)\n}\n"
        #expect(renderedDiagnostics(text) == """
            Game.schema:43:8: error: schema 'Child' has 66 fields including inherited ones; at most 64 are allowed
            schema Child extends Parent {
                   ^
            """)
    }

    @Test func integerDefaultOutOfRange() {
        #expect(renderedDiagnostics("schema Player {\n    hp: uint8 = 300\n}\n") == """
            Game.schema:2:17: error: default value 300 is out of range for uint8 (0...255)
                hp: uint8 = 300
                            ^
            """)
    }

    @Test func integerDefaultsAtTheEdgesOfTheirRanges() {
        let text = """
            schema Limits {
                a: int8 = -129
                b: uint16 = -1
                c: int64 = 9223372036854775808
                d: uint64 = 18446744073709551616
                e: bigint64 = 0x8000000000000000
            }
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:2:15: error: default value -129 is out of range for int8 (-128...127)
                a: int8 = -129
                          ^
            Game.schema:3:17: error: default value -1 is out of range for uint16 (0...65535)
                b: uint16 = -1
                            ^
            Game.schema:4:16: error: default value 9223372036854775808 is out of range for int64 (-9223372036854775808...9223372036854775807)
                c: int64 = 9223372036854775808
                           ^
            Game.schema:5:17: error: default value 18446744073709551616 is out of range for uint64 (0...18446744073709551615)
                d: uint64 = 18446744073709551616
                            ^
            Game.schema:6:19: error: default value 0x8000000000000000 is out of range for bigint64 (-9223372036854775808...9223372036854775807)
                e: bigint64 = 0x8000000000000000
                              ^
            """)
    }

    @Test func floatDefaultOutOfRange() {
        #expect(renderedDiagnostics("schema A {\n    f: float32 = 1e39\n}\n") == """
            Game.schema:2:18: error: default value 1e39 is out of range for float32
                f: float32 = 1e39
                             ^
            """)
    }

    @Test func defaultsOfTheWrongType() {
        let text = """
            schema A {
                name: string = 5
                alive: boolean = 1
                hp: uint8 = 1.5
                x: number = "far"
                weights: array<float32> = 1
                levels: set<uint8> = [1, true]
            }
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:2:20: error: default value 5 does not match type 'string'; expected a string literal
                name: string = 5
                               ^
            Game.schema:3:22: error: default value 1 does not match type 'boolean'; expected 'true' or 'false'
                alive: boolean = 1
                                 ^
            Game.schema:4:17: error: default value 1.5 does not match type 'uint8'; expected an integer literal
                hp: uint8 = 1.5
                            ^
            Game.schema:5:17: error: default value "far" does not match type 'number'; expected a number literal
                x: number = "far"
                            ^
            Game.schema:6:31: error: default value 1 does not match type 'array<float32>'; expected an array literal
                weights: array<float32> = 1
                                          ^
            Game.schema:7:30: error: default value true does not match type 'uint8'; expected an integer literal
                levels: set<uint8> = [1, true]
                                         ^
            """)
    }

    @Test func defaultsOnSchemaMapAndSchemaCollectionFields() {
        let text = """
            schema Config {}
            schema A {
                config: Config = 1
                scores: map<number> = [1]
                items: array<Config> = []
            }
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:3:22: error: field 'config' of schema type 'Config' cannot have a default value
                config: Config = 1
                                 ^
            Game.schema:4:27: error: map field 'scores' cannot have a default value
                scores: map<number> = [1]
                                      ^
            Game.schema:5:28: error: field 'items' of type 'array<Config>' cannot have a default value; only collections of primitive types can
                items: array<Config> = []
                                       ^
            """)
    }

    @Test func nestedCollections() {
        #expect(renderedDiagnostics("schema A {\n    grid: array<array<number>>\n}\n") == """
            Game.schema:2:17: error: nested collections are not supported; wrap the inner collection in a schema
                grid: array<array<number>>
                            ^
            """)
    }

    @Test func malformedCollectionTypes() {
        let text = """
            schema A {
                tags: set
                byName: map<string, A>
                values: array<string?>
                label: string<uint8>
            }
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:2:11: error: collection type 'set' needs an element type, as in 'set<string>'
                tags: set
                      ^
            Game.schema:3:13: error: collection type 'map' takes exactly one element type; map keys are always strings
                byName: map<string, A>
                        ^
            Game.schema:4:19: error: collection elements cannot be optional
                values: array<string?>
                              ^
            Game.schema:5:12: error: type 'string' does not take an element type
                label: string<uint8>
                       ^
            """)
    }

    @Test func reservedFieldNames() {
        let text = """
            schema A {
                class: string
                __tracker: uint8
                refId: uint32
                Type: string
            }
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:2:5: error: field name 'class' is reserved: it is a Swift keyword
                class: string
                ^
            Game.schema:3:5: error: field name '__tracker' is reserved: names starting with '__' are reserved for the runtime
                __tracker: uint8
                ^
            Game.schema:4:5: error: field name 'refId' is reserved: it collides with a member of the runtime's schema type
                refId: uint32
                ^
            Game.schema:5:5: error: field name 'Type' is reserved: it is a Swift keyword
                Type: string
                ^
            """)
    }

    @Test func reservedSchemaNames() {
        let text = """
            schema String {}
            schema uint8 {}
            schema struct {}
            schema __Internal {}
            schema map {}
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:1:8: error: schema name 'String' is reserved: it collides with a type used by generated code
            schema String {}
                   ^
            Game.schema:2:8: error: schema name 'uint8' is reserved: it is a primitive type name
            schema uint8 {}
                   ^
            Game.schema:3:8: error: schema name 'struct' is reserved: it is a Swift keyword
            schema struct {}
                   ^
            Game.schema:4:8: error: schema name '__Internal' is reserved: names starting with '__' are reserved for the runtime
            schema __Internal {}
                   ^
            Game.schema:5:8: error: schema name 'map' is reserved: it is a collection type name
            schema map {}
                   ^
            """)
    }

    @Test func invalidViewTags() {
        let text = """
            schema A {
                @view(-1) a: string
                @view(1.5) b: string
                @view(two) c: string
            }
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:2:11: error: view tag must be a non-negative integer, found '-1'
                @view(-1) a: string
                      ^
            Game.schema:3:11: error: view tag must be a non-negative integer, found '1.5'
                @view(1.5) b: string
                      ^
            Game.schema:4:11: error: view tag must be a non-negative integer, found 'two'
                @view(two) c: string
                      ^
            """)
    }

    @Test func unknownAndRepeatedAttributes() {
        #expect(renderedDiagnostics("schema A {\n    @foo @view @view(2) a: string\n}\n") == """
            Game.schema:2:5: error: unknown attribute '@foo'
                @foo @view @view(2) a: string
                ^
            Game.schema:2:16: error: duplicate attribute '@view'
                @foo @view @view(2) a: string
                           ^
            """)
    }
}
