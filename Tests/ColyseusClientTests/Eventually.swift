/// Why a test's condition never held.
struct ConditionTimeout: Error, CustomStringConvertible {
    let description: String
}

/// Waits on the main actor until `condition` holds; throws after `timeout`.
@MainActor
func eventually(_ what: String, timeout: Duration = .seconds(5), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw ConditionTimeout(description: "timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}
