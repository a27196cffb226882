import Logging
import Synchronization

/// This process's membership in a cluster of server processes: every ``ClusterServices/heartbeatInterval``
/// it renews its heartbeat with its room count, stores its rooms again when the registry lost them
/// (storage restarted empty, or the process was taken for dead), retries listing writes that failed,
/// and removes processes that died (their rooms leave every listing within about two heartbeats).
final class ClusterMembership: Sendable {
    private let services: ClusterServices
    private let processId: String
    private let publicAddress: String?
    private let publisher: ListingPublisher
    private let roomCount: @Sendable () -> Int
    private let logger: Logger
    private let loop = Mutex<Task<Void, Never>?>(nil)
    /// Whether the last beat failed, so that an outage is logged once, and its end too.
    private let isFailing = Atomic<Bool>(false)

    init(services: ClusterServices, processId: String, publicAddress: String?, publisher: ListingPublisher, roomCount: @escaping @Sendable () -> Int, logger: Logger) {
        self.services = services
        self.processId = processId
        self.publicAddress = publicAddress
        self.publisher = publisher
        self.roomCount = roomCount
        self.logger = logger
    }

    /// Starts beating (after `prepare`, which starts listening for requests).
    func start(after prepare: @escaping @Sendable () async -> Void) {
        let task = Task { [self] in
            await prepare()
            while !Task.isCancelled {
                await beat()
                try? await Task.sleep(for: services.heartbeatInterval)
            }
        }
        loop.withLock { $0 = task }
    }

    /// One heartbeat and one look for dead processes.
    func beat() async {
        do {
            let record = ProcessRecord(processId: processId, publicAddress: publicAddress, roomCount: roomCount())
            if try await services.registry.heartbeat(record, ttl: services.heartbeatTTL) {
                publisher.retryFailed()
            } else {
                logger.info("registered in the cluster; storing this process's rooms", metadata: ["processId": "\(processId)"])
                publisher.republishAll()
            }
            try await removeDeadProcesses()
            if isFailing.exchange(false, ordering: .relaxed) {
                logger.notice("the cluster's storage is reachable again")
            }
        } catch {
            if !isFailing.exchange(true, ordering: .relaxed) {
                logger.error("the cluster's storage is unreachable; matchmaking answers 503 until it is back", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Removes the processes that stopped beating or listening, with their rooms.
    func removeDeadProcesses() async throws {
        let dead = try await services.registry.removeDeadProcesses()
        if !dead.isEmpty {
            logger.notice("removed dead processes and their rooms", metadata: ["processes": "\(dead)"])
        }
    }

    /// Stops beating and removes this process and its listings from the registry at once.
    func leave() async {
        loop.withLock { $0.take() }?.cancel()
        publisher.stop()
        do {
            try await services.registry.remove(processId: processId)
        } catch {
            logger.warning("could not remove this process from the registry; the others will when its heartbeat expires", metadata: ["error": "\(error)"])
        }
    }
}
