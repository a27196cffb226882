import Foundation
import Logging
import Synchronization

/// Request/reply between the server processes of a cluster over presence pub/sub (the reference's
/// `IPC.ts`): each process listens on its ``ProcessChannel``; a request names the sender's channel, and
/// the answer comes back there, matched by the request's id.
///
/// A request fails fast when nobody listens on the target's channel (the publish reached no one), and
/// after ``timeout`` when the target listens but does not answer.
final class ProcessIPC: Sendable {
    /// Why a request got no answer.
    enum Failure: Error, CustomStringConvertible {
        /// The target process does not listen: it is gone, or presence is unreachable.
        case notListening(processId: String)
        /// The target process did not answer in time.
        case timeout(processId: String)

        var description: String {
            switch self {
            case .notListening(let processId): "process \(processId) is not listening"
            case .timeout(let processId): "process \(processId) did not answer in time"
            }
        }
    }

    /// Answers a request: `method` and its `arguments`; a thrown ``ServerError`` reaches the requester.
    typealias Handler = @Sendable (_ method: String, _ arguments: JSONValue) async throws -> JSONValue

    private struct Pending {
        let continuation: CheckedContinuation<JSONValue, any Error>
        let timer: Task<Void, Never>
    }

    let processId: String
    private let presence: any Presence
    private let timeout: Duration
    private let logger: Logger
    private let pending = Mutex<[String: Pending]>([:])
    private let subscription = Mutex<PresenceSubscription?>(nil)

    init(presence: any Presence, processId: String, timeout: Duration, logger: Logger) {
        self.presence = presence
        self.processId = processId
        self.timeout = timeout
        self.logger = logger
    }

    /// Starts answering requests with `handler` (and receiving answers to this process's requests).
    func listen(_ handler: @escaping Handler) async {
        let subscription = await presence.subscribe(ProcessChannel.name(processId)) { [weak self] message in
            self?.received(message, handler: handler)
        }
        self.subscription.withLock { $0 = subscription }
    }

    /// Stops listening; requests still waiting fail when their time runs out.
    func stop() async {
        guard let subscription = subscription.withLock({ $0.take() }) else { return }
        await presence.unsubscribe(subscription)
    }

    /// Sends `method(arguments)` to process `target` and returns its answer.
    func request(_ target: String, _ method: String, _ arguments: JSONValue) async throws -> JSONValue {
        let id = IdGenerator.make(length: 12)
        let message: JSONValue = ["request": .string(id), "from": .string(processId), "method": .string(method), "arguments": arguments]
        let timeout = self.timeout
        return try await withCheckedThrowingContinuation { continuation in
            let timer = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                self?.settle(id, with: .failure(Failure.timeout(processId: target)))
            }
            pending.withLock { $0[id] = Pending(continuation: continuation, timer: timer) }
            Task {
                if await presence.publish(ProcessChannel.name(target), message) == 0 {
                    settle(id, with: .failure(Failure.notListening(processId: target)))
                }
            }
        }
    }

    private func settle(_ id: String, with result: Result<JSONValue, any Error>) {
        guard let waiting = pending.withLock({ $0.removeValue(forKey: id) }) else { return }
        waiting.timer.cancel()
        waiting.continuation.resume(with: result)
    }

    private func received(_ message: JSONValue, handler: @escaping Handler) {
        if let replyTo = message["reply"]?.stringValue {
            if let error = message["error"] {
                let code = error["code"]?.intValue ?? ErrorCode.matchmakeUnhandled.rawValue
                settle(replyTo, with: .failure(ServerError(code: code, message: error["message"]?.stringValue ?? "\(error)")))
            } else {
                settle(replyTo, with: .success(message["result"] ?? .null))
            }
            return
        }
        guard let id = message["request"]?.stringValue, let from = message["from"]?.stringValue,
            let method = message["method"]?.stringValue
        else {
            logger.warning("ignoring a malformed request between processes", metadata: ["message": "\(message)"])
            return
        }
        let arguments = message["arguments"] ?? .null, presence = self.presence
        // Answered concurrently: a slow request does not hold up the channel.
        Task {
            let reply: JSONValue
            do {
                reply = ["reply": .string(id), "result": try await handler(method, arguments)]
            } catch {
                let serverError = error as? ServerError ?? ServerError(.matchmakeUnhandled, "\(error)")
                reply = ["reply": .string(id), "error": ["code": .number(Double(serverError.code)), "message": .string(serverError.message)]]
            }
            await presence.publish(ProcessChannel.name(from), reply)
        }
    }
}
