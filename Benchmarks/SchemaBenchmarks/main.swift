// Schema benchmarks S1-S5 of BENCHMARKS.md (the scenarios also run on the reference): prints timings (median, min, max of the runs),
// sizes, heap allocations per tick and sha256 fingerprints compared with the reference's.
//
//   swift run -c release schema-benchmarks [--runs N]

#if canImport(Glibc)
import Glibc
#endif

AllocationCounter.start()

var runs = 7
if let position = CommandLine.arguments.firstIndex(of: "--runs"), position + 1 < CommandLine.arguments.count,
   let value = Int(CommandLine.arguments[position + 1]), value > 0 {
    runs = value
}

/// Reference output (BENCHMARKS.md "Byte fingerprints").
enum Reference {
    static let churnFullState = "82bc569c9318a86dcfeb72740a355c687558ee60822ae113e6dc1a2b567fdb6a"
    static let churnPatches = "488a186c8443574610cca20db27b02637f8cb5438a8f7ec078bfb53bea5bc895"
    static let worldFullState5k = "86eeb070f05725aa126c35c15cc97af73dd7573c7ebafbebe0fab3b2bb7f56f0"
    static let worldFullState10k = "66396de5204b739829ee1e6ee7c0f36b696f997437381583881f21b5363e93ca"
    static let steadyPatches = "a3e9e3e941f186f7834254fed2b95b8f0d3fcc71ca2a1c93f0ea41912fdd14b0"
    static let viewJoins = "566bf37136898006a267ef203764f8847021f83b2b5296ab03eca97e29594108"
    static let viewPatches = "6670d7eb7738e81e0777d2637651ee79c7872ccee5a18307492b88e157a9e9f0"
}

var mismatches = 0
@MainActor func fingerprint(_ label: String, _ value: String, expected: String) {
    let verdict = value == expected ? "matches the reference" : "MISMATCH (reference \(expected))"
    if value != expected { mismatches += 1 }
    print("  sha256 \(label): \(value) \(verdict)")
}

func ratio(_ value: Double, reference: Double) -> String {
    "\(format(reference / value, 1))x faster than the reference's \(format(reference, 1))"
}

func allocationText(_ values: [Double?]) -> String {
    let counted = values.compactMap { $0 }
    guard !counted.isEmpty else { return "not counted (malloc-interposer not preloaded)" }
    return "\(format(counted.max()!, 3)) per tick (max over runs)"
}

/// `--only S1` (or S2, S3, S4, S5) runs one scenario, e.g. under a profiler.
nonisolated(unsafe) var only: String?
if let position = CommandLine.arguments.firstIndex(of: "--only"), position + 1 < CommandLine.arguments.count {
    only = CommandLine.arguments[position + 1]
}
func selected(_ scenario: String) -> Bool { only == nil || only == scenario }

/// Runs a patch scenario (S1, S3) after a warm-up run and prints its figures; the first run's bytes
/// are fingerprinted.
@MainActor func reportPatchScenario(
    _ label: String, referenceMicroseconds: Double, fullStateReference: String, patchesReference: String,
    showFirstPatch: Bool, run: (Bool, Bool) -> Scenarios.PatchRun
) {
    _ = run(false, false)
    let results = (0..<runs).map { run($0 == 0, true) }
    let first = results[0]
    let times = Summary(results.map { $0.nanosecondsPerTick / 1000 })
    print("\(label): encode + discard per tick: \(times.formatted("µs", digits: 3)); \(ratio(times.median, reference: referenceMicroseconds)) µs")
    let firstPatch = showFirstPatch ? "patch t=1: \(first.firstPatchBytes) bytes; " : ""
    print("  full state \(first.fullStateBytes) bytes; \(firstPatch)mean \(format(first.meanPatchBytes, 1)) bytes per patch")
    print("  heap allocations during patch encode: \(allocationText(results.map(\.allocationsPerTick)))")
    fingerprint("\(label.prefix(2)) full state", first.fullStateFingerprint, expected: fullStateReference)
    fingerprint("\(label.prefix(2)) patches t=1..10000", first.patchesFingerprint!, expected: patchesReference)
}

print("Schema benchmarks, \(runs) runs after one warm-up run (times exclude mutations).")
#if DEBUG
print("(debug build: fingerprints and allocation counts are meaningful, timings are not; use -c release)")
#endif

