import ColyseusSchema
import Foundation
import SchemaCodegenCore
import SchemaTestSupport
import Testing
import VectorStates

/// The C++ runtime and the generated C++ headers, compiled with clang++ and g++ (`-Wall -Wextra -Werror`):
/// they decode every frame of the reference vectors to the reference's states, and what this project's
/// Swift encoder sends.
@Suite("C++ decoder", .serialized)
struct CppDecoderTests {
    /// Every ordinary vector case (the `_upstream-bugs.json` ones record the reference decoder's mistakes).
    static var vectorNames: [String] {
        get throws { try SchemaVector.fileNames().filter { !$0.hasPrefix("_") }.map { String($0.dropLast(".json".count)) } }
    }

    @Test(arguments: CppCompiler.required)
    func decodesEveryVectorFrameAsTheReference(compiler: String) async throws {
        let driver = try await CppDecoderDrivers.shared.driver(for: compiler)
        #expect(try Self.vectorNames.count == 14)
        var commands: [String] = []
        var expected: [(label: String, state: JSONValue?)] = []
        for name in try Self.vectorNames {
            let vector = try SchemaVector.load(name)
            let root = try Self.rootType(of: name)
            commands += ["state \(root)", "handshake \(vector.handshake)"]
            expected += [("\(name): state", nil), ("\(name): handshake", nil)]
            for (position, frame) in vector.frames.enumerated() {
                commands.append("decode \(frame.hex)")
                expected.append(("\(name) frame \(position): \(frame.description)", frame.decoded))
            }
            commands += ["state \(root)", "decode \(vector.lateJoinFullState.hex)"]
            expected += [("\(name): state", nil), ("\(name): late join", vector.lateJoinFullState.decoded)]
        }
        let answers = try driver.run(commands)
        try #require(answers.count == commands.count, "\(answers.last ?? "")")
        for (answer, expectation) in zip(answers, expected) {
            guard let state = expectation.state else {
                #expect(answer == "ok", "\(compiler) \(expectation.label)")
                continue
            }
            #expect(try Self.json(answer) == state, "\(compiler) \(expectation.label)")
        }
    }

    /// Every prefix of every vector frame (three for the few frames longer than 256 bytes), applied after
    /// the frames before it: the decoder reports an error or a state and never crashes.
    @Test(arguments: CppCompiler.required)
    func truncatedFramesFailCleanly(compiler: String) async throws {
        let driver = try await CppDecoderDrivers.shared.driver(for: compiler)
        var commands: [String] = []
        for name in try Self.vectorNames {
            let vector = try SchemaVector.load(name)
            let root = try Self.rootType(of: name)
            for (position, frame) in vector.frames.enumerated() {
                let hex = Array(frame.hex)
                let lengths = hex.count <= 512 ? Array(stride(from: 2, to: hex.count, by: 2)) : [2, hex.count / 4 * 2, hex.count - 2]
                for length in lengths {
                    commands.append("state \(root)")
                    commands += vector.frames[..<position].map { "decode \($0.hex)" }
                    commands.append("decode \(String(hex[..<length]))")
                }
            }
        }
        let answers = try driver.run(commands)
        #expect(answers.count == commands.count, "the driver stopped early: \(answers.last ?? "")")
        #expect(answers.allSatisfy { $0 == "ok" || $0.hasPrefix("{") || $0.hasPrefix("error: ") })
        #expect(answers.contains { $0.hasPrefix("error: truncated") })
    }

    @Test(arguments: CppCompiler.required)
    func reportsTheChangesOfTheReference(compiler: String) async throws {
        let driver = try await CppDecoderDrivers.shared.driver(for: compiler)
        for name in ["mapOfSchemas", "childSchema", "instanceSharing", "primitives", "roomState"] {
            let data = try Fixtures.data("vectors/schema/\(name).json")
            let frames = try JSONDecoder().decode(ChangeFrames.self, from: data).frames
            let answers = try driver.run(["state \(try Self.rootType(of: name))"] + frames.map { "changes \($0.hex)" })
            for (position, frame) in frames.enumerated() {
                let expected = frame.changes.map { "\($0.refId) \($0.op) \($0.name)" }.joined(separator: ";")
                #expect(answers[position + 1] == expected, "\(compiler) \(name) frame \(position): \(frame.description)")
            }
        }
    }

