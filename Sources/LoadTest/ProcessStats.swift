import Foundation

/// CPU time and resident memory of a process, from /proc (Linux).
struct ProcessStats: Sendable {
    /// User + system CPU seconds so far.
    var cpuSeconds: Double
    /// Resident set size in bytes.
    var residentBytes: Int

    static func read(pid: Int32) -> ProcessStats? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let afterName = stat.range(of: ") ")
        else { return nil }
        // Fields after "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[afterName.upperBound...].split(separator: " ")
        guard fields.count > 12, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let rssKilobytes = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
        return ProcessStats(cpuSeconds: (utime + stime) / ticks, residentBytes: rssKilobytes * 1024)
    }
}
