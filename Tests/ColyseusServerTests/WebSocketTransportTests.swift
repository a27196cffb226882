import ColyseusTesting
import NIOCore
import NIOPosix
import Testing
import VectorStates

@testable import ColyseusNIO
@testable import ColyseusServer

/// The server's WebSocket transport: RFC 6455 rules for what clients send (with the exact frames that
/// broke them before), a connection handed over to its room's event loop, and the limit on what waits
/// unsent for a client that does not read.
@Suite struct WebSocketTransportTests {
    static func frame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true, masked: Bool = true) -> [UInt8] {
        WireClient.frame(opcode, payload, fin: fin, masked: masked)
    }

    @Test func unmaskedClientFramesCloseWith1002() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        try await alice.wire.sendRaw(Self.frame(0x2, ClientMessage.data("echo"), masked: false))
        #expect(try await alice.wire.nextClose() == .close(code: 1002, reason: ""))
        try await server.stop()
    }

    @Test func textThatIsNotUTF8ClosesWith1007() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        try await alice.wire.sendRaw(Self.frame(0x1, [0x0D, 0xA4] + Array("echo".utf8) + [0xC3, 0x28]))
        #expect(try await alice.wire.nextClose() == .close(code: 1007, reason: ""))
        try await server.stop()
    }

    /// A text frame's bytes are read as a binary message's (a numeric type keeps them valid UTF-8).
    @Test func textMessagesAreReadAsBytes() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        #expect(try await alice.nextMessage().type == "welcome")
        try await alice.wire.sendRaw(Self.frame(0x1, [0x0D, 0x05, 0x2A]))
        var reply = try await alice.wire.nextBinary()
        while reply.first == 0x0F { reply = try await alice.wire.nextBinary() }  // patches may come first
        #expect(reply == [0x0D, 0x05, 0x2A])
        try await server.stop()
    }

    @Test func fragmentsAreJoinedIntoOneMessage() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        #expect(try await alice.nextMessage().type == "welcome")
        let message = ClientMessage.data("echo", [0xA2, 0x68, 0x69])
        try await alice.wire.sendRaw(Self.frame(0x2, Array(message[..<3]), fin: false))
        try await alice.wire.sendRaw(Self.frame(0x9, [1, 2], fin: true))  // a ping between fragments is allowed
        try await alice.wire.sendRaw(Self.frame(0x0, Array(message[3...])))
        let echo = try await alice.nextMessage()
        #expect(echo.type == "echo")
        #expect(echo.payload == [0xA2, 0x68, 0x69])
        try await server.stop()
    }

    @Test func fragmentedMessagesOverTheLimitCloseWith1009() async throws {
        let server = try await TestServer.withTestRooms()
        let alice = try await JoinedClient.join(server)
        let half = [UInt8](repeating: 0, count: 3000)
        try await alice.wire.sendRaw(Self.frame(0x2, ClientMessage.data("echo") + half, fin: false))
        try await alice.wire.sendRaw(Self.frame(0x0, half))
        #expect(try await alice.wire.nextClose() == .close(code: 1009, reason: ""))
        try await server.stop()
    }

    /// One frame over the limit: a clean close with 1009 every time, never a reset (which the client would
    /// see as 1006), also while the rest of the frame is still arriving.
    @Test func framesOverTheLimitAlwaysCloseCleanlyWith1009() async throws {
        let server = try await TestServer.withTestRooms()
        for size in [5000, 70_000, 300_000] {
            let client = try await JoinedClient.join(server)
            try await client.wire.send(ClientMessage.data("echo") + [UInt8](repeating: 0, count: size))
            #expect(try await client.wire.nextClose() == .close(code: 1009, reason: ""), "a \(size)-byte message")
        }
        try await server.stop()
    }

    @Test func reservedBitsAndUnknownOpcodesCloseWith1002() async throws {
        let server = try await TestServer.withTestRooms()
        let rsv = try await JoinedClient.join(server)
        var withRSV1 = Self.frame(0x2, ClientMessage.data("echo"))
        withRSV1[0] |= 0x40
        try await rsv.wire.sendRaw(withRSV1)
        #expect(try await rsv.wire.nextClose() == .close(code: 1002, reason: ""))
        let opcode = try await JoinedClient.join(server)
        try await opcode.wire.sendRaw(Self.frame(0x3, [1]))
        #expect(try await opcode.wire.nextClose() == .close(code: 1002, reason: ""))
        try await server.stop()
    }

    /// Whatever event loop a connection was accepted on, it ends up on its room's: every room checks it
    /// for every client (rooms are spread over all the loops, so most would differ by chance).
    @Test func connectionsRunOnTheirRoomsEventLoop() async throws {
        let server = try await TestServer.withTestRooms()
        var roomIds: [String] = []
        for _ in 0..<6 {
            let first = try await JoinedClient.join(server, "create", "loop_check")
            _ = try await JoinedClient.connect(server, try await server.reserveSeat("joinById", first.seat.roomId))
            roomIds.append(first.seat.roomId)
        }
        for roomId in roomIds {
            #expect(HookLog.entries(roomId) == ["same loop", "same loop"], "room \(roomId)")
        }
        try await server.stop()
    }

    /// Keep-alive as the reference's: a ping every interval; a client that misses two pongs is cut without a
    /// close frame (its room sees 1006), a client that answers stays.
    @Test func clientsThatStopAnsweringPingsAreCut() async throws {
        var configuration = GameServer.Configuration()
        configuration.pingInterval = .milliseconds(200)
        let server = try await TestServer.withTestRooms(configuration: configuration)
        let alice = try await JoinedClient.join(server, "create")
        let silent = try await StalledClient.join(server, try await server.reserveSeat("joinById", alice.seat.roomId))
        let log = await HookLog.wait(for: "onDrop(1006)", in: alice.seat.roomId, timeout: .seconds(3))
        #expect(log.filter { $0 == "onDrop(1006)" }.count == 1)
        try await Task.sleep(for: .milliseconds(800))  // four more pings, which alice answers
        try await alice.wire.send(ClientMessage.data("echo"))
        var reply = try await alice.wire.nextBinary()
        while reply.first == 0x0F { reply = try await alice.wire.nextBinary() }
        #expect(reply.first == 0x0D, "the client that answers pings is still served")
        silent.close()
        try await server.stop()
    }

    /// A client that stops reading is cut once `maxBufferedBytes` wait for it (its room sees a drop, 1006);
    /// the other client of the room, which reads, gets everything.
    @Test func aClientThatDoesNotReadIsCutAndTheOthersGoOn() async throws {
        var configuration = GameServer.Configuration()
        configuration.maxBufferedBytes = 256 * 1024
        let server = try await TestServer.withTestRooms(configuration: configuration)
        let alice = try await JoinedClient.join(server, "create")
        let stalled = try await StalledClient.join(server, try await server.reserveSeat("joinById", alice.seat.roomId))
        _ = await HookLog.wait(for: "onJoin", in: alice.seat.roomId)
        try await Task.sleep(for: .milliseconds(200))  // the stalled client's acknowledgement arrives
        let count = 600, size = 32 * 1024  // 19.2 MB to each over 3 s: more than the socket buffers hold
        func uint16(_ value: Int) -> [UInt8] { [0xCD, UInt8(value >> 8), UInt8(value & 0xFF)] }
        let stream = [0x82, 0xA5] + Array("count".utf8) + uint16(count) + [0xA4] + Array("size".utf8) + uint16(size)
        try await alice.wire.send(ClientMessage.data("stream", stream))
        var received = 0
        while received < count {
            let frame = try await alice.wire.nextBinary(timeout: .seconds(10))
            if frame.first == 0x11 { received += 1 }
        }
        let log = await HookLog.wait(for: "onDrop(1006)", in: alice.seat.roomId, timeout: .seconds(10))
        #expect(log.filter { $0 == "onDrop(1006)" }.count == 1)
        #expect(received == count)
        stalled.close()
        try await server.stop()
    }
}

/// Records, for each client, whether its connection runs on the room's event loop.
final class LoopCheckRoom: Room<WireState> {
    override func onCreate(options: JSONValue) async throws {
        setState(WireState())
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        let connection = (client.transport as? WebSocketClientTransport)?.connection
        HookLog.record(roomId, connection?.channel.eventLoop.inEventLoop == true ? "same loop" : "other loop")
    }
}

/// A room client that never reads: it sends its upgrade request and, blindly, the join acknowledgement.
struct StalledClient {
    let channel: any Channel

    static func join(_ server: TestServer, _ seat: SeatReservation) async throws -> StalledClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.autoRead, value: false)
            .connect(host: "127.0.0.1", port: server.port)
            .get()
        var request = "GET /\(seat.processId)/\(seat.roomId)?sessionId=\(seat.sessionId) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        request += "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: request))
        try await Task.sleep(for: .milliseconds(300))  // the room sent JOIN_ROOM; acknowledge it unread
        try await channel.writeAndFlush(ByteBuffer(bytes: WebSocketTransportTests.frame(0x2, [0x0A])))
        return StalledClient(channel: channel)
    }

    func close() {
        channel.close(promise: nil)
    }
}
