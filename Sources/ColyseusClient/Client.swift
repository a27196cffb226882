import ColyseusProtocol
import ColyseusSchema
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The entry point of the client SDK: matchmaking over HTTP, then rooms over WebSockets
/// (PROTOCOL.md §2, §3). Creating a client connects nothing.
///
/// ```swift
/// let client = try Client("ws://localhost:2567")
/// let room = try await client.joinOrCreate("battle", options: ["name": "alice"], state: BattleState.self)
/// room.callbacks.onAdd(\.players) { player, sessionId in ... }
/// try room.send("move", Move(x: 1, y: 2))
/// ```
/// Joining must happen on an actor (`@MainActor`, or one of yours): the room delivers its state and
/// events on that actor.
public final class Client: Sendable {
    /// Connection settings.
    public struct Configuration: Sendable {
        /// TLS for `wss://` and `https://` endpoints (certificate verification on by default).
        public var tls: TLSConfiguration
        /// How rooms reconnect after a drop.
        public var reconnection: ReconnectionPolicy
        /// How long to wait for a connection, an HTTP answer, or the server's join confirmation.
        public var timeout: Duration
        /// The largest message accepted from the server (a full state of a big room can be large).
        public var maxMessageSize: Int
        /// The event loops the connections run on; SwiftNIO's shared group by default. An actor that joins rooms
        /// and runs on an event loop itself (its executor is the loop's) can pass that loop: its rooms' events
        /// then reach it without waking another thread.
        public var eventLoopGroup: any EventLoopGroup

        public init(
            tls: TLSConfiguration = .makeClientConfiguration(),
            reconnection: ReconnectionPolicy = .standard,
            timeout: Duration = .seconds(10),
            maxMessageSize: Int = 64 << 20,
            eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
        ) {
            self.tls = tls
            self.reconnection = reconnection
            self.timeout = timeout
            self.maxMessageSize = maxMessageSize
            self.eventLoopGroup = eventLoopGroup
        }
    }

    /// Where the client connects.
    public let endpoint: Endpoint
    /// The settings rooms are joined with.
    public let configuration: Configuration
    private let tls: TLSProvider?
    private let token = Mutex<String?>(nil)

    /// Creates a client for `endpoint` (`ws://`, `wss://`, `http://` or `https://`).
    public init(_ endpoint: String, configuration: Configuration = Configuration()) throws(ClientError) {
        self.endpoint = try Endpoint(endpoint)
        self.configuration = configuration
        tls = self.endpoint.isSecure ? try TLSProvider(configuration: configuration.tls) : nil
    }

    /// A token for the server's `onAuth`: sent as `Authorization: Bearer` with matchmaking requests and
    /// as `_authToken` on room connections (the JS SDK's `client.auth.token`).
    public var authToken: String? {
        get { token.withLock { $0 } }
        set { token.withLock { $0 = newValue } }
    }

    // MARK: matchmaking

    /// Joins an unlocked public room of `roomName` matching the options, or creates one.
    public func joinOrCreate<State: Schema>(
        _ roomName: String, options: some Encodable = [String: String](), state: State.Type,
        isolation: isolated any Actor = #isolation
    ) async throws -> Room<State> {
        let seat = try await reserveSeat("joinOrCreate", roomName, body: encode(options))
        return try await consumeSeatReservation(seat, state: state)
    }

    /// Creates a new room of `roomName` and joins it.
    public func create<State: Schema>(
        _ roomName: String, options: some Encodable = [String: String](), state: State.Type,
        isolation: isolated any Actor = #isolation
    ) async throws -> Room<State> {
        let seat = try await reserveSeat("create", roomName, body: encode(options))
        return try await consumeSeatReservation(seat, state: state)
    }

    /// Joins an unlocked public room of `roomName` matching the options; fails with 521 when there is none.
    public func join<State: Schema>(
        _ roomName: String, options: some Encodable = [String: String](), state: State.Type,
        isolation: isolated any Actor = #isolation
    ) async throws -> Room<State> {
        let seat = try await reserveSeat("join", roomName, body: encode(options))
        return try await consumeSeatReservation(seat, state: state)
    }

    /// Joins the room `roomId` (private rooms too; locked ones fail with 522).
    public func joinById<State: Schema>(
        _ roomId: String, options: some Encodable = [String: String](), state: State.Type,
        isolation: isolated any Actor = #isolation
    ) async throws -> Room<State> {
        let seat = try await reserveSeat("joinById", roomId, body: encode(options))
        return try await consumeSeatReservation(seat, state: state)
    }

