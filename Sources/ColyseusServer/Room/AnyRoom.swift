import ColyseusProtocol
import ColyseusSchema
import Foundation
import HTTPTypes
import Logging
import MessagePack
import NIOCore

/// The type-erased base of every room. Subclass ``Room`` rather than this class.
///
/// Everything a room does runs on its own serial executor: hooks, message handlers, timers and patch
/// ticks never run at the same time, and interleave only at `await` points (as a JavaScript room on
/// its event loop). Rooms run in parallel with each other. Call a room's API only from its own hooks,
/// handlers and timers; debug builds check this.
open class AnyRoom {
    // MARK: identity

    /// The room's unique id: 9 random characters, replaceable in `onCreate`.
    public var roomId: String {
        willSet { precondition(!isCreated, "roomId can only be replaced in onCreate") }
    }
    /// The name the room type was defined under.
    public internal(set) var roomName = ""
    /// The presence shared by the rooms of this server (pub/sub and key-value).
    public internal(set) var presence: any Presence = LocalPresence()
    /// Timers that stop when the room is disposed.
    public let clock: RoomClock
    /// The room's logger; its metadata carries the room id and name.
    public var logger: Logger

    // MARK: configuration

    /// Clients at which the room locks itself (seat reservations count). Unlimited by default.
    public var maxClients = Int.max {
        didSet { updateListing() }
    }
    /// Whether the room disposes itself when its last client leaves. Default true.
    public var autoDispose = true
    /// Messages a client may send per second before it is disconnected (4002); nil, the default, is unlimited.
    public var maxMessagesPerSecond: Int?
    /// Interval between state patches; nil disables automatic patches. Default 50 ms.
    public private(set) var patchRate: Duration? = .milliseconds(50)
    /// Whether matchmaking skips this room (`join`, `joinOrCreate`) and listings hide it.
    public private(set) var locked = false
    /// Whether the room is hidden from `join`/`joinOrCreate` and listings (`joinById` still works).
    public private(set) var isPrivate = false
    /// Whether listings hide the room; matchmaking still finds it (the reference's `unlisted`).
    public private(set) var isUnlisted = false
    /// Data shown in room listings.
    public private(set) var metadata: JSONValue = .object([:])
    /// How long a seat reservation waits for its WebSocket. Default 15 s, or `COLYSEUS_SEAT_RESERVATION_TIME`.
    public private(set) var seatReservationTime: Duration = AnyRoom.defaultSeatReservationTime
    /// The connected clients (joining or joined), in join order. A client whose seat waits for its
    /// reconnection is not among them until it is back.
    public internal(set) var clients: [Client] = []

    // MARK: internals

    let executor: RoomExecutor
    var isCreated = false
    var lockedExplicitly = false
    /// `disconnect()` is closing every client: no seat is held for reconnections any more.
    var isDisconnecting = false
    var disposal: DisposalState = .active
    var encoder: StateEncoder?
    var handshake: [UInt8]?
    var stateFrames: StateFrames?
    var patchTimer: RoomClock.Timer?
    /// Whether ``clients`` was non-empty when last looked at (patch ticks run only then).
    var hasClients = false
    var simulationTimer: RoomClock.Timer?
    var autoDisposeTimer: RoomClock.Timer?
    var messageHandlers: [MessageType: MessageHandler] = [:]
    var anyMessageHandler: MessageHandler?
    var bytesHandlers: [MessageType: MessageHandler] = [:]
    var anyBytesHandler: MessageHandler?
    var afterPatchQueue: [AfterPatchMessage] = []
    var reservedSeats: [String: ReservedSeat] = [:]
    var reconnections: [String: Reconnection] = [:]
    var staleConnectionDrops: [String: StaleConnectionDrop] = [:]
    var disposeWaiters: [CheckedContinuation<Void, Never>] = []
    var registration: RegisteredRoom?

    /// Creates a room. The server creates rooms; subclasses keep a parameterless `init()`.
    public required init() {
        roomId = IdGenerator.make()
        executor = RoomExecutor()
        clock = RoomClock(executor: executor)
        logger = Logger(label: "colyseus.room")
    }

    // MARK: lifecycle hooks

    /// Called once when matchmaking creates the room, with the creating client's options merged with
    /// the room definition's default options. Throw a ``ServerError`` to refuse the creation.
    open func onCreate(options: JSONValue) async throws {}

    /// Authenticates a client after its WebSocket connected (the instance `onAuth`). Return the auth
    /// data (available as ``Client/auth``), or throw a ``ServerError`` (``ServerError/authFailed``) to
    /// refuse. The default keeps what the static ``onAuth(token:options:context:)`` returned.
    open func onAuth(_ client: Client, options: JSONValue, context: AuthContext) async throws -> Any? {
        client.auth
    }

    /// Authenticates a matchmaking request before a seat is reserved (the static `onAuth`): `token` is
    /// the `Authorization: Bearer` token. Throw a ``ServerError`` to refuse with its code as HTTP status.
    open class func onAuth(token: String?, options: JSONValue, context: AuthContext) async throws -> (any Sendable)? {
        nil
    }

    /// Called when a client joined (before it receives the state).
    open func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {}

    /// Called when a client left: `consented` is true for a leave the client asked for.
    open func onLeave(_ client: Client, consented: Bool) async throws {}

