import ColyseusClient
import Foundation
import NIOSSL
import SchemaTestSupport
import Testing
import VectorStates

/// `wss://` endpoints: the room's WebSocket runs over TLS, and the server's certificate is verified.
@Suite @MainActor
struct SecureConnectionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func serverContext() throws -> NIOSSLContext {
        let certificates = try NIOSSLCertificate.fromPEMFile(fixtures.appendingPathComponent("loopback-cert.pem").path)
        let key = try NIOSSLPrivateKey(file: fixtures.appendingPathComponent("loopback-key.pem").path, format: .pem)
        return try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key)))
    }

    /// A server that plays the `primitives` vector's join and full state over TLS.
    static func startServer() async throws -> (ScriptedServer, SchemaVector) {
        let vector = try SchemaVector.load("primitives")
        var joinRoom = ByteWriter()
        joinRoom.joinRoomFrame(reconnectionToken: "tok", serializer: "schema", handshake: Hex.decode(vector.handshake))
        let fullState = [ProtocolCode.roomState.rawValue] + Hex.decode(vector.frames[0].hex)
        return (try await ScriptedServer.start(joinRoom: joinRoom.bytes, frames: [fullState], tls: try serverContext()), vector)
    }

    static let seat = SeatReservation(name: "primitives", sessionId: "session", roomId: "room", processId: "process")

    @Test func aTrustedCertificateJoins() async throws {
        let (server, vector) = try await Self.startServer()
        defer { server.stop() }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(Self.fixtures.appendingPathComponent("loopback-cert.pem").path))
        let client = try Client("wss://127.0.0.1:\(server.port)", configuration: .init(tls: tls))
        let room = try await client.consumeSeatReservation(Self.seat, state: Primitives.self)
        try await eventually("the full state over TLS") { StateJSON.value(room.state) == vector.frames[0].decoded }
    }

    @Test func anUntrustedCertificateIsRefused() async throws {
        let (server, _) = try await Self.startServer()
        defer { server.stop() }
        let client = try Client("wss://127.0.0.1:\(server.port)")
        await #expect(throws: (any Error).self) {
            _ = try await client.consumeSeatReservation(Self.seat, state: Primitives.self)
        }
    }
}
