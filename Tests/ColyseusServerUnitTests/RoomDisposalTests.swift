import Testing

@testable import ColyseusServer

/// When an empty room disposes itself (Room/AnyRoom+Leaving.swift).
@Suite struct RoomDisposalTests {
    @Test func aSeatReservedBeforeThePendingDisposalRunsKeepsTheRoom() async {
        let room = AnyRoom()
        await room.perform {
            room.isCreated = true
            #expect(room.reserveSeat(sessionId: "leaving", options: [:], auth: nil))
            // The seat expires: the room is empty and schedules its disposal…
            room.reservedSeats["leaving"] = nil
            room.seatsChanged()
            // …and matchmaking reserves a seat before that task ran (as joinOrCreate does meanwhile).
            #expect(room.reserveSeat(sessionId: "coming", options: [:], auth: nil))
        }
        await room.perform {}  // after the disposal task
        await room.perform {
            #expect(room.disposal == .active)
            await room.dispose()  // stops the seat's expiry timer, which refers to the room
        }
    }

    @Test func anEmptyRoomDisposesItself() async {
        let room = AnyRoom()
        await room.perform {
            room.isCreated = true
            room.seatsChanged()
        }
        await room.perform {
            await room.waitUntilDisposed()
            #expect(room.disposal == .disposed)
        }
    }
}
