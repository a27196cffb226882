/// What a load test counts: join times, move-to-patch latencies (milliseconds), traffic and errors.
struct Measurements: Sendable {
    var joinTimes: [Double] = []
    var latencies: [Double] = []
    var messagesSent = 0
    var patchesReceived = 0
    /// Failures by kind ("join: 522 room ... not found", "left: 4002", ...).
    var errors: [String: Int] = [:]

    mutating func merge(_ other: Measurements) {
        joinTimes += other.joinTimes
        latencies += other.latencies
        messagesSent += other.messagesSent
        patchesReceived += other.patchesReceived
        errors.merge(other.errors, uniquingKeysWith: +)
    }

    /// Starts a new measurement window: latencies and traffic from now on; join times and errors stay.
    mutating func startWindow() {
        latencies.removeAll()
        messagesSent = 0
        patchesReceived = 0
    }

    mutating func count(_ error: String) {
        errors[error, default: 0] += 1
    }
}

/// Percentiles of a sample, as the report prints them.
struct Percentiles: CustomStringConvertible {
    let p50: Double
    let p90: Double
    let p99: Double
    let max: Double
    let count: Int

    init(_ sample: [Double]) {
        let sorted = sample.sorted()
        func at(_ fraction: Double) -> Double {
            sorted.isEmpty ? .nan : sorted[Swift.min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        }
        p50 = at(0.5)
        p90 = at(0.9)
        p99 = at(0.99)
        max = sorted.last ?? .nan
        count = sorted.count
    }

    var description: String {
        func ms(_ value: Double) -> String { value.isNaN ? "-" : String(format: "%.1f", value) }
        return "p50 \(ms(p50)) ms, p90 \(ms(p90)) ms, p99 \(ms(p99)) ms, max \(ms(max)) ms (n=\(count))"
    }
}
