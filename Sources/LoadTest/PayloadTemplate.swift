import Foundation
import MessagePack

/// The payload of the load test's messages: JSON with placeholders, filled per message.
///
/// `"$seq"` becomes the client's message sequence number (1, 2, ...; the load test times a move
/// until the patch whose player `x` reaches it), `"$rand"` a random number in 0..<1000 and `"$client"`
/// the client's index.
struct PayloadTemplate: Sendable {
    private let template: MessagePackValue

    init(json: String) throws {
        guard let data = json.data(using: .utf8), let parsed = try? JSONDecoder().decode(MessagePackValue.self, from: data) else {
            throw LoadTestError.invalidOption("--payload is not JSON: \(json)")
        }
        template = parsed
    }

    /// Whether the payload carries the sequence number (needed to measure move-to-patch latency).
    var carriesSequence: Bool { Self.contains("$seq", in: template) }

    func payload(sequence: Int, client: Int) -> MessagePackValue {
        Self.fill(template, sequence: sequence, client: client)
    }

    private static func fill(_ value: MessagePackValue, sequence: Int, client: Int) -> MessagePackValue {
        switch value {
        case .string("$seq"): .int(Int64(sequence))
        case .string("$rand"): .int(Int64.random(in: 0..<1000))
        case .string("$client"): .int(Int64(client))
        case .array(let items): .array(items.map { fill($0, sequence: sequence, client: client) })
        case .map(let entries): .map(entries.map { (key: $0.key, value: fill($0.value, sequence: sequence, client: client)) })
        default: value
        }
    }

    private static func contains(_ placeholder: String, in value: MessagePackValue) -> Bool {
        switch value {
        case .string(let text): text == placeholder
        case .array(let items): items.contains { contains(placeholder, in: $0) }
        case .map(let entries): entries.contains { contains(placeholder, in: $0.value) }
        default: false
        }
    }
}

/// A command-line mistake.
struct LoadTestError: Error, CustomStringConvertible {
    let description: String

    static func invalidOption(_ text: String) -> LoadTestError { LoadTestError(description: text) }
}
