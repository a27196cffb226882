import Foundation
import SchemaCodegenCore
import Testing

/// Runs `body` with the path of a new, empty folder that is removed afterwards.
private func withTemporaryFolder<Result>(_ body: (String) throws -> Result) throws -> Result {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("SchemaCodegenCoreTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// Writes `contents` to `root/relativePath`, creating folders as needed.
private func write(_ contents: String, to relativePath: String, in root: String) throws {
    let url = URL(fileURLWithPath: root).appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try contents.write(to: url, atomically: true, encoding: .utf8)
}

private func read(_ relativePath: String, in root: String) throws -> String {
    try String(contentsOfFile: root + "/" + relativePath, encoding: .utf8)
}

private func exists(_ relativePath: String, in root: String) -> Bool {
    FileManager.default.fileExists(atPath: root + "/" + relativePath)
}

@Suite struct SchemaFileFinderTests {
    @Test func foldersAreSearchedRecursivelyAndSortedInputsKeepTheirOrder() throws {
        try withTemporaryFolder { root in
            for path in ["B.schema", "a/Z.schema", "a/c.schema", "a/deep/er/D.schema", "notes.txt", "x.swift", "other/Single.schema"] {
                try write("", to: path, in: root)
            }
            // A folder whose name ends in .schema is searched, not returned.
            try FileManager.default.createDirectory(atPath: root + "/dir.schema", withIntermediateDirectories: true)
            try write("", to: "dir.schema/Inner.schema", in: root)

            let files = try SchemaFileFinder.schemaFiles(in: [root + "/other/Single.schema", root + "/"])
            #expect(files == [
                root + "/other/Single.schema",
                root + "/B.schema",
                root + "/a/Z.schema",
                root + "/a/c.schema",
                root + "/a/deep/er/D.schema",
                root + "/dir.schema/Inner.schema",
                root + "/other/Single.schema",
            ])
            #expect(try SchemaFileFinder.schemaFiles(in: [root + "/a"]) == [root + "/a/Z.schema", root + "/a/c.schema", root + "/a/deep/er/D.schema"])
        }
    }

    @Test func missingInputIsAnError() throws {
        try withTemporaryFolder { root in
            #expect(throws: SchemaFileFinderError.noSuchInput(root + "/nope")) {
                try SchemaFileFinder.schemaFiles(in: [root + "/nope"])
            }
            #expect(SchemaFileFinderError.noSuchInput("x/nope").description == "no such file or folder: x/nope")
        }
    }

    @Test func inputsWithoutSchemaFilesAreAnError() throws {
        try withTemporaryFolder { root in
            try write("", to: "README.md", in: root)
            #expect(try SchemaFileFinder.schemaFiles(in: [root]) == [])
            #expect(throws: SchemaFileFinderError.noSchemaFiles(inputs: [root])) {
                try SchemaFileFinder.validatedSchemaFiles(in: [root])
            }
            #expect(SchemaFileFinderError.noSchemaFiles(inputs: ["A", "B"]).description == "no .schema or .ts files found in A, B")
        }
    }

    @Test func schemaFilesWithTheSameBaseNameAreRejected() throws {
        try withTemporaryFolder { root in
            try write("", to: "lobby/Game.schema", in: root)
            try write("", to: "match/Game.schema", in: root)
            try write("", to: "match/Other.schema", in: root)
            let error = SchemaFileFinderError.duplicateOutputName(
                "Game.schema.swift", firstFile: root + "/lobby/Game.schema", secondFile: root + "/match/Game.schema")
            #expect(throws: error) { try SchemaFileFinder.validatedSchemaFiles(in: [root]) }
            #expect(error.description == "\(root)/lobby/Game.schema and \(root)/match/Game.schema would both generate Game.schema.swift; rename one of them")
            #expect(try SchemaFileFinder.validatedSchemaFiles(in: [root + "/match"]) == [root + "/match/Game.schema", root + "/match/Other.schema"])
        }
    }
}

@Suite struct TypeScriptInputFileTests {
    @Test func foldersGiveTypeScriptFilesButNotDeclarationsOrGeneratedOutput() throws {
        try withTemporaryFolder { root in
            try write("", to: "a/State.ts", in: root)
            try write("", to: "a/types.d.ts", in: root)
            try write("", to: "a/legacy.js", in: root)
            try write(GeneratedFile.headerPrefix + " from Game.schema.\n", to: "a/Game.schema.ts", in: root)
            try write("", to: "a/Game.schema", in: root)
            #expect(try SchemaFileFinder.schemaFiles(in: [root]) == [root + "/a/Game.schema", root + "/a/State.ts"])
            // A file named on the command line is read whatever it is.
            #expect(try SchemaFileFinder.schemaFiles(in: [root + "/a/legacy.js"]) == [root + "/a/legacy.js"])
        }
    }

