import SchemaCodegenCore
import Testing

/// A two-file project using every feature of the language, with forward references and a
/// parent declared in the later file.
private let gameSchema = SchemaSource(
    path: "Schemas/Game.schema",
    text: #"""
        // Plain comments are ignored.

        /// The whole game.
        ///Second line, no space after the slashes.
        schema GameState {
            players: map<Player>
            scores: map<number>
            items: array<Item>
            tags: set<string>
            log: collection<string>
            leader: Player?
            config: Config
            weights: array<float32> = [1, 2.5, 3]
            round: uint8
        }

        schema Hero extends Entity {   // parent declared in the other file
            level: int16 = 1
            /// Skills.
            skills: array<string> = [
                "slash",
                "block",
            ]
        }
        """#)

private let entitiesSchema = SchemaSource(
    path: "Schemas/Entities.schema",
    text: #"""
        schema Entity {
            id: string
            x: number = -2e3
        }

        /// A player.
        schema Player extends Entity {
            /// Horizontal position.
            ///   Indented second line.
            px: number = 0
            name: string = "a\"b\\c\n\t\r\u{1F600}"
            hp: uint8 = 0xFF
            alive: boolean = true
            nickname: string?
            @view secret: string?
            @view(1) score: uint16;
            big: uint64 = 18446744073709551615,
            small: int64 = -9223372036854775808
            bottom: int8? = -128
            ratio: float64 = 1e308
        }

        schema Item {}
        schema Config
        {
            //// Four slashes make a plain comment.
            enabled: boolean = false /// not documentation either
        }
        """#)

@Suite struct CompleteSchemaTests {
    let model: SchemaModel

    init() throws {
        model = try SchemaCompiler.compile(sources: [gameSchema, entitiesSchema])
    }

    @Test func schemasKeepDeclarationOrderWithFilesInInputOrder() {
        #expect(model.schemas.map(\.name) == ["GameState", "Hero", "Entity", "Player", "Item", "Config"])
        #expect(model.schemas.map(\.sourceFile) == [
            "Schemas/Game.schema", "Schemas/Game.schema", "Schemas/Entities.schema",
            "Schemas/Entities.schema", "Schemas/Entities.schema", "Schemas/Entities.schema",
        ])
    }

    @Test func schemaDocumentationAndLocation() throws {
        let gameState = try schema("GameState", in: model)
        #expect(gameState.documentation == ["The whole game.", "Second line, no space after the slashes."])
        #expect(gameState.location == SourceLocation(file: "Schemas/Game.schema", line: 5, column: 8))
        #expect(try schema("Player", in: model).documentation == ["A player."])
        #expect(try schema("Entity", in: model).documentation == [])
    }

    @Test func collectionAndSchemaFieldTypes() throws {
        let fields = try schema("GameState", in: model).ownFields
        #expect(fields.map(\.name) == [
            "players", "scores", "items", "tags", "log", "leader", "config", "weights", "round",
        ])
        #expect(fields.map(\.index) == Array(0...8))
        #expect(fields.map(\.type) == [
            .collection(.map, element: .schema("Player")),
            .collection(.map, element: .primitive(.number)),
            .collection(.array, element: .schema("Item")),
            .collection(.set, element: .primitive(.string)),
            .collection(.collection, element: .primitive(.string)),
            .schema("Player"),
            .schema("Config"),
            .collection(.array, element: .primitive(.float32)),
            .primitive(.uint8),
        ])
        #expect(fields.map(\.isOptional) == [false, false, false, false, false, true, false, false, false])
        #expect(fields[7].defaultValue == .array([.float(1), .float(2.5), .float(3)]))
        #expect(fields[8].defaultValue == nil)
        #expect(fields[6].location == SourceLocation(file: "Schemas/Game.schema", line: 12, column: 5))
    }

    @Test func inheritedFieldsComeFirstAcrossFiles() throws {
        let hero = try schema("Hero", in: model)
        #expect(hero.parentName == "Entity")
        #expect(hero.firstFieldIndex == 2)
        #expect(hero.ownFields.map(\.index) == [2, 3])
        #expect(model.allFields(of: hero).map(\.name) == ["id", "x", "level", "skills"])
        #expect(model.allFields(of: hero).map(\.index) == [0, 1, 2, 3])
        #expect(hero.ownFields[0].defaultValue == .integer(IntegerValue(isNegative: false, magnitude: 1)))
        #expect(hero.ownFields[1].documentation == ["Skills."])
        #expect(hero.ownFields[1].defaultValue == .array([.string("slash"), .string("block")]))

        let player = try schema("Player", in: model)
        #expect(player.firstFieldIndex == 2)
        #expect(player.ownFields.map(\.index) == Array(2...12))
        #expect(model.parent(of: player)?.name == "Entity")
    }

    @Test func directSubclassesInDeclarationOrder() throws {
        let entity = try schema("Entity", in: model)
        #expect(model.directSubclasses(of: entity).map(\.name) == ["Hero", "Player"])
        #expect(model.directSubclasses(of: try schema("Player", in: model)).isEmpty)
        #expect(entity.parentName == nil)
    }

    @Test func primitiveDefaultsAreExactAndTyped() throws {
        let fields = Dictionary(
            uniqueKeysWithValues: try schema("Player", in: model).ownFields.map { ($0.name, $0) })
        #expect(fields["px"]?.defaultValue == .float(0))
        #expect(fields["px"]?.documentation == ["Horizontal position.", "  Indented second line."])
        #expect(fields["name"]?.defaultValue == .string("a\"b\\c\n\t\r\u{1F600}"))
        #expect(fields["hp"]?.defaultValue == .integer(IntegerValue(isNegative: false, magnitude: 255)))
        #expect(fields["alive"]?.defaultValue == .boolean(true))
        #expect(fields["big"]?.defaultValue == .integer(IntegerValue(isNegative: false, magnitude: .max)))
        let small = IntegerValue(isNegative: true, magnitude: 9_223_372_036_854_775_808)
        #expect(fields["small"]?.defaultValue == .integer(small))
        #expect(small.int64Value == .min)
        #expect(small.description == "-9223372036854775808")
        #expect(fields["bottom"]?.defaultValue == .integer(IntegerValue(isNegative: true, magnitude: 128)))
        #expect(fields["bottom"]?.isOptional == true)
        #expect(fields["ratio"]?.defaultValue == .float(1e308))
        #expect(fields["nickname"]?.defaultValue == nil)
        #expect(fields["nickname"]?.isOptional == true)
        #expect(try schema("Entity", in: model).ownFields[1].defaultValue == .float(-2000))
    }

    @Test func viewTags() throws {
        let fields = try schema("Player", in: model).ownFields
        #expect(fields.first { $0.name == "secret" }?.viewTag == -1)
        #expect(fields.first { $0.name == "score" }?.viewTag == 1)
        #expect(fields.first { $0.name == "nickname" }?.viewTag == nil)
    }

    @Test func emptySchemasAndBraceOnNextLine() throws {
        #expect(try schema("Item", in: model).ownFields.isEmpty)
        let config = try schema("Config", in: model)
        #expect(config.ownFields.map(\.name) == ["enabled"])
        #expect(config.ownFields[0].documentation == [])
        #expect(config.ownFields[0].defaultValue == .boolean(false))
    }
}

@Suite struct SeparatorAndLineEndingTests {
    @Test func semicolonsAndCommasSeparateFieldsOnOneLine() throws {
        let model = try compile("schema Point { x: int32; y: int32, z: int32 }")
        let point = try schema("Point", in: model)
        #expect(point.ownFields.map(\.name) == ["x", "y", "z"])
        #expect(point.ownFields.map(\.index) == [0, 1, 2])
    }

    @Test func commentsInsideMultiLineArrayLiterals() throws {
        let model = try compile("""
            schema Weights {
                values: collection<int8> = [
                    /// The first one.
                    -1,  // negative
                    0x7f
                ]
            }
            """)
        let values = try schema("Weights", in: model).ownFields[0]
        #expect(values.defaultValue == .array([
            .integer(IntegerValue(isNegative: true, magnitude: 1)),
            .integer(IntegerValue(isNegative: false, magnitude: 127)),
        ]))
    }

    @Test func windowsLineEndings() throws {
        let model = try compile("/// Doc.\r\nschema Point {\r\n    x: int32 = 5\r\n}\r\n")
        let point = try schema("Point", in: model)
        #expect(point.documentation == ["Doc."])
        #expect(point.ownFields[0].defaultValue == .integer(IntegerValue(isNegative: false, magnitude: 5)))
    }

    @Test func sixtyFourFieldsIncludingInheritedAreAllowed() throws {
        let parentFields = (0..<40).map { "    a\($0): uint8" }.joined(separator: "\n")
        let childFields = (0..<24).map { "    b\($0): uint8" }.joined(separator: "\n")
        let model = try compile(
            "schema Child extends Parent {\n\(childFields)\n}\nschema Parent {\n\(parentFields)\n}\n")
        let child = try schema("Child", in: model)
        #expect(child.ownFields.last?.index == 63)
        #expect(model.allFields(of: child).count == 64)
    }

    @Test func typeDescriptionsUseSchemaLanguageSpelling() {
        #expect(FieldType.collection(.map, element: .schema("Player")).description == "map<Player>")
        #expect(FieldType.primitive(.biguint64).description == "biguint64")
        #expect(PrimitiveType.allCases.count == 15)
        #expect(PrimitiveType.allCases.filter(\.isInteger).count == 10)
        #expect(PrimitiveType.allCases.filter(\.isFloatingPoint) == [.number, .float32, .float64])
    }
}
