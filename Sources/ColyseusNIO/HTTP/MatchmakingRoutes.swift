import ColyseusServer
import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1

/// The HTTP side of the server (PROTOCOL.md §2): matchmaking, health check, listings; CORS headers on every
/// response, `204` for any `OPTIONS`, an empty `404` for anything else.
struct MatchmakingRoutes: Sendable {
    /// What the routes read of a request.
    struct Request: Sendable {
        var method: HTTPMethod
        /// The path, without the query.
        var path: String
        var headers: HTTPFields
        var body: ByteBuffer
        var peer: SocketAddress?
    }

    let matchMaker: MatchMaker
    let logger: Logger

    /// The response to `request`.
    func reply(to request: Request) async -> HTTPReply {
        var reply: HTTPReply
        if request.method == .OPTIONS {
            reply = HTTPReply(status: .noContent)
        } else {
            reply = await route(request)
        }
        reply.addCORSHeaders(origin: request.headers[.origin])
        return reply
    }

    private func route(_ request: Request) async -> HTTPReply {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch (request.method, segments.count) {
        case (.GET, 0):
            return .text("Colyseus 0.17.43")
        case (.GET, 1) where segments[0] == "__healthcheck":
            return .text("OK")
        // Room listings (`getAvailableRooms` of the SDKs before 0.17): unlocked, public rooms of a name, or
        // of every name.
        case (.GET, 1) where segments[0] == "matchmake":
            return await listing(name: nil)
        case (.GET, 2) where segments[0] == "matchmake":
            return await listing(name: segments[1])
        case (.POST, 3) where segments[0] == "matchmake":
            return await matchmake(request, methodName: segments[1], target: segments[2])
        default:
            return HTTPReply(status: .notFound)
        }
    }

    /// The listing of every process's rooms; the matchmaking error body (503) when it cannot be read.
    private func listing(name: String?) async -> HTTPReply {
        let rooms: [RoomListing]
        do { rooms = try await matchMaker.availableRooms(name: name) } catch { return Self.error(error) }
        return (try? HTTPReply.json(rooms)) ?? HTTPReply(status: .internalServerError)
    }

    private func matchmake(_ request: Request, methodName: String, target: String) async -> HTTPReply {
        guard !matchMaker.isShuttingDown else { return HTTPReply(status: .serviceUnavailable) }
        guard let method = MatchmakingMethod(rawValue: methodName) else {
            return Self.error(ServerError(.matchmakeNoHandler, "invalid method \"\(methodName)\""))
        }
        guard let options = Self.options(from: request.body, contentType: request.headers[.contentType]) else {
            return HTTPReply(status: .internalServerError)
        }
        let authContext = AuthContext(
            token: ClientAddress.bearerToken(in: request.headers),
            headers: request.headers,
            remoteAddress: ClientAddress.of(headers: request.headers, peer: request.peer)
        )
        do {
            let reservation = try await matchMaker.perform(method, target, options: options, context: authContext)
            return .json(text: reservation.jsonText)
        } catch {
            logger.debug("matchmaking refused", metadata: ["method": "\(methodName)", "target": "\(target)", "error": "\(error)"])
            return Self.error(error)
        }
    }

    /// The join options: a JSON object body; anything else (no body, text, an array) counts as `{}`.
    /// A malformed JSON body is nil (the reference answers 500).
    static func options(from body: ByteBuffer, contentType: String?) -> JSONValue? {
        guard body.readableBytes > 0, contentType?.lowercased().contains("application/json") ?? false else { return .object([:]) }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) else { return nil }
        if case .object = value { return value }
        return .object([:])
    }

    /// Status = the error's code (500 outside 200-599), body `{"code":…,"error":…}` (§2.4).
    static func error(_ error: ServerError) -> HTTPReply {
        let status: HTTPResponseStatus
        if (200...599).contains(error.code) {
            let known = HTTPResponseStatus(statusCode: error.code).reasonPhrase
            status = known.isEmpty ? .custom(code: UInt(error.code), reasonPhrase: "unknown") : HTTPResponseStatus(statusCode: error.code)
        } else {
            status = .internalServerError
        }
        return .json(text: error.jsonText, status: status)
    }
}
