import ColyseusSchema
import ColyseusServer
import ColyseusTesting
import Synchronization

/// One simulated player: joins, sends "move" ten times a second with a sequence number as x, and
/// decodes every patch to time each move until the patch that carries it.
final class LoadClient: Sendable {
    private struct Measurements {
        var sentAt: [Int: ContinuousClock.Instant] = [:]
        var lastSeen = 0
        var latencies: [Double] = []
        var patches = 0
        var decodeFailures = 0
        var moves = 0
    }

    let seat: SeatReservation
    private let wire: WireClient
    /// Used by the connection's reading task only.
    nonisolated(unsafe) private let decoder = StateDecoder<ChurnState>()
    private let measurements = Mutex(Measurements())

    private init(seat: SeatReservation, wire: WireClient) {
        self.seat = seat
        self.wire = wire
        decoder.collectsChanges = false
    }

    static func join(_ seat: SeatReservation, port: Int) async throws -> LoadClient {
        let wire = try await WireClient.connect(port: port, path: "/\(seat.processId)/\(seat.roomId)?sessionId=\(seat.sessionId)")
        let join = try await wire.nextBinary(timeout: .seconds(30))
        guard join.first == 0x0A else { throw WireClient.TimeoutError(description: "no JOIN_ROOM") }
        try await wire.send([0x0A])
        let client = LoadClient(seat: seat, wire: wire)
        let full = try await wire.nextBinary(timeout: .seconds(30))
        _ = try client.decoder.decode(Array(full.dropFirst()))
        return client
    }

    /// Decodes every patch from now on, on the connection's reading task.
    func startReceiving() async {
        await wire.consumeEvents { [self] event in
            guard case .binary(let frame) = event, frame.first == 0x0F else { return }
            receivePatch(frame)
        }
    }

    private func receivePatch(_ frame: [UInt8]) {
        let now = ContinuousClock.now
        guard (try? decoder.decode(Array(frame.dropFirst()))) != nil else {
            measurements.withLock { $0.decodeFailures += 1 }
            return
        }
        let seen = Int(decoder.state.players[seat.sessionId]?.x ?? 0)
        measurements.withLock { measurements in
            measurements.patches += 1
            guard seen > measurements.lastSeen else { return }
            for sequence in (measurements.lastSeen + 1)...seen {
                if let sent = measurements.sentAt.removeValue(forKey: sequence) {
                    measurements.latencies.append((now - sent) / .milliseconds(1))
                }
            }
            measurements.lastSeen = seen
        }
    }

    /// Sends move number `sequence`: `0d "move" {x: sequence, y: 1}` as a msgpackr record, as the JS SDK does.
    func move(_ sequence: Int) async throws {
        var frame: [UInt8] = [0x0D, 0xA4] + Array("move".utf8) + [0xD4, 0x72, 0x40, 0x92, 0xA1, 0x78, 0xA1, 0x79]
        // As the SDK: 64...127 would read as a reference to the record defined just before (0x40), so
        // only 0...63 are fixints.
        frame += sequence < 64 ? [UInt8(sequence)] : [0xCD, UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        frame += [0x01]
        let now = ContinuousClock.now
        measurements.withLock {
            $0.sentAt[sequence] = now
            $0.moves += 1
        }
        try await wire.send(frame)
    }

    /// The move-to-patch latencies (milliseconds), patches, moves sent and undecodable patches since the last call.
    func takeMeasurements() -> (latencies: [Double], patches: Int, moves: Int, decodeFailures: Int) {
        measurements.withLock { measurements in
            defer {
                measurements.latencies.removeAll()
                measurements.patches = 0
                measurements.moves = 0
                measurements.decodeFailures = 0
            }
            return (measurements.latencies, measurements.patches, measurements.moves, measurements.decodeFailures)
        }
    }

    func leave() async {
        try? await wire.send([0x0C])
    }
}
