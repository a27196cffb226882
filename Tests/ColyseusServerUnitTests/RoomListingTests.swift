import Foundation
import Testing

@testable import ColyseusServer

/// `filterBy` matching of matchmaking (Matchmaking/RoomListing.swift).
@Suite struct RoomListingTests {
    func listing(metadata: JSONValue = [:], filterOptions: [String: JSONValue] = [:]) -> RoomListing {
        RoomListing(
            name: "battle", roomId: "R1", processId: "P1", clients: 0, maxClients: nil, locked: false, isPrivate: false,
            metadata: metadata, createdAt: Date(timeIntervalSince1970: 0), filterOptions: filterOptions
        )
    }

    @Test func equalFilterOptionsMatch() {
        let room = listing(filterOptions: ["mode": "duel", "rank": 3])
        #expect(room.matches(["mode": "duel", "rank": 3], filterBy: ["mode", "rank"]))
        #expect(room.matches(["mode": "duel", "rank": 3, "other": "ignored"], filterBy: ["mode", "rank"]))
        #expect(!room.matches(["mode": "duel", "rank": 4], filterBy: ["mode", "rank"]))
        #expect(!room.matches(["mode": "Duel", "rank": 3], filterBy: ["mode", "rank"]))
        #expect(!room.matches(["mode": "duel", "rank": "3"], filterBy: ["mode", "rank"]))
    }

    @Test func onlyTheFilterByKeysCount() {
        let room = listing(filterOptions: ["mode": "duel"])
        #expect(room.matches(["mode": "ffa"], filterBy: []))
        #expect(room.matches(["mode": "duel", "map": "x"], filterBy: ["mode"]))
    }

    /// A key the creator did not set in its options is looked up in the metadata.
    @Test func metadataStandsInForMissingFilterOptions() {
        let room = listing(metadata: ["map": "forest", "mode": "ffa"], filterOptions: ["mode": "duel"])
        #expect(room.matches(["map": "forest"], filterBy: ["map"]))
        #expect(!room.matches(["map": "desert"], filterBy: ["map"]))
        // The filter option wins over the metadata key of the same name.
        #expect(room.matches(["mode": "duel"], filterBy: ["mode"]))
        #expect(!room.matches(["mode": "ffa"], filterBy: ["mode"]))
    }

    /// A key the client did not send does not filter (the reference keeps only the keys the options own); one
    /// it sent must be the room's.
    @Test func missingValues() {
        let room = listing(metadata: ["map": "forest"], filterOptions: ["mode": "duel"])
        #expect(room.matches([:], filterBy: ["team"]))
        #expect(room.matches(["other": 1], filterBy: ["team"]))
        #expect(room.matches([:], filterBy: ["mode"]))
        #expect(room.matches([:], filterBy: ["map", "mode"]))
        #expect(!room.matches(["team": "red"], filterBy: ["team"]))
        // Explicit null is a value, not a missing key.
        #expect(!room.matches(["team": nil], filterBy: ["team"]))
        #expect(listing(filterOptions: ["team": nil]).matches(["team": nil], filterBy: ["team"]))
    }

    /// Options that are not an object have no keys.
    @Test func nonObjectOptions() {
        let room = listing(filterOptions: ["mode": "duel"])
        #expect(room.matches("duel", filterBy: ["mode"]))
        #expect(room.matches("duel", filterBy: ["team"]))
        #expect(listing(metadata: "not an object").matches(nil, filterBy: ["x"]))
    }

    @Test func structuredValuesCompareDeeply() {
        let room = listing(filterOptions: ["teams": ["red", "blue"], "rules": ["friendlyFire": false]])
        #expect(room.matches(["teams": ["red", "blue"], "rules": ["friendlyFire": false]], filterBy: ["teams", "rules"]))
        #expect(!room.matches(["teams": ["blue", "red"], "rules": ["friendlyFire": false]], filterBy: ["teams", "rules"]))
        #expect(!room.matches(["teams": ["red", "blue"], "rules": ["friendlyFire": true]], filterBy: ["teams", "rules"]))
    }

    /// The listing JSON uses `private`, carries `unlisted` and `publicAddress` when set, and leaves the filter options out.
    @Test func listingEncoding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        var room = listing(metadata: ["m": 1], filterOptions: ["mode": "duel"])
        let text = String(decoding: try encoder.encode(room), as: UTF8.self)
        #expect(text == #"{"clients":0,"createdAt":0,"locked":false,"metadata":{"m":1},"name":"battle","private":false,"processId":"P1","roomId":"R1","unlisted":false}"#)
        room.publicAddress = "10.0.0.5:2567"
        #expect(String(decoding: try encoder.encode(room), as: UTF8.self).contains(#""publicAddress":"10.0.0.5:2567""#))
    }

    /// The stored form (room drivers, requests between processes) keeps the filter options and the exact time.
    @Test func storedFormRoundTrips() throws {
        var room = listing(metadata: ["m": 1], filterOptions: ["mode": "duel", "rank": 3])
        room.createdAt = Date(timeIntervalSince1970: 1_700_000_000.125)
        room.publicAddress = "10.0.0.5:2567"
        room.maxClients = 4
        room.unlisted = true
        let copy = try RoomListing(storedJSON: room.storedJSON())
        #expect(copy == room)
        #expect(copy.filterOptions == ["mode": "duel", "rank": 3])
        #expect(throws: DecodingError.self) { try RoomListing(storedJSON: Data("{}".utf8)) }
    }
}
