import MallocInterposerSwift
#if canImport(Glibc)
import Glibc
#endif

/// Counts heap allocations with malloc-interposer. On Linux the interposer must be preloaded: the
/// benchmark re-executes itself with `LD_PRELOAD` pointing at the library built beside it.
enum AllocationCounter {
    /// Whether allocations are actually being counted (the interposer is preloaded).
    nonisolated(unsafe) static var isAvailable = false

    static func start() {
        #if os(Linux)
        let library = executableDirectory() + "/libMallocInterposerSwift.so"
        let preload = getenv("LD_PRELOAD").map { String(cString: $0) } ?? ""
        if !preload.contains("libMallocInterposerSwift"), access(library, R_OK) == 0, getenv("SCHEMA_BENCHMARKS_REEXEC") == nil {
            setenv("LD_PRELOAD", library, 1)
            setenv("SCHEMA_BENCHMARKS_REEXEC", "1", 1)
            var arguments = CommandLine.arguments.map { strdup($0) }
            arguments.append(nil)
            execv("/proc/self/exe", &arguments)
        }
        #endif
        MallocInterposerSwift.initialize()
        isAvailable = count { probe() } > 0
    }

    /// One heap allocation the optimizer cannot remove.
    @inline(never) private static func probe() {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: CommandLine.arguments.count + 64)
        pointer.initialize(to: 1)
        sink = Int(pointer.pointee)
        pointer.deallocate()
    }
    nonisolated(unsafe) private static var sink = 0

    /// The number of allocations `body` makes.
    static func count(_ body: () -> Void) -> Int {
        MallocInterposerSwift.reset()
        MallocInterposerSwift.hook()
        body()
        MallocInterposerSwift.unhook()
        return MallocInterposerSwift.getStatistics().mallocCount
    }

    #if os(Linux)
    private static func executableDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return "." }
        let path = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    }
    #endif
}
