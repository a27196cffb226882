import Foundation
import SchemaCodegenCore

/// A C++ program built from the C++ runtime (`cpp/include`) and the headers `schema-codegen --cpp-out`
/// generates for `Vectors.schema` and `StateView.schema`, compiled once per compiler.
///
/// It reads commands from standard input, one per line, and answers each with one line:
/// `state <Schema>` starts a new decoder whose state is a `<Schema>` (`ok`); `handshake <hex>` checks a
/// handshake (`ok`, or `error: ...`); `decode <hex>` applies a message and prints the state as JSON;
/// `changes <hex>` applies a message and prints its changes as `refId op name` triples joined by `;`;
/// `refs` prints the number of refs the decoder holds; `listen` registers callbacks on the state's
/// fields and on its collections, and every later `decode` prints the events first: `events <list>`.
struct CppDecoderDriver: Sendable {
    let executable: URL

    /// The repository root (this file is `Tests/SchemaConformanceTests/Cpp/`).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `commands` and returns one answer line per command.
    func run(_ commands: [String]) throws -> [String] {
        let result = try Subprocess.run(executable.path, [], input: commands.joined(separator: "\n") + "\n")
        guard result.status == 0 else { throw CppTestError("driver exited with \(result.status): \(result.standardError)") }
        return result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Generates the headers and the driver into a fresh folder and compiles them with `compiler`.
    static func build(with compiler: CppCompiler) async throws -> CppDecoderDriver {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cpp-decoder-\(compiler.name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let schemaFiles = ["Vectors.schema", "StateView.schema"].map { repository.appendingPathComponent("Tests/VectorStates/\($0)").path }
        let model = try SchemaCompiler.compile(filesAtPaths: schemaFiles)
        for file in CppRenderer(options: CppRenderingOptions(namespace: "vectors")).render(model) {
            try file.contents.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        let source = folder.appendingPathComponent("driver.cpp")
        try driverSource(model: model).write(to: source, atomically: true, encoding: .utf8)
        let executable = folder.appendingPathComponent("driver")
        try await compiler.compile(sources: [source], includes: [repository.appendingPathComponent("cpp/include"), folder], output: executable)
        return CppDecoderDriver(executable: executable)
    }

    /// The driver: a generic command loop, and per schema the code that registers callbacks on its fields.
    private static func driverSource(model: SchemaModel) -> String {
        var listeners = ""
        var dispatch = ""
        for schema in model.schemas {
            listeners += "void listen(vectors::\(schema.name)& state, cs::Callbacks& callbacks, std::vector<std::string>& events) {\n"
            listeners += "    (void)state; (void)callbacks; (void)events;\n"
            for field in model.allFields(of: schema) {
                let member = field.name
                if case .collection = field.type {
                    listeners += "    if (state.\(member)) {\n"
                    listeners += "        callbacks.on_add(*state.\(member), [&events](const cs::DataChange& c) { events.push_back(\"add \(field.name) \" + item_name(c)); });\n"
                    listeners += "        callbacks.on_remove(*state.\(member), [&events](const cs::DataChange& c) { events.push_back(\"remove \(field.name) \" + item_name(c)); });\n"
                    listeners += "    }\n"
                } else {
                    listeners += "    callbacks.listen(state, \"\(field.name)\", [&events](const cs::DataChange&) { events.push_back(\"field \(field.name)\"); });\n"
                }
            }
            listeners += "}\n\n"
            dispatch += "    if (name == \"\(schema.name)\") return std::make_unique<Session<vectors::\(schema.name)>>();\n"
        }
        return """
            #include <iostream>
            #include <memory>
            #include <string>
            #include <vector>

            #include "Vectors.schema.hpp"
            #include "StateView.schema.hpp"

            namespace cs = colyseus::schema;

            static std::vector<std::uint8_t> bytes(const std::string& hex) {
                std::vector<std::uint8_t> result;
                for (std::size_t i = 0; i + 1 < hex.size(); i += 2) result.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
                return result;
            }

            static std::string item_name(const cs::DataChange& change) {
                return change.key ? *change.key : change.index ? std::to_string(*change.index) : std::string("?");
            }

            static const char* operation_name(std::uint8_t op) {
                switch (op) {
                    case cs::operation::add: return "ADD";
                    case cs::operation::replace: return "REPLACE";
                    case cs::operation::remove: return "DELETE";
                    case cs::operation::delete_and_add: return "DELETE_AND_ADD";
                    default: return "OTHER";
                }
            }

            \(listeners)
            struct AnySession {
                virtual ~AnySession() = default;
                virtual std::string run(const std::string& command, const std::string& argument) = 0;
            };

            template <class State>
            struct Session : AnySession {
                cs::Decoder<State> decoder;
                cs::Callbacks callbacks;
                std::vector<std::string> events;
                bool listening = false;

                std::string run(const std::string& command, const std::string& argument) override {
                    if (command == "handshake") {
                        decoder.check_handshake(bytes(argument));
                        return "ok";
                    }
                    if (command == "refs") return std::to_string(decoder.ref_count());
                    if (command == "listen") {
                        listen(*decoder.state(), callbacks, events);
                        listening = true;
                        return "ok";
                    }
                    const std::vector<cs::DataChange> changes = decoder.decode(bytes(argument));
                    if (command == "changes") {
                        std::string line;
                        for (const cs::DataChange& change : changes) {
                            if (!line.empty()) line += ';';
                            line += std::to_string(change.ref_id) + ' ' + operation_name(change.op) + ' ' + (change.field ? std::string(change.field->name) : item_name(change));
                        }
                        return line;
                    }
                    if (!listening) return decoder.state()->to_json();
                    events.clear();
                    callbacks.dispatch(changes);
                    std::string line = "events";
                    for (const std::string& event : events) line += " [" + event + "]";
                    return line + " " + decoder.state()->to_json();
                }
            };

            static std::unique_ptr<AnySession> session(const std::string& name) {
            \(dispatch)    return nullptr;
            }

            int main() {
                std::unique_ptr<AnySession> current;
                std::string line;
                while (std::getline(std::cin, line)) {
                    const std::size_t space = line.find(' ');
                    const std::string command = line.substr(0, space);
                    const std::string argument = space == std::string::npos ? "" : line.substr(space + 1);
                    try {
                        if (command == "state") {
                            current = session(argument);
                            std::cout << (current ? "ok" : "error: unknown schema") << std::endl;
                        } else if (!current) {
                            std::cout << "error: no state" << std::endl;
                        } else {
                            std::cout << current->run(command, argument) << std::endl;
                        }
                    } catch (const std::exception& error) {
                        std::cout << "error: " << error.what() << std::endl;
                    }
                }
                return 0;
            }

            """
    }
}

/// Builds the driver once per compiler for all tests of a run.
actor CppDecoderDrivers {
    static let shared = CppDecoderDrivers()
    private var builds: [String: Task<CppDecoderDriver, Error>] = [:]

    func driver(for compilerName: String) async throws -> CppDecoderDriver {
        if let build = builds[compilerName] { return try await build.value }
        let compiler = try CppCompiler.require(compilerName)
        let build = Task { try await CppDecoderDriver.build(with: compiler) }
        builds[compilerName] = build
        return try await build.value
    }
}