    /// Rejoins a room with a cached ``Room/reconnectionToken`` (`roomId:token`); the server must hold
    /// the seat (`allowReconnection`) or still have the old connection.
    public func reconnect<State: Schema>(
        _ reconnectionToken: String, state: State.Type,
        isolation: isolated any Actor = #isolation
    ) async throws -> Room<State> {
        let parts = reconnectionToken.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw ClientError.invalidReconnectionToken(reconnectionToken) }
        var seat = try await reserveSeat("reconnect", parts[0], body: encode(["reconnectionToken": parts[1]]))
        seat.reconnectionToken = parts[1]
        return try await consumeSeatReservation(seat, state: state)
    }

    /// Joins with a seat reserved elsewhere (for example by the server's matchmaker API).
    public func consumeSeatReservation<State: Schema>(
        _ seat: SeatReservation, state _: State.Type,
        isolation: isolated any Actor = #isolation
    ) async throws -> Room<State> {
        let address = SessionAddress(endpoint: endpoint, seat: seat, authToken: authToken, configuration: configuration, tls: tls)
        let connection = try await address.connect(try address.joinURL())
        switch await JoinOutcome.awaitJoin(on: connection, timeout: configuration.timeout) {
        case let .refused(code, message):
            throw MatchMakeError(code: code, message: message)
        case let .joined(token, handshake):
            let decoder = StateDecoder<State>()
            if let handshake {
                do {
                    try decoder.verifyHandshake(handshake)
                } catch {
                    connection.send([ProtocolCode.leaveRoom.rawValue])
                    connection.drop()
                    throw ClientError.schemaMismatch("\(error)")
                }
            }
            let room = Room(address: address, connection: connection, decoder: decoder, reconnectionToken: token)
            connection.send([ProtocolCode.joinRoom.rawValue])
            Task {
                _ = isolation
                await room.run()
            }
            return room
        }
    }

    /// The rooms matchmaking would let this client join: all of them, or those of `roomName`. Locked and
    /// private rooms are not listed. `Metadata` decodes what rooms published with `setMetadata`
    /// (`MessagePackValue` reads it untyped).
    public func getAvailableRooms<Metadata: Decodable & Sendable>(_ roomName: String? = nil, metadata _: Metadata.Type = MessagePackValue.self) async throws -> [AvailableRoom<Metadata>] {
        let path = "/matchmake" + (roomName.map { "/" + Self.pathSegment($0) } ?? "")
        let response = try await HTTPConnection.send(
            .GET, endpoint.httpURL(path), headers: requestHeaders(), body: nil, tls: tls, timeout: configuration.timeout,
            on: configuration.eventLoopGroup
        )
        guard response.status == 200 else { throw Self.matchMakeError(response) }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode([AvailableRoom<Metadata>].self, from: Data(response.body))
        } catch {
            throw ClientError.unexpectedResponse("the room listing does not decode: \(error)")
        }
    }

    /// `POST /matchmake/<method>/<target>` → the seat reservation, or the server's error.
    package func reserveSeat(_ method: String, _ target: String, body: [UInt8]) async throws -> SeatReservation {
        let url = endpoint.httpURL("/matchmake/\(method)/\(Self.pathSegment(target))")
        var headers = requestHeaders()
        headers.append(("Content-Type", "application/json"))
        let response = try await HTTPConnection.send(
            .POST, url, headers: headers, body: body, tls: tls, timeout: configuration.timeout, on: configuration.eventLoopGroup
        )
        guard response.status == 200 else { throw Self.matchMakeError(response) }
        do {
            return try JSONDecoder().decode(SeatReservation.self, from: Data(response.body))
        } catch {
            throw ClientError.unexpectedResponse("the seat reservation does not decode: \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    private func requestHeaders() -> [(String, String)] {
        var headers = [("Accept", "application/json")]
        if let authToken { headers.append(("Authorization", "Bearer \(authToken)")) }
        return headers
    }

    private func encode(_ options: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        do {
            return Array(try encoder.encode(options))
        } catch {
            throw ClientError.unencodable("the join options: \(error)")
        }
    }

    /// The server's error: `code` is the HTTP status, the message the body's `message` or `error`, else
    /// the status text (PROTOCOL.md §2.4).
    private static func matchMakeError(_ response: HTTPConnection.Response) -> MatchMakeError {
        struct Body: Decodable {
            var message: String?
            var error: String?
        }
        let body = try? JSONDecoder().decode(Body.self, from: Data(response.body))
        return MatchMakeError(code: response.status, message: body?.message ?? body?.error ?? response.reason)
    }

    /// A room name or id as one URL path segment.
    private static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
