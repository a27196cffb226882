import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ColyseusTesting
import SchemaTestSupport
import Testing

/// The C++ client SDK's own suite (`cpp/tests`, doctest under ctest) against the demo server: configured and
/// built with CMake, once with g++ and once with clang++ under AddressSanitizer and UBSan. Skipped, with the
/// reason printed, when cmake or a -dev package is missing (`.ci/run` installs them).
@Suite(.serialized)
struct CppClientSuiteTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theSuitePassesWithGcc() async throws {
        try CppBuild.require()
        let build = CppBuild(name: "gcc", compiler: try CppBuild.compiler(["g++", "clang++"]), sanitize: false)
        let output = try await BlockingWork.run { try build.test() }
        #expect(output.contains("100% tests passed"), "\(output)")
    }

    @Test func theSuitePassesUnderAddressAndUndefinedBehaviorSanitizers() async throws {
        try CppBuild.require()
        let build = CppBuild(name: "sanitize", compiler: try CppBuild.compiler(["clang++", "g++"]), sanitize: true)
        let output = try await BlockingWork.run { try build.test() }
        #expect(output.contains("100% tests passed"), "\(output)")
    }

    /// The README's C++ client example (the seed's joinOrCreate, the poll loop) compiles as written, given the
    /// few names it leaves to the game (`Move`, `running`, `renderFrame`).
    @Test func theReadmeExampleCompiles() async throws {
        try CppBuild.require()
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Joining from C++ (client SDK)"))
        let start = try #require(readme.range(of: "```cpp\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let lines = readme[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        let declarations = lines.filter { $0.hasPrefix("#include") || $0.hasPrefix("using ") }
        let statements = lines.filter { !($0.hasPrefix("#include") || $0.hasPrefix("using ")) }
        let program = """
            #include <iostream>
            #include <memory>
            #include <string>
            \(declarations.joined(separator: "\n"))
            struct Move { double x, y; MSGPACK_DEFINE_MAP(x, y) };
            static bool running = false;
            static void renderFrame() {}
            int main() {
            \(statements.joined(separator: "\n"))
            }

            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readme-cpp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("readme.cpp")
        try program.write(to: source, atomically: true, encoding: .utf8)
        let compiler = try CppBuild.compiler(["g++", "clang++"])
        let include = Self.repository.appendingPathComponent("cpp/include").path
        let generated = Self.repository.appendingPathComponent("Generated/cpp").path
        _ = try await BlockingWork.run { try CppBuild.run(compiler, [
            "-std=c++17", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
            "-I", include, "-I", generated, source.path,
        ]) }
    }
}

/// One CMake build folder of `cpp/` under `.build/cpp/<name>`, kept between runs so that later runs rebuild
/// only what changed.
struct CppBuild: Sendable {
    let name: String
    let compiler: String
    let sanitize: Bool

    /// What the C++ client needs: a tool and a header of each -dev package.
    static let requirements: [(path: String, package: String)] = [
        ("/usr/include/boost/beast.hpp", "libboost-dev"),
        ("/usr/include/openssl/ssl.h", "libssl-dev"),
        ("/usr/include/nlohmann/json.hpp", "nlohmann-json3-dev"),
        ("/usr/include/msgpack.hpp", "libmsgpack-cxx-dev"),
        ("/usr/include/doctest/doctest.h", "doctest-dev"),
    ]

    /// Skips the running test (with the reason printed) when cmake or a package is missing.
    static func require() throws {
        var missing = requirements.filter { !FileManager.default.fileExists(atPath: $0.path) }.map(\.package)
        if find("cmake") == nil { missing.insert("cmake", at: 0) }
        guard missing.isEmpty else {
            let reason = "the C++ client suite needs \(missing.joined(separator: ", ")) (apt-get install them; .ci/run does)"
            FileHandle.standardError.write(Data("skipped: \(reason)\n".utf8))
            try Test.cancel("\(reason)")
        }
    }

    /// The first of `names` on `PATH` or beside the Swift toolchain.
    static func compiler(_ names: [String]) throws -> String {
        for name in names {
            if let path = find(name) { return path }
        }
        throw CppBuildError("none of \(names.joined(separator: ", ")) is installed")
    }

    static func find(_ name: String) -> String? {
        var folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        folders.append("/opt/swift/usr/bin")
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The demo-server `swift build` put beside this test bundle.
    static func demoServer() throws -> String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let fallback = CppClientSuiteTests.repository.appendingPathComponent(".build/debug")
        for candidate in [products, products.deletingLastPathComponent(), fallback] {
            let path = candidate.appendingPathComponent("demo-server").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw CppBuildError("no demo-server beside \(products.path): run `swift build` first (swift test builds it)")
    }

    /// Configures, builds and runs ctest; returns ctest's output, throws with the tools' output when a step fails.
    func test() throws -> String {
        let repository = CppClientSuiteTests.repository
        let folder = repository.appendingPathComponent(".build/cpp/\(name)").path
        let configure = [
            "-S", repository.appendingPathComponent("cpp").path, "-B", folder,
            "-DCMAKE_BUILD_TYPE=Debug", "-DCMAKE_CXX_COMPILER=\(compiler)",
            "-DCOLYSEUS_SANITIZE=\(sanitize ? "ON" : "OFF")", "-DCOLYSEUS_DEMO_SERVER=\(try Self.demoServer())",
        ]
        try Self.run("cmake", configure)
        try Self.run("cmake", ["--build", folder, "--parallel", "2"])
        let started = Date()
        let output = try Self.run("ctest", ["--test-dir", folder, "--output-on-failure", "--parallel", "2"])
        print("C++ client suite (\(name), \(URL(fileURLWithPath: compiler).lastPathComponent)): ctest ran in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        return output
    }

    /// Runs `tool` (a path, or a name on `PATH`) and returns its output; throws with it when the tool fails.
    /// (A ``ChildProcess``: cmake and ctest wait for their children through SIGCHLD, which the test runner's
    /// threads block.)
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        guard let path = tool.hasPrefix("/") ? tool : find(tool) else { throw CppBuildError("\(tool) is not installed") }
        let process: ChildProcess
        do {
            process = try ChildProcess(path, arguments, environment: ["ASAN_OPTIONS": "detect_leaks=1"])
        } catch {
            throw CppBuildError("\(error)")
        }
        // Exited normally with status 0: the low 7 bits (the terminating signal) and the exit code are zero.
        guard process.waitForExit() == 0 else {
            throw CppBuildError("\(tool) \(arguments.joined(separator: " ")) failed:\n\(process.output)")
        }
        return process.output
    }
}

/// A step of the C++ build that failed.
struct CppBuildError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
