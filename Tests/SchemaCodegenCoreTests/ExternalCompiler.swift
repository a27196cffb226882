import Foundation
import SchemaTestSupport
import Synchronization
import Testing

/// A compiler or runtime the generated code is checked with (tsc, mcs, mono), found on `PATH`.
struct ExternalCompiler {
    let path: String

    /// The tool called `name`; when it is not installed, the running test is skipped (cancelled) with the
    /// reason printed once. `.ci/run` installs every tool, so CI runs every test.
    static func require(_ name: String, debianPackage: String) throws -> ExternalCompiler {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        if let folder = folders.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }) {
            return ExternalCompiler(path: "\(folder)/\(name)")
        }
        let reason = "\(name) is not installed, so the tests that run it skip (apt-get install \(debianPackage); .ci/run installs it)"
        if reportedMissing.withLock({ $0.insert(name).inserted }) {
            FileHandle.standardError.write(Data("skipped: \(reason)\n".utf8))
        }
        try Test.cancel("\(reason)")
    }

    private static let reportedMissing = Mutex<Set<String>>([])

    /// Runs the tool in `folder` (on a thread of its own: see ``BlockingWork``) and returns its exit status and
    /// its output (standard output and error).
    func run(_ arguments: [String], in folder: URL) async throws -> (status: Int32, output: String) {
        let path = self.path
        return try await BlockingWork.run { try Self.run(path, arguments, in: folder) }
    }

    private static func run(_ path: String, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let outputFile = folder.appendingPathComponent(".output-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outputFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = try String(contentsOf: outputFile, encoding: .utf8)
        try FileManager.default.removeItem(at: outputFile)
        return (process.terminationStatus, output)
    }
}

/// A new empty folder that is removed when the value is.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("schema-codegen-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `contents` to `relativePath`, creating folders as needed.
    func write(_ contents: String, to relativePath: String) throws {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
    }
}
