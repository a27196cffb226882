import ColyseusProtocol
import NIOCore
import Synchronization
import Testing

@testable import ColyseusServer

/// How a room runs its message handlers (Room/AnyRoom+Messages.swift, AnyRoom+Transport.swift): a handler
/// without `await` runs as the message is read, one that suspends runs in a task, and a client's messages
/// keep their order either way.
@Suite struct MessageDispatchTests {
    /// A room without state whose handlers write to `log`.
    final class LoggingRoom: AnyRoom {
        var log: [String] = []
    }

    /// A transport that keeps what the room sends.
    final class RecordingTransport: ClientTransport {
        let frames = Mutex<[[UInt8]]>([])
        func send(_ frame: ByteBuffer) { frames.withLock { $0.append(Array(frame.readableBytesView)) } }
        func close(code: CloseCode?, reason: String) {}
    }

    /// `0d str(type) nil`.
    static func message(_ type: String) -> ByteBuffer {
        ByteBuffer(bytes: [0x0D, 0xA0 | UInt8(type.utf8.count)] + Array(type.utf8) + [0xC0])
    }

    @Test func handlersWithoutAwaitRunAsTheMessageIsRead() async {
        let room = LoggingRoom()
        await room.perform {
            room.onMessage("tap") { _, _ in room.log.append("tap") }
            room.onMessage("slow") { _, _ in
                await Task.yield()
                room.log.append("slow")
            }
            let client = Client(sessionId: "a", transport: RecordingTransport(), room: room)
            client.state = .joined
            room.receive(Self.message("tap"), from: client)
            #expect(room.log == ["tap"], "ran before receive returned")
            room.receive(Self.message("slow"), from: client)
            room.receive(Self.message("tap"), from: client)
            #expect(room.log == ["tap"], "the suspended handler holds the client's next message back")
            while client.isHandlingMessage { await Task.yield() }
            #expect(room.log == ["tap", "slow", "tap"])
        }
    }

    @Test func anotherClientIsNotHeldBackBySuspendedHandler() async {
        let room = LoggingRoom()
        await room.perform {
            let gate = AsyncStream.makeStream(of: Void.self)
            room.onMessage("wait") { _, _ in
                for await _ in gate.stream { break }
                room.log.append("waited")
            }
            room.onMessage("tap") { client, _ in room.log.append("tap \(client.sessionId)") }
            let alice = Client(sessionId: "alice", transport: RecordingTransport(), room: room)
            let bob = Client(sessionId: "bob", transport: RecordingTransport(), room: room)
            alice.state = .joined
            bob.state = .joined
            room.receive(Self.message("wait"), from: alice)
            room.receive(Self.message("tap"), from: alice)
            room.receive(Self.message("tap"), from: bob)
            #expect(room.log == ["tap bob"])
            gate.continuation.yield()
            while alice.isHandlingMessage { await Task.yield() }
            #expect(room.log == ["tap bob", "waited", "tap alice"])
        }
    }

    @Test func aThrowingHandlerIsReportedAndTheClientStays() async {
        final class FailingRoom: AnyRoom {
            var errors: [String] = []
            override func onUncaughtError(_ error: any Error, in source: RoomErrorSource, client: Client?) {
                errors.append("\(source) \(client?.sessionId ?? "-")")
            }
        }
        struct Failure: Error {}
        let room = FailingRoom()
        await room.perform {
            room.onMessage("fail") { _, _ in throw Failure() }
            let client = Client(sessionId: "a", transport: RecordingTransport(), room: room)
            client.state = .joined
            room.receive(Self.message("fail"), from: client)
            #expect(room.errors == ["onMessage(fail) a"])
            #expect(client.state == .joined)
        }
    }
}
