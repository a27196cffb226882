import Foundation
import SchemaCodegenCore
import Testing

/// Renders the `.schema` files of `Golden/` (compiled together, in name order) and compares every
/// generated file byte for byte with the `.swift` file of the same name next to them.
///
/// To re-record after an intended renderer change, run
///
///     RECORD_GOLDENS=1 swift test --filter GoldenFileTests
///
/// review the changes with `git diff Tests/GeneratedCodeTests/Golden`, then run the tests again
/// without the variable. A recording run rewrites the files and still fails, so that it cannot
/// pass unnoticed (for example when the variable is left set in CI).
@Suite struct GoldenFileTests {
    /// The goldens live in the GeneratedCodeTests target, which compiles the expected outputs.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GeneratedCodeTests/Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// The golden inputs, compiled together in file-name order.
    static func goldenModel() throws -> SchemaModel {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".schema") }.sorted()
        let sources = try names.map { name in
            try SchemaSource(contentsOfFile: folder.appendingPathComponent(name).path, displayPath: "Golden/\(name)")
        }
        return try SchemaCompiler.compile(sources: sources)
    }

    @Test func renderedSwiftMatchesGoldenFiles() throws {
        let files = SwiftRenderer().render(try Self.goldenModel())
        #expect(files.map(\.name) == ["Collections.schema.swift", "Entities.schema.swift", "Monsters.schema.swift", "Primitives.schema.swift"])

        if Self.isRecording {
            try GeneratedFolder(path: Self.folder.path).write(files)
            Issue.record("RECORD_GOLDENS=1: rewrote \(files.count) golden files; check them with git diff and run again without the variable")
            return
        }
        for file in files {
            let url = Self.folder.appendingPathComponent(file.name)
            guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
                Issue.record("missing golden file \(file.name); record it with RECORD_GOLDENS=1")
                continue
            }
            if expected != file.contents {
                // Only the diff: the full files would bury it.
                let diff = TextDiff.unified(old: expected, new: file.contents, oldName: "Golden/\(file.name) (expected)", newName: "\(file.name) (rendered)")
                Issue.record("rendered \(file.name) differs from its golden file (RECORD_GOLDENS=1 re-records):\n\(diff)")
            }
        }
        let goldenOutputs = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".swift") }
        #expect(Set(goldenOutputs) == Set(files.map(\.name)), "every golden .swift file needs its .schema file")
    }
}
