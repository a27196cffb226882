import ArgumentParser
import Foundation
import SchemaCodegenCore

/// Turns the command's inputs (files and folders) into a sorted list of schema file paths.
enum SchemaFileFinder {
    static func schemaFiles(in inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or folder: \(input)")
            }
            if isDirectory.boolValue {
                let root = input.hasSuffix("/") ? String(input.dropLast()) : input
                let found = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
                files += found.filter { $0.hasSuffix(".schema") }.sorted().map { root + "/" + $0 }
            } else {
                files.append(input)
            }
        }
        return files
    }

    /// Two schema files with the same base name would write the same Swift file.
    static func rejectDuplicateOutputNames(_ files: [String]) throws {
        var seen: [String: String] = [:]
        for file in files {
            let name = GeneratedFile.name(forSchemaFile: file)
            if let other = seen[name] {
                throw ValidationError("\(other) and \(file) would both generate \(name); rename one of them")
            }
            seen[name] = file
        }
    }
}