    @Test func relativeImportsAreFollowedOnce() throws {
        try withTemporaryFolder { root in
            try write("""
                import { Schema } from "@colyseus/schema";
                import { Base } from "./base/Base.js";
                import { Common } from "../common";
                export { Item } from "./items";
                import "./missing";
                """, to: "src/State.ts", in: root)
            try write("import { State } from \"../State\";", to: "src/base/Base.ts", in: root)
            try write("", to: "common/index.ts", in: root)
            try write("", to: "src/items.ts", in: root)
            let files = try SchemaFileFinder.validatedSchemaFiles(in: [root + "/src/State.ts"], followingImports: true)
            #expect(files == [root + "/src/State.ts", root + "/src/base/Base.ts", root + "/common/index.ts", root + "/src/items.ts"])
            #expect(try SchemaFileFinder.validatedSchemaFiles(in: [root + "/src/State.ts"]) == [root + "/src/State.ts"])
            #expect(TypeScriptImportFollower.addingImportedFiles(to: ["\(root)/src/./base/../State.ts"]).count == 4)
        }
    }
}

@Suite struct GeneratedFolderTests {
    private let header = GeneratedFile.headerPrefix + " from X.schema. Do not edit.\n"

    private func file(_ name: String, _ body: String) -> GeneratedFile {
        GeneratedFile(name: name, contents: header + body)
    }

    @Test func writesOnlyFilesWhoseContentChanged() throws {
        try withTemporaryFolder { root in
            let output = root + "/Generated/State"
            let folder = GeneratedFolder(path: output)
            let first = [file("A.swift", "a\n"), file("B.swift", "b\n")]

            #expect(try folder.write(first) == .init(written: ["A.swift", "B.swift"], removed: []))
            #expect(try read("A.swift", in: output) == header + "a\n")

            // Mark the files with an old date: an unchanged file must keep it.
            let old = Date(timeIntervalSince1970: 1_000_000)
            for name in ["A.swift", "B.swift"] {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: output + "/" + name)
            }
            #expect(try folder.write(first).changedCount == 0)

            let second = [file("A.swift", "a\n"), file("B.swift", "b changed\n")]
            #expect(try folder.write(second) == .init(written: ["B.swift"], removed: []))
            let dateOfA = try FileManager.default.attributesOfItem(atPath: output + "/A.swift")[.modificationDate] as? Date
            let dateOfB = try FileManager.default.attributesOfItem(atPath: output + "/B.swift")[.modificationDate] as? Date
            #expect(dateOfA == old)
            #expect(dateOfB != old)
            #expect(try read("B.swift", in: output) == header + "b changed\n")
        }
    }

    @Test func removesStaleGeneratedFilesButKeepsHandWrittenOnes() throws {
        try withTemporaryFolder { root in
            try write(header + "stale\n", to: "Old.swift", in: root)
            try write("// Hand-written helper.\nlet x = 1\n", to: "Helper.swift", in: root)
            try write("let y = 2\n" + header, to: "Mentions.swift", in: root)  // header not on the first line
            try write(header, to: "Notes.txt", in: root)  // not a .swift file
            try write(header, to: "Sub/Nested.swift", in: root)  // subfolders are not looked at

            let folder = GeneratedFolder(path: root)
            #expect(folder.existingGeneratedFiles() == ["Old.swift"])
            #expect(try folder.write([file("New.swift", "new\n")]) == .init(written: ["New.swift"], removed: ["Old.swift"]))
            #expect(!exists("Old.swift", in: root))
            for kept in ["New.swift", "Helper.swift", "Mentions.swift", "Notes.txt", "Sub/Nested.swift"] {
                #expect(exists(kept, in: root), "\(kept) was removed")
            }
        }
    }

    @Test func differencesAreEmptyWhenUpToDate() throws {
        try withTemporaryFolder { root in
            let files = [file("A.swift", "a\n"), file("B.swift", "b\n")]
            let folder = GeneratedFolder(path: root)
            try folder.write(files)
            try write("// Hand-written.\n", to: "Helper.swift", in: root)
            #expect(folder.differences(from: files) == "")
            #expect(GeneratedFolder(path: root + "/").differences(from: files) == "")
        }
    }

    @Test func differencesReportChangedMissingAndStaleFiles() throws {
        try withTemporaryFolder { root in
            let folder = GeneratedFolder(path: root)
            try folder.write([file("A.swift", "one\ntwo\n"), file("Gone.swift", "gone\n")])
            try write("// Hand-written.\n", to: "Helper.swift", in: root)

            let report = folder.differences(from: [file("A.swift", "one\n2\n"), file("B.swift", "b\n")])
            let expected = [
                "--- \(root)/A.swift (committed)",
                "+++ \(root)/A.swift (generated)",
                "@@ -1 +1 @@",
                " " + header.dropLast(),
                " one",
                "-two",
                "+2",
                " ",
                "missing: \(root)/B.swift",
                "stale: \(root)/Gone.swift has no schema file any more",
            ]
            #expect(report == expected.joined(separator: "\n"))
            // --check writes nothing.
            #expect(!exists("B.swift", in: root))
            #expect(exists("Gone.swift", in: root))
        }
    }

    @Test func differencesOfAMissingFolderListEveryFileAsMissing() {
        let folder = GeneratedFolder(path: "/nonexistent-\(UUID().uuidString)")
        #expect(folder.differences(from: [file("A.swift", "")]) == "missing: \(folder.path)/A.swift")
        #expect(folder.existingGeneratedFiles() == [])
    }
}
