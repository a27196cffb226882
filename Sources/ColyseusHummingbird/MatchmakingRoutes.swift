import ColyseusServer
import Foundation
import Hummingbird

/// The HTTP side of the server: matchmaking, health check, listings (PROTOCOL.md §2).
struct MatchmakingRoutes {
    let matchMaker: MatchMaker

    func register(on router: Router<ColyseusRequestContext>) {
        router.get("/") { _, _ in
            Self.text("Colyseus 0.17.43")
        }
        router.get("/__healthcheck") { _, _ in
            Self.text("OK")
        }
        router.post("/matchmake/:method/:target") { request, context in
            try await matchmake(request, context: context)
        }
        // Room listings (`getAvailableRooms` of the SDKs before 0.17): unlocked, public rooms of a name,
        // or of every name. The segment shares the trie node (and its parameter name) with the POST route.
        router.get("/matchmake") { _, _ in
            try Self.json(matchMaker.availableRooms())
        }
        router.get("/matchmake/:method") { _, context in
            try Self.json(matchMaker.availableRooms(name: context.parameters.require("method")))
        }
    }

    private func matchmake(_ request: Request, context: ColyseusRequestContext) async throws -> Response {
        guard !matchMaker.isShuttingDown else { return Response(status: .serviceUnavailable) }
        let methodName = try context.parameters.require("method")
        let target = try context.parameters.require("target")
        guard let method = MatchmakingMethod(rawValue: methodName) else {
            return Self.error(ServerError(.matchmakeNoHandler, "invalid method \"\(methodName)\""))
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        guard let options = Self.options(from: body, contentType: request.headers[.contentType]) else {
            return Response(status: .internalServerError)
        }
        let authContext = AuthContext(
            token: ClientAddress.bearerToken(in: request.headers),
            headers: request.headers,
            remoteAddress: ClientAddress.of(headers: request.headers, peer: context.remoteAddress)
        )
        do {
            let reservation = try await matchMaker.perform(method, target, options: options, context: authContext)
            return Self.json(text: reservation.jsonText)
        } catch {
            context.logger.debug("matchmaking refused", metadata: ["method": "\(methodName)", "target": "\(target)", "error": "\(error)"])
            return Self.error(error)
        }
    }

    /// The join options: a JSON object body; anything else (no body, text, an array) counts as `{}`.
    /// A malformed JSON body is nil (the reference answers 500).
    static func options(from body: ByteBuffer, contentType: String?) -> JSONValue? {
        guard body.readableBytes > 0, contentType?.lowercased().contains("application/json") ?? false else { return .object([:]) }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: body)) else { return nil }
        if case .object = value { return value }
        return .object([:])
    }

    /// Status = the error's code (500 outside 200-599), body `{"code":…,"error":…}` (§2.4).
    static func error(_ error: ServerError) -> Response {
        let status: HTTPResponse.Status
        if (200...599).contains(error.code) {
            let known = HTTPResponse.Status(code: error.code).reasonPhrase
            status = HTTPResponse.Status(code: error.code, reasonPhrase: known.isEmpty ? "unknown" : known)
        } else {
            status = .internalServerError
        }
        var response = json(text: error.jsonText)
        response.status = status
        return response
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .contentLength: String(data.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// A JSON body with an explicit byte length (no chunked encoding, as the SDK's reference).
    static func json(text: String) -> Response {
        let body = ByteBuffer(string: text)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .contentLength: String(body.readableBytes)],
            body: ResponseBody(byteBuffer: body)
        )
    }

    static func text(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain;charset=UTF-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
