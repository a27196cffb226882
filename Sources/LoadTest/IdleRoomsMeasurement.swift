import ColyseusClient
import Foundation

/// What rooms cost the server while nobody is in them: `rooms` rooms are created over HTTP (`create`, as a
/// client would before connecting) and left waiting for their seats; the server's CPU is measured while
/// they wait. The seats expire after the server's seat reservation time (15 s by default): a measurement
/// longer than that needs the server started with a larger `COLYSEUS_SEAT_RESERVATION_TIME`.
struct IdleRoomsMeasurement {
    let endpoint: String
    let room: String
    let rooms: Int
    let duration: Double
    let serverPid: Int32?

    func run() async throws {
        let client = try Client(endpoint)
        print("colyseus-loadtest: \(rooms) idle rooms of \"\(room)\" at \(endpoint); \(duration) s measured")
        let start = ContinuousClock.now
        var failures = 0
        // Ten requests at a time: rooms are created about as fast as the server can.
        await withTaskGroup(of: Bool.self) { creations in
            var next = 0
            func addCreation() {
                guard next < rooms else { return }
                next += 1
                creations.addTask { (try? await client.reserveSeat("create", room, body: Array("{}".utf8))) != nil }
            }
            for _ in 0..<10 { addCreation() }
            for await created in creations {
                if !created { failures += 1 }
                addCreation()
            }
        }
        print(String(format: "created in %.1f s (%d failed)", (ContinuousClock.now - start) / .seconds(1), failures))
        let before = serverPid.flatMap(ProcessStats.read)
        let listedBefore = try await client.getAvailableRooms(room).count
        try await Task.sleep(for: .seconds(duration))
        let listedAfter = try await client.getAvailableRooms(room).count
        let after = serverPid.flatMap(ProcessStats.read)
        print("rooms listed at the start and the end of the window: \(listedBefore), \(listedAfter)")
        if let before, let after {
            print(String(format: "server CPU:           %.3f CPU seconds per second", (after.cpuSeconds - before.cpuSeconds) / duration))
            print(String(format: "server memory:        %.1f MB resident", Double(after.residentBytes) / 1_048_576))
        }
        if listedAfter < rooms - failures {
            print("note: rooms expired during the window; start the server with a larger COLYSEUS_SEAT_RESERVATION_TIME")
        }
    }
}
