import Foundation

/// The output folder of the code generator: writes generated files (only when their content
/// changed, so builds stay incremental), removes generated files whose schema file is gone, and
/// compares the folder with what would be generated (`schema-codegen --check`).
///
/// A file with the folder's ``fileExtension`` counts as generated when its first line starts with
/// ``GeneratedFile/headerPrefix``; other files in the folder are never touched. Only the folder
/// itself is looked at, not subfolders. File-system failures are thrown as Foundation's errors.
public struct GeneratedFolder: Sendable {
    /// The folder's path.
    public let path: String
    /// The extension of the files this folder's generator owns (`.swift`, or `.hpp` for C++), so that
    /// Swift and C++ output may share a folder without removing each other's files.
    public let fileExtension: String

    /// What ``write(_:)`` did.
    public struct WriteResult: Sendable, Equatable {
        /// Names of the files that were created or whose content changed, in the given order.
        public var written: [String]
        /// Names of stale generated files that were deleted, sorted.
        public var removed: [String]

        public init(written: [String] = [], removed: [String] = []) {
            self.written = written
            self.removed = removed
        }

        /// How many files were created, changed or deleted.
        public var changedCount: Int { written.count + removed.count }
    }

    public init(path: String, fileExtension: String = ".swift") {
        self.path = path
        self.fileExtension = fileExtension
    }

    /// Writes `files`, skipping those whose content is already on disk, and deletes the generated
    /// files of the folder that are not among `files`. Creates the folder if needed.
    @discardableResult
    public func write(_ files: [GeneratedFile]) throws -> WriteResult {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var result = WriteResult()
        for file in files {
            let target = url(file.name)
            if (try? String(contentsOf: target, encoding: .utf8)) == file.contents { continue }
            try file.contents.write(to: target, atomically: true, encoding: .utf8)
            result.written.append(file.name)
        }
        for stale in staleFiles(keeping: files) {
            try FileManager.default.removeItem(at: url(stale))
            result.removed.append(stale)
        }
        return result
    }

    /// A readable report of every difference between the folder and `files`; empty when the folder
    /// is up to date. Lists a unified diff per changed file, a `missing:` line per file not written
    /// yet and a `stale:` line per generated file without a schema file.
    public func differences(from files: [GeneratedFile]) -> String {
        var report: [String] = []
        for file in files {
            let shownPath = displayPath(file.name)
            guard let existing = try? String(contentsOf: url(file.name), encoding: .utf8) else {
                report.append("missing: \(shownPath)")
                continue
            }
            let diff = TextDiff.unified(
                old: existing, new: file.contents, oldName: "\(shownPath) (committed)", newName: "\(shownPath) (generated)")
            if !diff.isEmpty { report.append(diff) }
        }
        for stale in staleFiles(keeping: files) {
            report.append("stale: \(displayPath(stale)) has no schema file any more")
        }
        return report.joined(separator: "\n")
    }

    /// The names of the files with ``fileExtension`` in the folder that schema-codegen wrote (recognised by
    /// their first line), sorted; empty when the folder does not exist.
    public func existingGeneratedFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { name in
            name.hasSuffix(fileExtension) && Self.isGenerated(url(name))
        }.sorted()
    }

    private func staleFiles(keeping files: [GeneratedFile]) -> [String] {
        let current = Set(files.map(\.name))
        return existingGeneratedFiles().filter { !current.contains($0) }
    }

    private func url(_ name: String) -> URL {
        URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent(name)
    }

    private func displayPath(_ name: String) -> String {
        (path.hasSuffix("/") ? path : path + "/") + name
    }

    /// Whether the file at `url` starts with the generator's header (reads only the first bytes).
    static func isGenerated(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let prefix = Data(GeneratedFile.headerPrefix.utf8)
        guard let start = try? handle.read(upToCount: prefix.count) else { return false }
        return start == prefix
    }
}
