import Foundation
import SchemaTestSupport
import Synchronization
import Testing

/// A C++ compiler the C++ runtime is checked with, found on `PATH` or beside the Swift toolchain.
struct CppCompiler: Sendable, CustomStringConvertible {
    let name: String
    let path: String

    var description: String { name }

    /// The compilers the tests use: clang++ (the Swift toolchain ships one) and g++.
    static let required = ["clang++", "g++"]

    /// The compiler called `name`, or nil when it is not installed.
    static func find(_ name: String) -> CppCompiler? {
        var folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        folders.append("/opt/swift/usr/bin")
        for folder in folders {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return CppCompiler(name: name, path: candidate) }
        }
        return nil
    }

    /// The compiler called `name`; when it is not installed, the running test case is skipped (cancelled) and
    /// the reason printed once: a machine with only the Swift toolchain has clang++ but no g++. CI installs both.
    static func require(_ name: String) throws -> CppCompiler {
        guard let compiler = find(name) else {
            let reason = "\(name) is not installed, so the C++ tests skip their \(name) variant (.ci/run installs it)"
            if reportedMissing.withLock({ $0.insert(name).inserted }) {
                FileHandle.standardError.write(Data("skipped: \(reason)\n".utf8))
            }
            try Test.cancel("\(reason)")
        }
        return compiler
    }

    /// The missing compilers already reported.
    private static let reportedMissing = Mutex<Set<String>>([])

    /// Compiles and links `sources` (C++17, every warning an error) with the include folders `includes` into
    /// `output`, on a thread of its own (see ``BlockingWork``).
    func compile(sources: [URL], includes: [URL], output: URL) async throws {
        let arguments = ["-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror", "-pedantic"]
            + includes.map { "-I" + $0.path } + sources.map(\.path) + ["-o", output.path]
        let path = self.path
        let result = try await BlockingWork.run { try Subprocess.run(path, arguments) }
        guard result.status == 0 else {
            throw CppTestError("\(name) failed (status \(result.status)):\n\(result.standardError)")
        }
    }
}

/// A failure of the C++ tooling around a test.
struct CppTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program to completion, feeding it standard input and collecting its output.
enum Subprocess {
    struct Result: Sendable {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    static func run(_ path: String, _ arguments: [String], input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read concurrently so that neither side blocks on a full pipe.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorBox = DataBox()
        let errorReader = Thread { errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorBox.isSet { usleep(1000) }
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errorBox.data ?? Data(), as: UTF8.self))
    }

    private final class DataBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Data?
        var data: Data? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
        var isSet: Bool { data != nil }
    }
}