    @Test(arguments: CppCompiler.required)
    func callbacksSeeFieldsAndCollectionItems(compiler: String) async throws {
        let driver = try await CppDecoderDrivers.shared.driver(for: compiler)
        let vector = try SchemaVector.load("mapOfSchemas")
        let answers = try driver.run(["state MapState", "decode \(vector.frames[0].hex)", "listen"] + vector.frames.dropFirst().map { "decode \($0.hex)" })
        let events = answers.dropFirst(3).map { line in String(line.prefix { $0 != "{" }).trimmingCharacters(in: .whitespaces) }
        #expect(Array(events.prefix(5)) == [
            "events [add players p2]",
            "events",
            "events [add scores p2] [add scores p1]",
            "events [remove players p1]",
            "events [add players p2]",
        ])
        #expect(events.last == "events [add players p4]")
        #expect(events[events.count - 2] == "events [remove players p2] [remove players p1] [remove scores p2]")
    }

    /// `session-stateview.json`: each client's frames of one room (the shared bytes plus its view's
    /// sections) decode to that client's state, different for every client.
    @Test(arguments: CppCompiler.required)
    func decodesEachClientsFilteredStream(compiler: String) async throws {
        let driver = try await CppDecoderDrivers.shared.driver(for: compiler)
        let vector = try StateViewVector.load()
        for (scenario, root) in [("fieldsAndTags", "ViewState"), ("arrayByRefId", "Deck")] {
            let scenario = try vector.scenario(scenario)
            for client in scenario.clients.map(\.name) {
                let frames = scenario.steps.compactMap { $0.frame(client) }.filter { $0.hex != nil }
                let answers = try driver.run(["state \(root)", "handshake \(scenario.handshake)"] + frames.map { "decode \($0.hex!.dropFirst(2))" })
                try #require(answers.count == frames.count + 2, "\(answers.last ?? "")")
                #expect(answers[1] == "ok", "\(compiler) \(scenario.name) handshake")
                for (frame, answer) in zip(frames, answers.dropFirst(2)) {
                    #expect(try Self.json(answer) == frame.decodedAfter, "\(compiler) \(scenario.name): \(client)")
                }
            }
        }
    }

    @Test(arguments: CppCompiler.required)
    func rejectsAHandshakeOfOtherClasses(compiler: String) async throws {
        let driver = try await CppDecoderDrivers.shared.driver(for: compiler)
        let answers = try driver.run(["state MapState", "handshake \(try SchemaVector.load("childSchema").handshake)"])
        #expect(answers[1].hasPrefix("error: handshake does not match the generated classes"))
    }

    @Test(arguments: CppCompiler.required)
    func decodesTheSwiftEncodersRandomPatches(compiler: String) async throws {
        let driver = try await CppDecoderDrivers.shared.driver(for: compiler)
        var random = SplitMix64(seed: 5)
        let state = Arena()
        let encoder = StateEncoder(state: state)
        let swiftDecoder = StateDecoder<Arena>()
        let fullState = encoder.encodeFullState()
        try swiftDecoder.decode(fullState)
        var commands = ["state Arena", "handshake \(Hex.encode(encoder.encodeHandshake()))", "decode \(Hex.encode(fullState))"]
        encoder.discardChanges()
        var expected: [JSONValue] = [StateJSON.value(state)]
        var refCounts: [Int] = []
        var mutator = ArenaMutator(state: state)
        for _ in 0..<200 {
            for _ in 0..<Int.random(in: 1...6, using: &random) { _ = mutator.mutate(using: &random) }
            guard let patch = encoder.encodePatch() else { continue }
            try swiftDecoder.decode(patch)
            commands += ["decode \(Hex.encode(patch))", "refs"]
            expected.append(StateJSON.value(state))
            refCounts.append(swiftDecoder.refCount)
        }
        commands += ["state Arena", "decode \(Hex.encode(encoder.encodeFullState()))"]
        let answers = try driver.run(commands)
        try #require(answers.count == commands.count)
        #expect(answers[1] == "ok", "handshake of the Swift encoder")
        #expect(try Self.json(answers[2]) == expected[0], "full state")
        for step in 0..<refCounts.count {
            let answer = answers[3 + 2 * step]
            let patch = commands[3 + 2 * step]
            #expect(try Self.json(answer) == expected[step + 1], "\(compiler) patch \(step): \(patch)")
            #expect(answers[4 + 2 * step] == String(refCounts[step]), "\(compiler) refs held after patch \(step): \(patch)")
            if answers[4 + 2 * step] != String(refCounts[step]) { break }
        }
        #expect(try Self.json(answers[answers.count - 1]) == StateJSON.value(state), "\(compiler) late join")
    }

    /// Schemas of two files that refer to each other and extend each other's classes, and the headers of
    /// `Generated/cpp`, included in both orders in two translation units of one program; the demo
    /// `MyRoomState` decodes the reference room state (its player class has another name, which the
    /// handshake does not compare).
    @Test(arguments: CppCompiler.required)
    func headersOfSeveralFilesCompileInAnyOrder(compiler: String) async throws {
        let tool = try CppCompiler.require(compiler)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cpp-files-\(compiler)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try SchemaCompiler.compile(sources: [
            SchemaSource(path: "Left.schema", text: "schema Base { id: string? }\nschema Holder { other: Other?\n list: array<Other> }"),
            SchemaSource(path: "Right.schema", text: "schema Other extends Base { holder: Holder? }\nschema Leaf extends Other { depth: uint8 = 1 }"),
        ])
        for file in CppRenderer(options: CppRenderingOptions(namespace: "pair")).render(model) {
            try file.contents.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        let demoHeaders = try FileManager.default.contentsOfDirectory(atPath: CppDecoderDriver.repository.appendingPathComponent("Generated/cpp").path)
            .filter { $0.hasSuffix(".hpp") }.sorted()
        let vector = try SchemaVector.load("roomState")
        let first = folder.appendingPathComponent("first.cpp"), second = folder.appendingPathComponent("second.cpp")
        try """
            #include "Left.schema.hpp"
            #include "Right.schema.hpp"
            \(demoHeaders.map { "#include \"\($0)\"" }.joined(separator: "\n"))
            #include <iostream>

            std::string right_first();

            static std::vector<std::uint8_t> bytes(const std::string& hex) {
                std::vector<std::uint8_t> result;
                for (std::size_t i = 0; i + 1 < hex.size(); i += 2) result.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
                return result;
            }

            int main(int argc, char** argv) {
                colyseus::schema::Decoder<MyRoomState> decoder;
                decoder.check_handshake(bytes(argv[1]));
                for (int i = 2; i < argc; ++i) decoder.decode(bytes(argv[i]));
                colyseus::schema::Decoder<pair::Holder> holder;
                std::cout << decoder.state()->to_json() << "\\n" << holder.types().types().size() << " " << right_first() << "\\n";
                return 0;
            }

            """.write(to: first, atomically: true, encoding: .utf8)
        try """
            #include "Right.schema.hpp"
            #include "Left.schema.hpp"

            std::string right_first() { return pair::Leaf().to_json(); }

            """.write(to: second, atomically: true, encoding: .utf8)
        let program = folder.appendingPathComponent("program")
        try await tool.compile(sources: [first, second], includes: [CppDecoderDriver.repository.appendingPathComponent("cpp/include"), folder,
                                                          CppDecoderDriver.repository.appendingPathComponent("Generated/cpp")], output: program)
        let result = try Subprocess.run(program.path, [vector.handshake] + vector.frames.map(\.hex))
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        try #require(lines.count == 2, "\(result.standardOutput) \(result.standardError)")
        #expect(try Self.json(lines[0]) == vector.frames.last!.decoded)
        #expect(lines[1] == "4 {\"depth\":1}")
    }

    // MARK: helpers

    /// The JSON state of an answer line; a line that is no state (an error) becomes a string, which
    /// compares unequal to every state and shows the error in the failure.
    private static func json(_ line: String) throws -> JSONValue {
        guard line.hasPrefix("{") else { return .string(line) }
        return try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
    }

    /// The root class of a vector case.
    private static func rootType(of name: String) throws -> String {
        struct Root: Decodable { let rootType: String }
        let data = try Fixtures.data("vectors/schema/\(name).json")
        return try JSONDecoder().decode(Root.self, from: data).rootType
    }

    /// The frames of a vector case with the changes the reference decoder reported.
    private struct ChangeFrames: Decodable {
        struct Frame: Decodable {
            let description: String
            let hex: String
            let changes: [Change]
        }
        struct Change: Decodable {
            let refId: Int
            let op: String
            let field: String?
            let dynamicIndex: JSONValue?
            /// The field name, the map key or the item index.
            var name: String {
                switch dynamicIndex {
                case .string(let key): key
                case .number(let index): String(Int(index))
                default: field ?? ""
                }
            }
        }
        let frames: [Frame]
    }
}
