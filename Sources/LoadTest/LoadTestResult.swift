import Foundation

/// The figures of one measurement, as printed after it and in the table of a series.
struct LoadTestResult {
    /// CPU and memory of a process over the measured window.
    struct Usage {
        /// CPU seconds per second.
        let cpu: Double
        /// Resident memory at the end, in MB.
        let residentMB: Double

        init(before: ProcessStats, after: ProcessStats, seconds: Double) {
            cpu = (after.cpuSeconds - before.cpuSeconds) / seconds
            residentMB = Double(after.residentBytes) / 1_048_576
        }

        init(cpu: Double, residentMB: Double) {
            self.cpu = cpu
            self.residentMB = residentMB
        }
    }

    /// What the Redis shared by the server processes spent.
    struct RedisUsage {
        /// CPU milliseconds per join, over the joins.
        let cpuMillisecondsPerJoin: Double
        /// CPU seconds per second over the measured window (the game running).
        let cpu: Double
    }

    let clients: Int
    let connected: Int
    let seconds: Double
    let measurements: Measurements
    /// Each server process given by pid.
    let servers: [(pid: Int32, usage: Usage)]
    let redis: RedisUsage?
    let loadGenerator: Usage?

    /// The server processes together: CPU and memory added up.
    var server: Usage? {
        guard !servers.isEmpty else { return nil }
        return Usage(cpu: servers.map(\.usage.cpu).reduce(0, +), residentMB: servers.map(\.usage.residentMB).reduce(0, +))
    }

    var latency: Percentiles { Percentiles(measurements.latencies) }
    var messagesPerClientPerSecond: Double { Double(measurements.messagesSent) / Double(max(connected, 1)) / seconds }
    var patchesPerClientPerSecond: Double { Double(measurements.patchesReceived) / Double(max(connected, 1)) / seconds }

    /// Server CPU microseconds per frame that crossed it: the clients' messages in, the patches out.
    var serverMicrosecondsPerFrame: Double? {
        let frames = measurements.messagesSent + measurements.patchesReceived
        guard let server, frames > 0 else { return nil }
        return server.cpu * seconds / Double(frames) * 1_000_000
    }

    /// The report of one run.
    func printDetails(latencyNote: String?) {
        print("")
        print("clients connected at the end: \(connected) of \(clients)")
        print("join time:            \(Percentiles(measurements.joinTimes))")
        if let latencyNote {
            print("message -> patch:     not measured (\(latencyNote))")
        } else if measurements.latencies.isEmpty {
            print("message -> patch:     not measured: no patch set a player's x to a sent \"$seq\" (the room must set x to the message's x, as \"bench\" does)")
        } else {
            print("message -> patch:     \(latency)")
        }
        print(String(format: "messages sent:        %.1f per client per second", messagesPerClientPerSecond))
        print(String(format: "patches received:     %.1f per client per second", patchesPerClientPerSecond))
        if let server {
            print(String(format: "server CPU:           %.3f CPU seconds per second", server.cpu))
            if let perFrame = serverMicrosecondsPerFrame {
                print(String(format: "server CPU per frame: %.2f µs (messages in + patches out)", perFrame))
            }
            print(String(format: "server memory:        %.1f MB resident", server.residentMB))
        }
        if servers.count > 1 {
            for (pid, usage) in servers {
                print(String(format: "  process %d:          %.3f CPU seconds per second, %.1f MB resident", pid, usage.cpu, usage.residentMB))
            }
        }
        if let redis {
            print(String(format: "redis CPU per join:   %.3f ms", redis.cpuMillisecondsPerJoin))
            print(String(format: "redis CPU:            %.4f CPU seconds per second while playing", redis.cpu))
        }
        if let loadGenerator {
            // On the same machine the generator competes with the server for the cores.
            print(String(format: "load generator:       %.3f CPU seconds per second, %.1f MB resident, %.1f µs per client per second", loadGenerator.cpu, loadGenerator.residentMB, loadGenerator.cpu / Double(max(connected, 1)) * 1_000_000))
        }
        print("errors:               \(measurements.errors.isEmpty ? "none" : "")")
        for (kind, count) in measurements.errors.sorted(by: { $0.value > $1.value }) { print("  \(count) x \(kind)") }
    }

    /// The table of a series, one row per run.
    static func table(_ results: [LoadTestResult]) -> String {
        func figure(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "-" }
        var lines = [
            "| clients | server CPU s/s | µs per frame | server RSS MB | p50 ms | p90 ms | p99 ms | patches/s per client | load tool CPU s/s | errors |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for result in results {
            let latency = result.latency
            let errors = result.measurements.errors.values.reduce(0, +)
            lines.append(
                "| \(result.connected)/\(result.clients) | \(figure(result.server?.cpu, "%.3f")) | \(figure(result.serverMicrosecondsPerFrame, "%.2f")) "
                    + "| \(figure(result.server?.residentMB, "%.1f")) | \(figure(latency.p50, "%.1f")) | \(figure(latency.p90, "%.1f")) "
                    + "| \(figure(latency.p99, "%.1f")) | \(String(format: "%.1f", result.patchesPerClientPerSecond)) "
                    + "| \(figure(result.loadGenerator?.cpu, "%.3f")) | \(errors) |"
            )
        }
        return lines.joined(separator: "\n")
    }
}
