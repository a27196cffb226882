import CLibClang
import Foundation
@testable import SchemaCodegenCore
import Testing

/// Annotated C++ headers read with libclang give the same model as the equivalent schema file, with
/// every installed libclang (Debian's libclang-dev and the Swift toolchain's); the generated C++ parses
/// back to the expected classes; bad headers are reported at file:line:column.
@Suite("C++ headers as schema input")
struct CppHeaderTests {
    /// The distinct libclang libraries of this machine, in search order.
    static let libraries: [String] = {
        var seen: Set<String> = []
        return LibClangLocator.candidates().filter { path in
            seen.insert(URL(fileURLWithPath: path).resolvingSymlinksInPath().path).inserted
                && (try? LibClang.load(candidates: [path]).get()) != nil
        }
    }()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let header = """
        #pragma once
        #include <cstdint>
        #include <map>
        #include <memory>
        #include <optional>
        #include <set>
        #include <string>
        #include <unordered_map>
        #include <vector>
        #include <colyseus/schema_annotations.hpp>

        namespace game {

        /// A card.
        struct COLYSEUS_SCHEMA Card {
            uint8_t suit = 0;
            uint8_t rank = 0;
        };

        /// A player of the room.
        struct COLYSEUS_SCHEMA Player {
            /// Horizontal position.
            COLYSEUS_NUMBER double x = 0;
            COLYSEUS_NUMBER double y = 0;
            std::string name = "anonymous";
            uint8_t hp = 100;
            bool alive = true;
            std::optional<std::string> nickname;
            COLYSEUS_VIEW_DEFAULT std::vector<Card> hand;
            COLYSEUS_VIEW(1) int32_t secretScore = -5;
            int64_t big = -9007199254740991;
            uint64_t huge = 18446744073709551615ULL;
            float ratio = 0.5f;
            int8_t tiny = -128;
            COLYSEUS_BIGINT int64_t lootValue = -9223372036854775807;
            COLYSEUS_BIGINT uint64_t damage = 18446744073709551615ULL;
            COLYSEUS_BIGINT std::vector<int64_t> ledger;
        };

        struct COLYSEUS_SCHEMA Entity { std::optional<std::string> id; };
        /// Inherits `id`.
        class COLYSEUS_SCHEMA Monster : public Entity { public: uint16_t hp = 50; };

        struct COLYSEUS_SCHEMA GameState {
            std::map<std::string, Player> players;
            std::unordered_map<std::string, Entity> entities;
            COLYSEUS_SET std::vector<std::string> winners;
            COLYSEUS_COLLECTION std::vector<Card> deck;
            std::set<int16_t> seats;
            std::unique_ptr<Player> leader;
            std::shared_ptr<Entity> target;
            Card settings;
            std::vector<float> laneWeights = {1, 0.5, 0.25};
            COLYSEUS_NUMBER std::vector<double> speeds;
            uint16_t round = 1;
            std::optional<bool> paused;
        };

        }  // namespace game

        """

    static let equivalentSchema = """
        /// A card.
        schema Card {
            suit: uint8 = 0
            rank: uint8 = 0
        }

        /// A player of the room.
        schema Player {
            /// Horizontal position.
            x: number = 0
            y: number = 0
            name: string = "anonymous"
            hp: uint8 = 100
            alive: boolean = true
            nickname: string?
            @view hand: array<Card>
            @view(1) secretScore: int32 = -5
            big: int64 = -9007199254740991
            huge: uint64 = 18446744073709551615
            ratio: float32 = 0.5
            tiny: int8 = -128
            lootValue: bigint64 = -9223372036854775807
            damage: biguint64 = 18446744073709551615
            ledger: array<bigint64>
        }

        schema Entity { id: string? }
        /// Inherits `id`.
        schema Monster extends Entity { hp: uint16 = 50 }

        schema GameState {
            players: map<Player>
            entities: map<Entity>
            winners: set<string>
            deck: collection<Card>
            seats: set<int16>
            leader: Player?
            target: Entity?
            settings: Card
            laneWeights: array<float32> = [1, 0.5, 0.25]
            speeds: array<number>
            round: uint16 = 1
            paused: boolean?
        }

        """

