import Foundation

/// Adds to the input files the TypeScript files they import through relative module paths
/// (`import { Base } from "./Base"`), and the files those import, as the reference's code generator
/// does, so that a class may extend or name a schema of a file that was not given.
///
/// A specifier is looked up as written, with `.js` read as `.ts` (ES module imports name the compiled
/// file), and without an extension as `.ts`, `.mts`, `/index.ts` or `.js`. Imports that name no file
/// are left alone: a class that needs them is reported where it uses the missing name.
public enum TypeScriptImportFollower {
    /// `files` followed by the files they import, each file once, in the order they were found.
    public static func addingImportedFiles(to files: [String]) -> [String] {
        var result = files
        var seen = Set(files.map(canonicalPath))
        var next = 0
        while next < result.count {
            let file = result[next]
            next += 1
            guard TypeScriptReader.isTypeScript(file), let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            let source = SourceFile(SchemaSource(path: file, text: text))
            // Problems of the file are reported when it is compiled; here only its imports matter.
            var reader = TypeScriptReader(file: source, diagnostics: DiagnosticCollector(sourceFiles: [source]))
            for specifier in reader.read().relativeImports {
                guard let imported = resolve(specifier, importedBy: file), seen.insert(canonicalPath(imported)).inserted else { continue }
                result.append(imported)
            }
        }
        return result
    }

    /// The file a relative specifier names, as a path relative to the same place as `importer`.
    static func resolve(_ specifier: String, importedBy importer: String) -> String? {
        let folder = importer.contains("/") ? String(importer[..<importer.lastIndex(of: "/")!]) : "."
        let base = normalized(folder + "/" + specifier)
        var candidates: [String]
        if let ending = [".js", ".mjs", ".cjs"].first(where: base.hasSuffix) {
            candidates = [String(base.dropLast(ending.count)) + ending.replacingOccurrences(of: "js", with: "ts"), base]
        } else if TypeScriptReader.isTypeScript(base) {
            candidates = [base]
        } else {
            candidates = [base + ".ts", base + ".mts", base + "/index.ts", base + ".js"]
        }
        return candidates.first(where: SchemaFileFinder.isRegularFile)
    }

    /// `path` with `.` and `name/..` components removed.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if let last = parts.last, last != ".." { parts.removeLast() } else if !path.hasPrefix("/") { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    private static func canonicalPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
