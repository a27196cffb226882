import SchemaCodegenCore
import Testing

private let entities = SchemaSource(
    path: "Schemas/Entities.schema",
    text: """
        /// Anything placed on the field; public to every client.
        schema Entity {
            id: string = "public"
        }
        schema Marker extends Entity {}
        """)

private let monsters = SchemaSource(
    path: "Other/Monsters.schema",
    text: """
        schema Monster extends Entity {
            hp: uint16 = 50
            loot: array<float64>
            target: Entity?
        }
        """)

private let lobby = SchemaSource(
    path: "Lobby.schema",
    text: """
        schema Lobby {
            rooms: map<string>
        }
        """)

@Suite struct SwiftRendererDeterminismTests {
    @Test func renderingTheSameModelTwiceGivesTheSameBytes() throws {
        let model = try SchemaCompiler.compile(sources: [entities, monsters, lobby])
        let renderer = SwiftRenderer()
        #expect(renderer.render(model) == renderer.render(model))
        let recompiled = try SchemaCompiler.compile(sources: [entities, monsters, lobby])
        #expect(SwiftRenderer().render(recompiled) == renderer.render(model))
    }

    @Test func outputFilesFollowTheInputFileOrder() throws {
        let forward = SwiftRenderer().render(try SchemaCompiler.compile(sources: [entities, monsters, lobby]))
        let backward = SwiftRenderer().render(try SchemaCompiler.compile(sources: [lobby, monsters, entities]))
        #expect(forward.map(\.name) == ["Entities.schema.swift", "Monsters.schema.swift", "Lobby.schema.swift"])
        #expect(backward.map(\.name) == ["Lobby.schema.swift", "Monsters.schema.swift", "Entities.schema.swift"])
        // Files whose content does not depend on other files' order render identically.
        #expect(forward.first { $0.name == "Lobby.schema.swift" } == backward.first { $0.name == "Lobby.schema.swift" })
        #expect(forward.first { $0.name == "Monsters.schema.swift" } == backward.first { $0.name == "Monsters.schema.swift" })
    }

    @Test func knownSubclassesFollowTheInputFileOrder() throws {
        // The order of `knownSubclasses` decides type ids, so it must follow the inputs, not a hash order.
        let forward = SwiftRenderer().render(try SchemaCompiler.compile(sources: [entities, monsters]))
        let backward = SwiftRenderer().render(try SchemaCompiler.compile(sources: [monsters, entities]))
        let line = "public override class var knownSubclasses: [Schema.Type] {"
        #expect(forward.first { $0.name == "Entities.schema.swift" }?.contents.contains("\(line) [Marker.self, Monster.self] }") == true)
        #expect(backward.first { $0.name == "Entities.schema.swift" }?.contents.contains("\(line) [Monster.self, Marker.self] }") == true)
    }

    @Test func eachFileStartsWithTheGeneratedHeaderAndImportsTheRuntime() throws {
        let options = SwiftRenderingOptions(runtimeModule: "MyRuntime")
        for file in SwiftRenderer(options: options).render(try SchemaCompiler.compile(sources: [entities, monsters])) {
            #expect(file.contents.hasPrefix(GeneratedFile.headerPrefix))
            #expect(file.contents.split(separator: "\n").contains("import MyRuntime"))
            #expect(file.contents.hasSuffix("}\n"))
        }
    }

    @Test func codeForTheRuntimeModuleItselfImportsNothing() throws {
        let options = SwiftRenderingOptions(runtimeModule: "")
        for file in SwiftRenderer(options: options).render(try SchemaCompiler.compile(sources: [entities, monsters])) {
            #expect(!file.contents.contains("import "))
            #expect(file.contents.contains(" class "))
        }
    }
}

@Suite struct SwiftRendererAccessLevelTests {
    @Test(arguments: [SwiftRenderingOptions.AccessLevel.internal, .package])
    func accessLevelReplacesEveryPublicDeclarationModifierAndNothingElse(_ level: SwiftRenderingOptions.AccessLevel) throws {
        let model = try GoldenFileTests.goldenModel()
        let sources = try SchemaCompiler.compile(sources: [entities, monsters, lobby])
        for model in [model, sources] {
            let publicFiles = SwiftRenderer(options: SwiftRenderingOptions(accessLevel: .public)).render(model)
            let otherFiles = SwiftRenderer(options: SwiftRenderingOptions(accessLevel: level)).render(model)
            #expect(publicFiles.map(\.name) == otherFiles.map(\.name))
            for (publicFile, other) in zip(publicFiles, otherFiles) {
                let publicLines = publicFile.contents.split(separator: "\n", omittingEmptySubsequences: false)
                let otherLines = other.contents.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(publicLines.count == otherLines.count)
                var replaced = 0
                for (publicLine, otherLine) in zip(publicLines, otherLines) where publicLine != otherLine {
                    let indentation = publicLine.prefix { $0 == " " }
                    let expected = String(indentation) + level.rawValue + " " + String(publicLine.dropFirst(indentation.count + "public ".count))
                    #expect(publicLine.dropFirst(indentation.count).hasPrefix("public "), "changed line without public: \(publicLine)")
                    #expect(String(otherLine) == expected)
                    replaced += 1
                }
                // Every declaration (not only some) changed: no `public ` modifier is left.
                #expect(replaced > 0)
                #expect(!otherLines.contains { $0.drop { $0 == " " }.hasPrefix("public ") })
            }
        }
        // Doc comments and string literals that say "public" are left alone.
        let entitiesFile = try #require(SwiftRenderer(options: SwiftRenderingOptions(accessLevel: level)).render(sources).first)
        #expect(entitiesFile.contents.contains("/// Anything placed on the field; public to every client."))
        #expect(entitiesFile.contents.contains("private var _id: String = \"public\""))
    }

    @Test func publicIsTheDefault() {
        #expect(SwiftRenderingOptions().accessLevel == .public)
        #expect(SwiftRenderer().options == SwiftRenderingOptions(accessLevel: .public, runtimeModule: "ColyseusSchema"))
    }
}
