import Foundation

/// Finds the libclang shared library to open at run time, so that building schema-codegen needs no
/// clang headers and no link flags.
///
/// Search order: `LIBCLANG_PATH` (the library itself or its folder), then Debian's and Ubuntu's
/// libclang (package `libclang-dev`, any LLVM version, newest first), then the libclang that ships
/// inside the Swift toolchain running this program (found through `PATH`), then Xcode's on macOS.
enum LibClangLocator {
    /// The environment variable that names the library or its folder.
    static let environmentVariable = "LIBCLANG_PATH"

    /// What to do when no library is found.
    static let installHint = """
        install libclang (Debian/Ubuntu: apt-get install libclang-dev; macOS: xcode-select --install) \
        or set \(environmentVariable) to the library or its folder
        """

    /// The candidate paths in search order; only existing files are listed.
    static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var paths: [String] = []
        if let configured = environment[environmentVariable], !configured.isEmpty {
            paths += isDirectory(configured) ? libraryNames.map { configured + "/" + $0 } : [configured]
        }
        paths += debianLibraries()
        paths += toolchainLibraries(environment: environment)
        paths += [
            "/Library/Developer/CommandLineTools/usr/lib/libclang.dylib",
            "/Applications/Xcode.app/Contents/Developer/Toolchains/XcodeDefault.xctoolchain/usr/lib/libclang.dylib",
        ]
        var seen: Set<String> = []
        return paths.filter { FileManager.default.fileExists(atPath: $0) && seen.insert($0).inserted }
    }

    private static let libraryNames = ["libclang.so", "libclang.so.1", "libclang.dylib"]

    /// `/usr/lib/llvm-N/lib/libclang.so` (libclang-dev) and `/usr/lib/<triple>/libclang-N.so.1` (libclang1-N), newest N first.
    private static func debianLibraries() -> [String] {
        let llvmFolders = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib")) ?? [])
            .filter { $0.hasPrefix("llvm-") }
            .sorted { (Int($0.dropFirst(5)) ?? 0) > (Int($1.dropFirst(5)) ?? 0) }
        var paths = llvmFolders.flatMap { folder in libraryNames.map { "/usr/lib/\(folder)/lib/\($0)" } }
        for triple in ["x86_64-linux-gnu", "aarch64-linux-gnu"] {
            let folder = "/usr/lib/\(triple)"
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasPrefix("libclang-") && $0.contains(".so") && !$0.hasPrefix("libclang-cpp") }
                .sorted(by: >)
            paths += names.map { folder + "/" + $0 }
        }
        return paths
    }

    /// `<toolchain>/usr/lib/libclang.so` beside the `swift` found on `PATH` (symbolic links resolved).
    private static func toolchainLibraries(environment: [String: String]) -> [String] {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders.compactMap { folder -> String? in
            let swift = folder + "/swift"
            guard FileManager.default.isExecutableFile(atPath: swift) else { return nil }
            let resolved = URL(fileURLWithPath: swift).resolvingSymlinksInPath()
            return resolved.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lib").path
        }.flatMap { lib in libraryNames.map { lib + "/" + $0 } }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
