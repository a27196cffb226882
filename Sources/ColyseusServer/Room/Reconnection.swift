/// A held seat for a client whose connection dropped (``AnyRoom/allowReconnection(_:seconds:)``).
///
/// Await ``client`` for the client's return; it throws ``ReconnectionError`` when the time runs out or
/// the seat is rejected.
public final class Reconnection: @unchecked Sendable {
    enum Outcome {
        case pending
        case reconnected(Client)
        case failed(ReconnectionError)
    }

    /// The session the seat is held for.
    public let sessionId: String
    let token: String
    let client: Client
    var expiry: RoomClock.Timer?
    var outcome: Outcome = .pending
    private var waiters: [CheckedContinuation<Client, any Error>] = []
    /// Called once when the reconnection fails (the room then ends the client's session).
    var onFailure: (() async -> Void)?

    init(client: Client) {
        self.sessionId = client.sessionId
        self.token = client.reconnectionToken
        self.client = client
    }

    init(failed client: Client, _ error: ReconnectionError) {
        self.sessionId = client.sessionId
        self.token = client.reconnectionToken
        self.client = client
        self.outcome = .failed(error)
    }

    /// The client once it reconnected; throws ``ReconnectionError`` when the seat expired or was rejected.
    public var reconnectedClient: Client {
        get async throws {
            switch outcome {
            case .reconnected(let client): return client
            case .failed(let error): throw error
            case .pending: return try await withCheckedThrowingContinuation { waiters.append($0) }
            }
        }
    }

    /// Gives up the seat now (the manual mode's way to end the wait).
    public func reject() {
        fail(.rejected)
    }

    /// Whether the reconnection is still open.
    public var isPending: Bool {
        if case .pending = outcome { true } else { false }
    }

    func succeed() {
        finish(.reconnected(client))
    }

    func fail(_ error: ReconnectionError) {
        guard finish(.failed(error)) else { return }
        client.room.reconnectionFailed(self)
    }

    /// Settles a pending reconnection and resumes whoever awaits it; false when it was already settled.
    @discardableResult
    private func finish(_ final: Outcome) -> Bool {
        guard isPending else { return false }
        expiry?.clear()
        outcome = final
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting {
            switch final {
            case .reconnected(let client): waiter.resume(returning: client)
            case .failed(let error): waiter.resume(throwing: error)
            case .pending: break
            }
        }
        return true
    }
}

/// Why a held seat ended without the client.
public enum ReconnectionError: Error, Sendable, Equatable {
    /// The time given to `allowReconnection` ran out.
    case expired
    /// ``Reconnection/reject()`` was called, or the room is going away.
    case rejected
    /// The client had not finished joining, so there is no session to return to.
    case notJoined
}
