import Foundation

/// Turns command-line inputs (schema files, TypeScript files, C++ headers and folders) into the list of
/// files to compile.
///
/// The order of the result is the order in which the files are compiled, which decides the order
/// of the schemas in the model and of the generated files: inputs are taken in the order given,
/// and the `.schema` and `.ts` files found in a folder (searched recursively) are sorted by relative path.
public enum SchemaFileFinder {
    /// The schema files named by `inputs`: files as given, folders searched recursively for
    /// regular files ending in `.schema` or `.ts` (not `.d.ts` declaration files, and not TypeScript
    /// that schema-codegen wrote).
    ///
    /// - Throws: ``SchemaFileFinderError/noSuchInput(_:)`` for an input that does not exist.
    public static func schemaFiles(in inputs: [String]) throws(SchemaFileFinderError) -> [String] {
        let fileManager = FileManager.default
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw .noSuchInput(input)
            }
            guard isDirectory.boolValue else {
                files.append(input)
                continue
            }
            let root = input.hasSuffix("/") && input.count > 1 ? String(input.dropLast()) : input
            let found = fileManager.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
            files += found
                .filter { isSchemaSource(root + "/" + $0) }
                .sorted()
                .map { root + "/" + $0 }
        }
        return files
    }

    /// Rejects two schema files with the same base name, which would write the same Swift file.
    ///
    /// - Throws: ``SchemaFileFinderError/duplicateOutputName(_:firstFile:secondFile:)``.
    public static func rejectDuplicateOutputNames(_ files: [String]) throws(SchemaFileFinderError) {
        var seen: [String: String] = [:]
        for file in files {
            let name = GeneratedFile.name(forSchemaFile: file)
            if let other = seen[name] {
                throw .duplicateOutputName(name, firstFile: other, secondFile: file)
            }
            seen[name] = file
        }
    }

    /// ``schemaFiles(in:)``, requiring at least one file and distinct output names.
    ///
    /// - Parameter followingImports: Whether to add the TypeScript files that TypeScript inputs import
    ///   through relative paths (``TypeScriptImportFollower``), as the reference's code generator does.
    /// - Throws: ``SchemaFileFinderError``.
    public static func validatedSchemaFiles(in inputs: [String], followingImports: Bool = false) throws(SchemaFileFinderError) -> [String] {
        var files = try schemaFiles(in: inputs)
        if followingImports { files = TypeScriptImportFollower.addingImportedFiles(to: files) }
        guard !files.isEmpty else { throw .noSchemaFiles(inputs: inputs) }
        try rejectDuplicateOutputNames(files)
        return files
    }

    private static func isSchemaSource(_ path: String) -> Bool {
        let isTypeScript = path.hasSuffix(".ts") && !path.hasSuffix(".d.ts")
        guard path.hasSuffix(".schema") || isTypeScript, isRegularFile(path) else { return false }
        return !isTypeScript || !GeneratedFolder.isGenerated(URL(fileURLWithPath: path))
    }

    static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}

/// Why the inputs of a code generator run cannot be used.
public enum SchemaFileFinderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input file or folder does not exist.
    case noSuchInput(String)
    /// The inputs contain no schema file.
    case noSchemaFiles(inputs: [String])
    /// Two schema files would generate the same Swift file.
    case duplicateOutputName(String, firstFile: String, secondFile: String)

    public var description: String {
        switch self {
        case .noSuchInput(let input):
            "no such file or folder: \(input)"
        case .noSchemaFiles(let inputs):
            "no .schema or .ts files found in \(inputs.joined(separator: ", "))"
        case .duplicateOutputName(let name, let first, let second):
            "\(first) and \(second) would both generate \(name); rename one of them"
        }
    }
}
