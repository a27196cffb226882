import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        let output = try await CppBuild.offThePool { try build.test() }
        #expect(output.contains("100% tests passed"), "\(output)")
    }

    @Test func theSuitePassesUnderAddressAndUndefinedBehaviorSanitizers() async throws {
        try CppBuild.require()
        let build = CppBuild(name: "sanitize", compiler: try CppBuild.compiler(["clang++", "g++"]), sanitize: true)
        let output = try await CppBuild.offThePool { try build.test() }
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
        _ = try await CppBuild.offThePool { try CppBuild.run(compiler, [
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

    /// Runs `body` on a thread of its own: builds take minutes, and blocking the few threads of Swift's
    /// cooperative pool that long would stall every other test of the run.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
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
    ///
    /// Spawned with posix_spawn and a cleared signal mask: the test runner's threads block SIGCHLD, and a mask
    /// inherited by cmake and ctest (libuv waits for their children through SIGCHLD) makes them wait forever.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        guard let path = tool.hasPrefix("/") ? tool : find(tool) else { throw CppBuildError("\(tool) is not installed") }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("cpp-build-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGCHLD, SIGPIPE, SIGINT, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment["ASAN_OPTIONS"] = "detect_leaks=1"
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw CppBuildError("cannot start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // Exited normally with status 0: the low 7 bits (the terminating signal) and the exit code are zero.
        guard status == 0 else {
            throw CppBuildError("\(tool) \(arguments.joined(separator: " ")) failed (wait status \(status)):\n\(text)")
        }
        return text
    }
}

/// A step of the C++ build that failed.
struct CppBuildError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