    private static func compile(_ sources: [SchemaSource], library: String) throws -> SchemaModel {
        try SchemaCompiler.compile(sources: sources, libClang: LibClang.load(candidates: [library]))
    }

    private static func diagnostics(_ sources: [SchemaSource], library: String) -> String {
        do {
            _ = try compile(sources, library: library)
            return ""
        } catch {
            return "\(error)"
        }
    }

    /// Generated output without its first line, which names the input file.
    private static func bodies(_ files: [GeneratedFile]) -> [String] {
        files.map { $0.contents.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().joined() }
    }

    @Test func findsALibclang() {
        #expect(!Self.libraries.isEmpty, "no libclang: \(LibClangLocator.installHint)")
    }

    @Test(arguments: libraries)
    func headerGivesTheModelOfTheEquivalentSchemaFile(library: String) throws {
        let fromHeader = try Self.compile([SchemaSource(path: "Game.hpp", text: Self.header)], library: library)
        let fromSchema = try Self.compile([SchemaSource(path: "Game.schema", text: Self.equivalentSchema)], library: library)
        #expect(fromHeader.schemas.map(\.name) == ["Card", "Player", "Entity", "Monster", "GameState"])
        func shape(_ model: SchemaModel) -> [String] {
            model.schemas.map { schema in
                let fields = schema.ownFields.map { field in
                    "\(field.index) \(field.name): \(field.type)\(field.isOptional ? "?" : "") = \(field.defaultValue.map { "\($0)" } ?? "-") view \(field.viewTag.map(String.init) ?? "-") doc \(field.documentation)"
                }
                return "\(schema.name) extends \(schema.parentName ?? "-") doc \(schema.documentation) \(fields)"
            }
        }
        #expect(shape(fromHeader) == shape(fromSchema))
        #expect(Self.bodies(SwiftRenderer().render(fromHeader)) == Self.bodies(SwiftRenderer().render(fromSchema)))
        #expect(Self.bodies(CppRenderer().render(fromHeader)) == Self.bodies(CppRenderer().render(fromSchema)))
        #expect(SwiftRenderer().render(fromHeader).map(\.name) == ["Game.schema.swift"])
        let player = try #require(fromHeader.schema(named: "Player"))
        #expect(player.location == SourceLocation(file: "Game.hpp", line: 21, column: 24))
        #expect(player.ownFields[0].location == SourceLocation(file: "Game.hpp", line: 23, column: 28))
    }

    @Test(arguments: libraries)
    func headersAndSchemaFilesReferToEachOther(library: String) throws {
        let header = """
            #include <string>
            #include <vector>
            #include <colyseus/schema_annotations.hpp>
            struct Item;
            struct COLYSEUS_SCHEMA Bag { std::vector<Item> items; std::string owner; };
            """
        let model = try Self.compile(
            [SchemaSource(path: "include/Bag.hpp", text: header), SchemaSource(path: "Item.schema", text: "schema Item { weight: uint8 }\nschema Room { bag: Bag }")],
            library: library)
        #expect(model.schemas.map(\.name) == ["Bag", "Item", "Room"])
        #expect(model.schema(named: "Bag")?.ownFields.map(\.type.description) == ["array<Item>", "string"])
    }