    /// Called when a client's connection closed without a consented leave, with the close code (1006 for
    /// a dropped connection). Call ``allowReconnection(_:seconds:)`` here to hold its seat. The default
    /// calls `onLeave(client, consented: false)`.
    open func onDrop(_ client: Client, code: CloseCode) async throws {
        client.leaveHookRan = true
        try await onLeave(client, consented: false)
    }

    /// Called when a client came back through a reconnection seat.
    open func onReconnect(_ client: Client) async throws {}

    /// Called once before the room is destroyed (after its last client left, or on shutdown).
    open func onDispose() async throws {}

    /// Called at the start of every patch tick, before the patch is encoded. Ticks run while the room has
    /// clients: an empty room has nobody to patch, and costs nothing.
    open func onBeforePatch() async throws {}

    /// Called when a hook, handler or timer of this room threw. The room goes on. The default logs it.
    open func onUncaughtError(_ error: any Error, in source: RoomErrorSource, client: Client?) {
        var metadata: Logger.Metadata = ["source": "\(source)", "error": "\(error)"]
        if let client { metadata["sessionId"] = "\(client.sessionId)" }
        logger.error("uncaught error in room", metadata: metadata)
    }

    /// The room is registered: it disposes itself if nobody comes (patches start with the first client).
    func finishCreation() {
        isCreated = true
        autoDisposeTimer = clock.setTimeout(seatReservationTime) { [unowned self] in
            autoDisposeTimer = nil
            disposeIfEmpty()
        }
    }

    // MARK: configuration

    /// Sets the interval between patches; nil disables automatic patches (use ``broadcastPatch()``).
    public func setPatchRate(_ rate: Duration?) {
        executor.assertIsCurrent()
        patchRate = rate.flatMap { $0 > .zero ? $0 : nil }
        if isCreated { startPatchTimer() }
    }

    /// Calls `callback` every `interval` (default 1/60 s) with the time elapsed since the previous call.
    /// Pass nil to stop.
    public func setSimulationInterval(_ interval: Duration = .microseconds(16_667), _ callback: ((Duration) async throws -> Void)?) {
        executor.assertIsCurrent()
        simulationTimer?.clear()
        simulationTimer = nil
        guard let callback else { return }
        let continuousClock = ContinuousClock()
        var last = continuousClock.now
        simulationTimer = clock.setInterval(interval) { [unowned self] in
            let now = continuousClock.now
            defer { last = now }
            do { try await callback(now - last) } catch { onUncaughtError(error, in: .simulation, client: nil) }
        }
    }

    /// Hides the room from `join`/`joinOrCreate` and listings, or shows it again.
    public func setPrivate(_ isPrivate: Bool = true) {
        executor.assertIsCurrent()
        self.isPrivate = isPrivate
        updateListing()
    }

    /// Hides the room from listings (`GET /matchmake`) while matchmaking still finds it, or shows it again.
    public func setUnlisted(_ isUnlisted: Bool = true) {
        executor.assertIsCurrent()
        self.isUnlisted = isUnlisted
        updateListing()
    }

    /// Replaces the metadata shown in listings. An object is merged into an object (as the reference).
    public func setMetadata(_ metadata: JSONValue) {
        executor.assertIsCurrent()
        self.metadata = self.metadata.merging(metadata)
        updateListing()
    }

    /// How long future seat reservations wait for their WebSocket.
    public func setSeatReservationTime(_ time: Duration) {
        executor.assertIsCurrent()
        seatReservationTime = time
    }

    /// Locks the room: matchmaking no longer picks it, until ``unlock()``.
    public func lock() {
        executor.assertIsCurrent()
        lockedExplicitly = true
        setLocked(true)
    }

    /// Unlocks the room (also after it locked itself on reaching `maxClients`).
    public func unlock() {
        executor.assertIsCurrent()
        lockedExplicitly = false
        setLocked(false)
    }

    func setLocked(_ value: Bool) {
        guard locked != value else { return }
        locked = value
        updateListing()
    }

    /// Clients plus open seat reservations: what counts against `maxClients`.
    var occupiedSeats: Int { clients.count + reservedSeats.count }

    /// Locks when full, unlocks when a seat frees unless locked explicitly.
    func updateAutoLock() {
        if occupiedSeats >= maxClients {
            setLocked(true)
        } else if !lockedExplicitly {
            setLocked(false)
        }
    }

    func updateListing() {
        registration?.update(from: self)
    }

    /// The default seat reservation time: `COLYSEUS_SEAT_RESERVATION_TIME` seconds, else 15 s.
    static var defaultSeatReservationTime: Duration {
        if let text = ProcessInfo.processInfo.environment["COLYSEUS_SEAT_RESERVATION_TIME"],
            let seconds = Double(text), seconds > 0
        {
            return .milliseconds(Int64(seconds * 1000))
        }
        return .seconds(15)
    }

    /// Runs `body` on the room's executor and returns its result.
    func perform<T>(_ body: @escaping () async throws -> T) async throws -> T {
        try await executor.perform(body)
    }

    /// Runs `body` on the room's executor and returns its result.
    func perform<T>(_ body: @escaping () async -> T) async -> T {
        await executor.perform(body)
    }
}

/// Where a room is between creation and destruction.
enum DisposalState {
    case active
    case disposing
    case disposed
}