// S1
if selected("S1") {
    reportPatchScenario(
        "S1 churn100", referenceMicroseconds: 11.5, fullStateReference: Reference.churnFullState,
        patchesReference: Reference.churnPatches, showFirstPatch: true,
        run: Scenarios.churn(fingerprint:countAllocations:))
}

// S2
if selected("S2") {
let repetitions = 200
_ = Scenarios.fullState5k(repetitions: 20)
let worldRuns = (0..<runs).map { _ in Scenarios.fullState5k(repetitions: repetitions) }
let worldTimes = Summary(worldRuns.map(\.microsecondsPerEncode))
print("S2 fullState5k: full-state encode: \(worldTimes.formatted("µs", digits: 1)); \(ratio(worldTimes.median, reference: 1606)) µs")
print("  \(worldRuns[0].bytes) bytes")
fingerprint("S2 full state", worldRuns[0].fingerprint, expected: Reference.worldFullState5k)

}

// S3
if selected("S3") {
    reportPatchScenario(
        "S3 steady10k", referenceMicroseconds: 14.8, fullStateReference: Reference.worldFullState10k,
        patchesReference: Reference.steadyPatches, showFirstPatch: false,
        run: Scenarios.steady10k(fingerprint:countAllocations:))
}

// S4
if selected("S4") {
_ = Scenarios.decodeFullState5k(repetitions: 5)
let decodeTimes = Summary((0..<runs).map { _ in Scenarios.decodeFullState5k(repetitions: 20) })
print("S4 decode S2 full state: \(decodeTimes.formatted("µs", digits: 1)); \(ratio(decodeTimes.median, reference: 20_900)) µs")
let quietDecodeTimes = Summary((0..<runs).map { _ in Scenarios.decodeFullState5k(repetitions: 20, collectingChanges: false) })
print("  without building the change list: \(quietDecodeTimes.formatted("µs", digits: 1))")
if let allocations = Scenarios.decodeFullState5kAllocations(collectingChanges: false) {
    print("  heap allocations per full-state decode (no change list): \(allocations) (\(format(Double(allocations) / 5000, 1)) per entity)")
}
let messages = Scenarios.churnMessages()
_ = Scenarios.decodeChurnPatches(messages)
let patchDecodeTimes = Summary((0..<runs).map { _ in Scenarios.decodeChurnPatches(messages) / 1000 })
print("S4 decode one S1 patch: \(patchDecodeTimes.formatted("µs", digits: 3)); \(ratio(patchDecodeTimes.median, reference: 15.8)) µs")
let quietPatchTimes = Summary((0..<runs).map { _ in Scenarios.decodeChurnPatches(messages, collectingChanges: false) / 1000 })
print("  without building the change list: \(quietPatchTimes.formatted("µs", digits: 3))")

}

// S5
if selected("S5") {
    // The fingerprinted run hashes every client patch inside its ticks: its time is not reported.
    #if DEBUG
    // A debug run (CI) checks the fingerprints only: unoptimized closures allocate, and it is slow.
    let fingerprinted = ViewScenario.run(fingerprint: true, countAllocations: false)
    let viewRuns = [fingerprinted]
    #else
    let fingerprinted = ViewScenario.run(fingerprint: true, countAllocations: true)
    let viewRuns = (0..<runs).map { _ in ViewScenario.run(fingerprint: false, countAllocations: false) }
    #endif
    let viewTimes = Summary(viewRuns.map(\.microsecondsPerTick))
    print("S5 views: shared patch + \(ViewScenario.clientCount) client views + discard per tick: \(viewTimes.formatted("µs", digits: 1)); \(ratio(viewTimes.median, reference: 3_347)) µs")
    print("  mean \(format(fingerprinted.meanClientPatchBytes, 1)) bytes per client patch")
    print("  heap allocations per tick: \(allocationText([fingerprinted.allocationsPerTick]))")
    fingerprint("S5 joins (300 full states)", fingerprinted.joinFingerprint, expected: Reference.viewJoins)
    fingerprint("S5 client patches t=1..1000", fingerprinted.patchesFingerprint, expected: Reference.viewPatches)
}

if mismatches > 0 {
    print("\(mismatches) fingerprint(s) differ from the reference")
    exit(1)
}