    @Test(arguments: libraries)
    func generatedCppParsesBackToTheExpectedClasses(library: String) throws {
        let model = try Self.compile([SchemaSource(path: "Game.schema", text: Self.equivalentSchema)], library: library)
        let file = try #require(CppRenderer(options: CppRenderingOptions(namespace: "game")).render(model).first)
        let clang = try LibClang.load(candidates: [library]).get()
        let include = Self.repository.appendingPathComponent("cpp/include").path
        let outline = clang.withTranslationUnit(path: "/generated/\(file.name)", text: file.contents, arguments: ["-I", include]) { unit -> [String] in
            var errors: [String] = []
            for position in 0..<clang.api.clang_getNumDiagnostics(unit) {
                let diagnostic = clang.api.clang_getDiagnostic(unit, position)
                if clang.api.clang_getDiagnosticSeverity(diagnostic) >= 3 { errors.append(clang.string(clang.api.clang_getDiagnosticSpelling(diagnostic))) }
                clang.api.clang_disposeDiagnostic(diagnostic)
            }
            guard errors.isEmpty else { return errors }
            return Self.classOutline(clang, clang.api.clang_getTranslationUnitCursor(unit))
        }
        #expect(outline == [
            "class Card : colyseus::schema::Schema { suit: std::uint8_t; rank: std::uint8_t }",
            "class Player : colyseus::schema::Schema { x: double; y: double; name: std::string; hp: std::uint8_t; alive: bool; "
                + "nickname: std::optional<std::string>; hand: std::shared_ptr<colyseus::schema::ArraySchema<colyseus::schema::type::ref<Card>>>; "
                + "secretScore: std::int32_t; big: std::int64_t; huge: std::uint64_t; ratio: float; tiny: std::int8_t; "
                + "lootValue: std::int64_t; damage: std::uint64_t; ledger: std::shared_ptr<colyseus::schema::ArraySchema<colyseus::schema::type::bigint64>> }",
            "class Entity : colyseus::schema::Schema { id: std::optional<std::string> }",
            "class Monster : Entity { hp: std::uint16_t }",
            "class GameState : colyseus::schema::Schema { players: std::shared_ptr<colyseus::schema::MapSchema<colyseus::schema::type::ref<Player>>>; "
                + "entities: std::shared_ptr<colyseus::schema::MapSchema<colyseus::schema::type::ref<Entity>>>; "
                + "winners: std::shared_ptr<colyseus::schema::SetSchema<colyseus::schema::type::string>>; "
                + "deck: std::shared_ptr<colyseus::schema::CollectionSchema<colyseus::schema::type::ref<Card>>>; "
                + "seats: std::shared_ptr<colyseus::schema::SetSchema<colyseus::schema::type::int16>>; leader: std::shared_ptr<Player>; "
                + "target: std::shared_ptr<Entity>; settings: std::shared_ptr<Card>; "
                + "laneWeights: std::shared_ptr<colyseus::schema::ArraySchema<colyseus::schema::type::float32>>; "
                + "speeds: std::shared_ptr<colyseus::schema::ArraySchema<colyseus::schema::type::number>>; round: std::uint16_t; paused: std::optional<bool> }",
        ])
    }

    /// `class Name : Base { member: type; ... }` for each class defined in the main file, in order.
    private static func classOutline(_ clang: LibClang, _ cursor: CXCursor) -> [String] {
        var lines: [String] = []
        for child in clang.children(cursor) {
            switch clang.kind(child) {
            case CursorKind.namespace:
                lines += classOutline(clang, child)
            case CursorKind.classDecl where clang.isFromMainFile(child) && clang.api.clang_isCursorDefinition(child) != 0:
                let members = clang.children(child)
                let base = members.first { clang.kind($0) == CursorKind.baseSpecifier }.map { clang.spelling(clang.api.clang_getCursorType($0)) } ?? "-"
                let fields = members.filter { clang.kind($0) == CursorKind.fieldDecl }
                    .map { "\(clang.spelling($0)): \(clang.spelling(clang.api.clang_getCursorType($0)))" }
                lines.append("class \(clang.spelling(child)) : \(base.replacingOccurrences(of: "game::", with: "")) { \(fields.joined(separator: "; ")) }")
            default:
                continue
            }
        }
        return lines
    }

    @Test(arguments: libraries)
    func badHeadersAreReportedAtTheirPosition(library: String) {
        let header = """
            #include <list>
            #include <map>
            #include <optional>
            #include <string>
            #include <vector>
            #include <colyseus/schema_annotations.hpp>
            struct Plain { int a; };
            int computed();
            struct COLYSEUS_SCHEMA Bad : Plain {
                std::list<int> items;
                std::map<int, std::string> byId;
                char letter;
                COLYSEUS_NUMBER int count;
                Plain plain;
                COLYSEUS_SET std::string tags;
                COLYSEUS_VIEW(x) int32_t hidden;
                std::vector<std::vector<int>> grid;
                std::vector<std::optional<int>> maybe;
                int32_t level = computed();
                COLYSEUS_BIGINT int32_t small;
            };
            template <class T> struct COLYSEUS_SCHEMA Box { T value; };
            """
        let lines = Self.diagnostics([SchemaSource(path: "src/Bad.hpp", text: header)], library: library)
            .split(separator: "\n").filter { $0.hasPrefix("src/") }
        #expect(lines == [
            "src/Bad.hpp:9:30: error: base class 'Plain' is not a schema; annotate it with COLYSEUS_SCHEMA",
            "src/Bad.hpp:10:20: error: unsupported template 'std::list<int>'",
            "src/Bad.hpp:11:32: error: map keys must be std::string in 'std::map<int, std::string>'",
            "src/Bad.hpp:12:10: error: plain 'char' has no fixed signedness; use int8_t or uint8_t",
            "src/Bad.hpp:13:25: error: COLYSEUS_NUMBER applies to double and float members, not 'int'",
            "src/Bad.hpp:14:11: error: unsupported member type 'Plain'; annotate its struct with COLYSEUS_SCHEMA or use a supported type",
            "src/Bad.hpp:15:30: error: COLYSEUS_SET applies to std::vector members, not 'std::string'",
            "src/Bad.hpp:16:30: error: view tag must be a non-negative integer, found 'x'",
            "src/Bad.hpp:17:35: error: nested collections are not supported; wrap the inner collection in a schema",
            "src/Bad.hpp:18:37: error: 'std::optional<int>' cannot be a container element; elements are never absent",
            "src/Bad.hpp:19:21: error: cannot read this default value; write a literal (numbers, strings, true/false, or {a, b} for containers)",
            "src/Bad.hpp:20:29: error: COLYSEUS_BIGINT applies to int64_t and uint64_t members, not 'int32_t'",
            "src/Bad.hpp:22:43: error: a class template cannot be a schema; declare a struct for each instantiation",
        ])
    }

    @Test(arguments: libraries)
    func headersThatDoNotCompileReportClangsErrors(library: String) {
        let header = "#include <colyseus/schema_annotations.hpp>\nstruct COLYSEUS_SCHEMA S {\n    Missing value;\n};\n"
        let text = Self.diagnostics([SchemaSource(path: "S.hpp", text: header)], library: library)
        #expect(text.hasPrefix("S.hpp:3:5: error: clang: unknown type name 'Missing'\n    Missing value;\n    ^"))
    }

    @Test func missingLibclangSaysHowToInstallIt() {
        do {
            _ = try SchemaCompiler.compile(sources: [SchemaSource(path: "S.hpp", text: "")], libClang: LibClang.load(candidates: []))
            Issue.record("compiled without libclang")
        } catch {
            #expect("\(error)".hasPrefix("S.hpp:1:1: error: cannot read C++ headers: no libclang found; install libclang (Debian/Ubuntu: apt-get install libclang-dev"))
        }
    }

    @Test func libclangPathMayNameTheLibraryOrItsFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("libclang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = folder.appendingPathComponent("libclang.so").path
        #expect(FileManager.default.createFile(atPath: library, contents: Data()))
        #expect(LibClangLocator.candidates(environment: ["LIBCLANG_PATH": folder.path]).first == library)
        #expect(LibClangLocator.candidates(environment: ["LIBCLANG_PATH": library]).first == library)
        guard case .failure(let error) = LibClang.load(candidates: [library]) else {
            Issue.record("an empty file loaded as libclang")
            return
        }
        #expect(error.description.contains(library))
    }

    @Test func annotationHeaderMatchesTheShippedOne() throws {
        let shipped = try String(contentsOf: Self.repository.appendingPathComponent("cpp/include/colyseus/schema_annotations.hpp"), encoding: .utf8)
        #expect(CppAnnotation.headerText == shipped)
    }
}
