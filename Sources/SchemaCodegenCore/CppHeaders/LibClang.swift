import CLibClang
import Foundation

/// libclang, opened at run time, with the few calls the header reader needs wrapped for Swift.
final class LibClang: @unchecked Sendable {  // immutable after loading; libclang's functions are thread-safe per index
    /// The path of the opened library.
    let path: String
    let api: CLibClangAPI
    /// clang's resource folder beside the library (`<lib>/clang/<version>`, which holds `stddef.h` and the
    /// other compiler headers), when there is one. A libclang outside its LLVM installation, such as the
    /// Swift toolchain's, does not find it by itself.
    let resourceFolder: String?

    /// The library of this process, loaded on first use from ``LibClangLocator``'s candidates.
    static let shared: Result<LibClang, LibClangError> = load(candidates: LibClangLocator.candidates())

    private init(path: String, api: CLibClangAPI) {
        self.path = path
        self.api = api
        let clangFolder = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("clang")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: clangFolder.path)) ?? []).sorted(by: >)
        resourceFolder = versions.map { clangFolder.appendingPathComponent($0).path }
            .first { FileManager.default.fileExists(atPath: $0 + "/include/stddef.h") }
    }

    /// Opens the first candidate that loads.
    static func load(candidates: [String]) -> Result<LibClang, LibClangError> {
        var failures: [String] = []
        for candidate in candidates {
            var api = CLibClangAPI()
            var message = [CChar](repeating: 0, count: 1024)
            if clang_api_load(candidate, &api, &message, message.count) == 0 {
                return .success(LibClang(path: candidate, api: api))
            }
            failures.append(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return .failure(LibClangError(failures: failures))
    }

    /// Parses `text` as the C++17 header `path` (which need not exist on disk) with the compiler arguments
    /// `arguments` added, and calls `body` with the translation unit; `nil` when libclang cannot parse at all.
    func withTranslationUnit<Result>(path: String, text: String, arguments: [String], _ body: (CXTranslationUnit) -> Result) -> Result? {
        var allArguments = ["-x", "c++", "-std=c++17"] + arguments
        if let resourceFolder { allArguments += ["-resource-dir", resourceFolder] }
        let index = api.clang_createIndex(0, 0)
        defer { api.clang_disposeIndex(index) }
        let copies = allArguments.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let argv = copies.map { UnsafePointer($0) }
        var unit: CXTranslationUnit?
        let status = path.withCString { path in
            text.withCString { contents in
                var unsaved = CXUnsavedFile(Filename: path, Contents: contents, Length: UInt(text.utf8.count))
                let options: UInt32 = 0x40 | 0x200  // CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_KeepGoing
                return api.clang_parseTranslationUnit2(index, path, argv, Int32(argv.count), &unsaved, 1, options, &unit)
            }
        }
        guard status == 0, let unit else { return nil }
        defer { api.clang_disposeTranslationUnit(unit) }
        return body(unit)
    }

    // MARK: strings and cursors

    /// Takes a libclang string and disposes of it.
    func string(_ value: CXString) -> String {
        defer { api.clang_disposeString(value) }
        guard let characters = api.clang_getCString(value) else { return "" }
        return String(cString: characters)
    }

    func kind(_ cursor: CXCursor) -> Int32 { api.clang_getCursorKind(cursor) }
    func spelling(_ cursor: CXCursor) -> String { string(api.clang_getCursorSpelling(cursor)) }
    func spelling(_ type: CXType) -> String { string(api.clang_getTypeSpelling(type)) }

    /// The direct children of `cursor`, in source order.
    func children(_ cursor: CXCursor) -> [CXCursor] {
        var result: [CXCursor] = []
        withUnsafeMutablePointer(to: &result) { pointer in
            _ = api.clang_visitChildren(cursor, { child, _, data in
                data!.assumingMemoryBound(to: [CXCursor].self).pointee.append(child)
                return 1  // CXChildVisit_Continue
            }, pointer)
        }
        return result
    }

    /// Where `location` is after macro expansion: file path, 1-based line and 1-based byte column.
    func position(_ location: CXSourceLocation) -> (file: String, line: Int, byteColumn: Int) {
        var file: CXFile?
        var line: UInt32 = 0, column: UInt32 = 0, offset: UInt32 = 0
        api.clang_getExpansionLocation(location, &file, &line, &column, &offset)
        return (file.map { string(api.clang_getFileName($0)) } ?? "", Int(line), Int(column))
    }

    func isFromMainFile(_ cursor: CXCursor) -> Bool {
        api.clang_Location_isFromMainFile(api.clang_getCursorLocation(cursor)) != 0
    }

    /// Whether a cursor is the null cursor libclang returns for "none".
    func isNull(_ cursor: CXCursor) -> Bool { cursor.kind >= 70 && cursor.kind <= 73 }  // CXCursor_InvalidFile...CXCursor_InvalidCode
}

/// libclang could not be opened.
struct LibClangError: Error, Sendable, CustomStringConvertible {
    /// Why each candidate failed to load, in search order.
    let failures: [String]

    var description: String {
        let tried = failures.isEmpty ? "no libclang found" : "no libclang could be loaded (\(failures.joined(separator: "; ")))"
        return "cannot read C++ headers: \(tried); \(LibClangLocator.installHint)"
    }
}
