import ColyseusSchema
import VectorStates
import SchemaTestSupport
import Testing

/// "Malformed or truncated input throws a descriptive error; it never crashes or loops": truncations
/// and seeded random corruptions of every reference frame, and hand-made messages with known errors.
@Suite("Malformed input")
struct MalformedInputTests {
    /// A decoder of some state type, type-erased so that every vector case can share the loops below.
    struct AnyDecoder {
        let decodeBuffer: (UnsafeRawBufferPointer) throws(SchemaDecodingError) -> Void

        static func of<State: Schema>(_: State.Type, collectsChanges: Bool = true) -> AnyDecoder {
            let decoder = StateDecoder<State>()
            decoder.collectsChanges = collectsChanges
            return AnyDecoder { bytes throws(SchemaDecodingError) in _ = try decoder.decode(bytes) }
        }

        func decode(_ bytes: [UInt8], prefix length: Int? = nil) throws(SchemaDecodingError) {
            var result: Result<Void, SchemaDecodingError> = .success(())
            bytes.withUnsafeBytes { buffer in
                do throws(SchemaDecodingError) {
                    try decodeBuffer(UnsafeRawBufferPointer(rebasing: buffer[..<(length ?? buffer.count)]))
                } catch {
                    result = .failure(error)
                }
            }
            try result.get()
        }
    }

    /// A vector case with its frames as bytes and the state type that decodes them.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let frames: [[UInt8]]
        let lateJoin: [UInt8]
        /// Whether the frames are the reference's known-faulty bytes (`_upstream-bugs.json`), which need not decode.
        let isFaulty: Bool
        let makeDecoder: @Sendable (_ collectsChanges: Bool) -> AnyDecoder
        var testDescription: String { name }

        /// A fresh decoder that has applied the first `count` frames.
        func decoder(after count: Int, collectsChanges: Bool = true) throws -> AnyDecoder {
            let decoder = makeDecoder(collectsChanges)
            for frame in frames.prefix(count) {
                if isFaulty { try? decoder.decode(frame) } else { try decoder.decode(frame) }
            }
            return decoder
        }
    }

    static func load<State: Schema>(_ vector: SchemaVector, _ type: State.Type, isFaulty: Bool = false) -> Case {
        Case(
            name: vector.name,
            frames: vector.frames.map { Hex.decode($0.hex) },
            lateJoin: Hex.decode(vector.lateJoinFullState.hex),
            isFaulty: isFaulty,
            makeDecoder: { AnyDecoder.of(State.self, collectsChanges: $0) }
        )
    }

    /// Every vector case, with the state class its frames were encoded from.
    static let cases: [Case] = {
        do {
            var cases: [Case] = []
            func add<State: Schema>(_ name: String, _ type: State.Type) throws { cases.append(load(try SchemaVector.load(name), type)) }
            try add("roomState", MyRoomState.self)
            try add("roomStateFromPatchOnly", MyRoomState.self)
            try add("numberEncodings", NumberBox.self)
            try add("strings", StringBox.self)
            try add("primitives", Primitives.self)
            try add("childSchema", ChildState.self)
            try add("arrayOfPrimitives", ArrayPrimState.self)
            try add("arrayOfSchemas", ArraySchemaState.self)
            try add("mapOfSchemas", MapState.self)
            try add("joinBetweenPatches", MapState.self)
            try add("setAndCollection", SetCollState.self)
            try add("inheritance", InheritState.self)
            try add("instanceSharing", SharedState.self)
            try add("manyFields", ManyState.self)
            let bugs = try SchemaVector.loadUpstreamBugs()
            func addBug<State: Schema>(_ name: String, _ type: State.Type) throws { cases.append(load(try #require(bugs[name]), type, isFaulty: true)) }
            try addBug("arrayUnshiftSchemaInstance", ArraySchemaState.self)
            try addBug("collectionAddSchemaInPatch", SetCollState.self)
            try addBug("setAddSchemaInPatch", SetOfItems.self)
            try addBug("arrayPushThenReverseSamePatch", ArrayPrimState.self)
            return cases
        } catch {
            Issue.record("cannot load the vectors: \(error)")
            return []
        }
    }()

    /// Applies `bytes` and returns the error, if any; checks that the error names a byte of the message.
    @discardableResult
    static func attempt(_ decoder: AnyDecoder, _ bytes: [UInt8], prefix: Int? = nil, _ label: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) -> SchemaDecodingError? {
        let length = prefix ?? bytes.count
        do throws(SchemaDecodingError) {
            try decoder.decode(bytes, prefix: length)
            return nil
        } catch {
            if let offset = error.offset {
                #expect(offset >= 0 && offset <= length, "\(label()): \(error) names a byte outside the \(length)-byte message", sourceLocation: sourceLocation)
            }
            #expect(!error.description.isEmpty, sourceLocation: sourceLocation)
            return error
        }
    }

    // MARK: truncations

    @Test("all vector cases are loaded")
    func loaded() {
        #expect(Self.cases.count == 18)
    }

    @Test("every prefix of every frame decodes or throws", .timeLimit(.minutes(1)), arguments: cases)
    func truncatedFrames(_ vector: Case) throws {
        var failures = 0
        for (position, frame) in vector.frames.enumerated() {
            for length in 0...frame.count {
                let decoder = try vector.decoder(after: position)
                let error = Self.attempt(decoder, frame, prefix: length, "\(vector.name) frame \(position) cut at \(length)")
                if error != nil { failures += 1 }
                if length == frame.count && !vector.isFaulty { #expect(error == nil, "\(vector.name) frame \(position) whole") }
            }
        }
        for length in 0...vector.lateJoin.count {
            let error = Self.attempt(vector.makeDecoder(true), vector.lateJoin, prefix: length, "\(vector.name) late join cut at \(length)")
            if error != nil { failures += 1 }
        }
        // Cutting inside a value must be noticed somewhere (every case has frames with multi-byte values).
        #expect(failures > 0)
    }

    // MARK: random corruption

    /// Bytes that mean something in a state stream: markers, operations, number prefixes, small refIds.
    static let interestingBytes: [UInt8] = [
        0xFF, 0xD5, 0x80, 0x81, 0x82, 0x83, 0xC0, 0xC1, 0x40, 0x41, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0A, 0x0F, 0x20, 0x21, 0x60, 0xA0,
        0xA1, 0xBF, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD3, 0xD9, 0xDA, 0xDB, 0x7F, 0xE0,
    ]

    static func randomByte(using random: inout SplitMix64) -> UInt8 {
        Bool.random(using: &random) ? interestingBytes.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
    }

    /// One to four random edits: bit flips, byte replacements, insertions, deletions, duplicated runs,
    /// and large number operands (which must not make a collection allocate huge storage).
    static func mutate(_ input: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !bytes.isEmpty: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            case 1 where !bytes.isEmpty: bytes[position] = randomByte(using: &random)
            case 2: bytes.insert(randomByte(using: &random), at: position)
            case 3 where !bytes.isEmpty: bytes.remove(at: position)
            case 4 where !bytes.isEmpty:
                let end = Swift.min(bytes.count, position + Int.random(in: 1...8, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: end)
            case 5:
                let operand: [[UInt8]] = [[0xCE, 0xFF, 0xFF, 0xFF, 0xFF], [0xCB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F, 0x43], [0xCD, 0xFF, 0xFF], [0xCF, 0, 0, 0, 0, 0, 0, 0x10, 0]]
                bytes.insert(contentsOf: operand.randomElement(using: &random)!, at: position)
            default:
                if !bytes.isEmpty { bytes[position] = interestingBytes.randomElement(using: &random)! }
            }
        }
        return bytes
    }

    @Test("seeded corruptions of every frame decode or throw", .timeLimit(.minutes(1)), arguments: cases)
    func corruptedFrames(_ vector: Case) throws {
        var random = SplitMix64(seed: UInt64(vector.name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        var failures = 0
        let attempts = 300
        for attempt in 0..<attempts {
            let position = Int.random(in: 0..<vector.frames.count, using: &random)
            let collectsChanges = attempt % 2 == 0
            let decoder = try vector.decoder(after: position, collectsChanges: collectsChanges)
            let mutated = Self.mutate(vector.frames[position], using: &random)
            if Self.attempt(decoder, mutated, "\(vector.name) frame \(position) corrupted as \(Hex.encode(mutated.count > 64 ? Array(mutated.prefix(64)) : mutated))") != nil {
                failures += 1
            }
            // A decoder that has failed on a message still handles the next one without crashing.
            Self.attempt(decoder, Self.mutate(vector.frames[(position + 1) % vector.frames.count], using: &random), "\(vector.name) after a failure")
        }
        #expect(failures > 0 && failures < attempts)
    }

    @Test("random byte strings decode or throw", .timeLimit(.minutes(1)), arguments: cases)
    func randomBytes(_ vector: Case) throws {
        var random = SplitMix64(seed: 0xC0FFEE &+ UInt64(vector.frames.count))
        for attempt in 0..<150 {
            let length = Int.random(in: 0...48, using: &random)
            let bytes = (0..<length).map { _ in Self.randomByte(using: &random) }
            // Into a fresh decoder, or after some of the frames (so that refIds 1, 2, ... exist).
            let decoder = try vector.decoder(after: attempt % (vector.frames.count + 1))
            Self.attempt(decoder, bytes, "\(vector.name) random \(Hex.encode(bytes))")
        }
    }

    // MARK: specific errors

    private func decodingError<State: Schema>(_ type: State.Type, after frames: [String] = [], _ message: String) throws -> SchemaDecodingError? {
        let decoder = StateDecoder<State>()
        for frame in frames { try decoder.decode(Hex.decode(frame)) }
        do {
            try decoder.decode(Hex.decode(message))
            return nil
        } catch {
            return error
        }
    }

    @Test("unknown refId after ff")
    func unknownRefId() throws {
        #expect(try decodingError(MyRoomState.self, "ff05") == .unknownRefId(5, offset: 0))
        #expect(try decodingError(MyRoomState.self, "8001ff01ff09") == .unknownRefId(9, offset: 4))
        // After `onLeave of sessA`, sessA's refId (2) was garbage collected.
        let roomState = try SchemaVector.load("roomState").frames.map(\.hex)
        #expect(try decodingError(MyRoomState.self, after: roomState, "ff03800b") == nil)
        #expect(try decodingError(MyRoomState.self, after: roomState, "ff02800b") == .unknownRefId(2, offset: 0))
    }

    @Test("a field index beyond the class")
    func unknownField() throws {
        // MyRoomState has one field (index 0).
        #expect(try decodingError(MyRoomState.self, "81") == .unknownField(index: 1, type: "MyRoomState", offset: 0))
        #expect(try decodingError(MyRoomState.self, "8001ff00bf") == .unknownField(index: 63, type: "MyRoomState", offset: 4))
        // A Player (x, y) of the map at refId 1.
        #expect(try decodingError(MyRoomState.self, "8001ff018000a16102ff0282") == .unknownField(index: 2, type: "RoomPlayer", offset: 11))
        #expect(try decodingError(MyRoomState.self, "8001ff018000a16102ff0243") == .unknownField(index: 3, type: "RoomPlayer", offset: 11))
    }

    @Test("a TYPE_ID naming an unknown type")
    func unknownTypeId() throws {
        // InheritState ids 0-4; field 1 (`main`) is an Entity.
        #expect(try decodingError(InheritState.self, "8105d505") == .unknownTypeId(5, offset: 3))
        #expect(try decodingError(InheritState.self, "8105d5cc80") == .unknownTypeId(128, offset: 3))
        #expect(try decodingError(InheritState.self, "8105d503") == nil)  // a Bot
    }

    @Test("a refId reused for another class")
    func typeMismatch() throws {
        // `entities` (a map) takes refId 1, then `main` (an Entity) claims refId 1.
        #expect(try decodingError(InheritState.self, "80018101") == .typeMismatch(refId: 1, expected: "Entity", found: "MapSchema", offset: 3))
        // A TYPE_ID naming a class that is no Entity.
        #expect(try decodingError(InheritState.self, "8105d500") == .typeMismatch(refId: 5, expected: "Entity", found: "InheritState", offset: 1))
        // Two collection fields of different element types with one refId.
        #expect(try decodingError(MapState.self, "80018101") == .typeMismatch(refId: 1, expected: "MapSchema<Double>", found: "MapSchema", offset: 3))
        // The root's refId for a child.
        #expect(try decodingError(ChildState.self, "8000") == .typeMismatch(refId: 0, expected: "Child", found: "ChildState", offset: 1))
        // A map entry claiming the map's own refId.
        #expect(try decodingError(MapState.self, "8001ff018000a16101") == .typeMismatch(refId: 1, expected: "Player", found: "MapSchema", offset: 8))
    }

    @Test("a truncated string")
    func truncatedString() throws {
        #expect(try decodingError(StringBox.self, "80a56162") == .truncated(offset: 2, expected: "5 string bytes"))
        #expect(try decodingError(StringBox.self, "80d9") == .truncated(offset: 2, expected: "a byte"))
        #expect(try decodingError(StringBox.self, "80db00000100") == .truncated(offset: 6, expected: "65536 string bytes"))
        #expect(try decodingError(StringBox.self, "80a2c328") == .invalidUTF8(offset: 1))
    }

    @Test("a map REPLACE or DELETE_AND_ADD without key of an unknown index")
    func mapReplaceOfUnknownIndex() throws {
        // MapState: players (refId 1), scores (refId 2) with one entry at index 0.
        let fullState = "80018102ff028000a16101"
        #expect(try decodingError(MapState.self, after: [fullState], "ff020007") == .invalidOperation(0x00, on: "MapSchema (index 7 unknown)", offset: 2))
        #expect(try decodingError(MapState.self, after: [fullState], "ff020000ff") == nil)  // index 0 is known
        #expect(try decodingError(MapState.self, after: [fullState], "ff024107") == .invalidOperation(0x41, on: "MapSchema (index 7 unknown)", offset: 2))
        // DELETE of an index the decoder never saw is accepted (added and deleted within one patch).
        #expect(try decodingError(MapState.self, after: [fullState], "ff024007") == nil)
    }

    /// An attacker-chosen or corrupted index must not make a collection allocate storage for it.
    @Test("huge collection indexes throw instead of allocating", arguments: [
        "ce ffffffff",  // 2^32 - 1
        "cb ffffffffffff3f43",  // 2^53 - 1
        "cf 00000000 00001000",  // 2^52
    ])
    func hugeIndexes(_ index: String) throws {
        let index = index.replacingOccurrences(of: " ", with: "")
        func expectRejected<State: Schema>(_ type: State.Type, after frames: [String], _ message: String, _ operation: UInt8, _ kind: String) throws {
            let error = try decodingError(type, after: frames, message)
            guard case let .invalidOperation(op, on: description, offset: offset)? = error else {
                Issue.record("\(kind) index \(index): \(String(describing: error))")
                return
            }
            #expect(op == operation)
            #expect(description.hasPrefix(kind), "\(description)")
            #expect(offset == 2, "the operation's offset in \(String(describing: error))")
        }
        // Map of numbers (refId 2 in MapState), array of numbers (refId 1 in ArrayPrimState),
        // set of strings and collection of Items (SetCollState refIds 1 and 3).
        try expectRejected(MapState.self, after: ["80018102"], "ff0280" + index + "a16101", 0x80, "MapSchema")
        try expectRejected(ArrayPrimState.self, after: ["80018102"], "ff0180" + index + "01", 0x80, "ArraySchema")
        try expectRejected(ArrayPrimState.self, after: ["80018102"], "ff0100" + index + "01", 0x00, "ArraySchema")
        try expectRejected(SetCollState.self, after: ["8001810282038304"], "ff0180" + index + "a161", 0x80, "SetSchema")
        try expectRejected(SetCollState.self, after: ["8001810282038304"], "ff0380" + index + "05", 0x80, "CollectionSchema")
    }

    @Test("indexes past the end are accepted (holes)")
    func gaps() throws {
        let decoder = StateDecoder<MapState>()
        try decoder.decode(Hex.decode("80018102ff0280cd1027a1610bff0280cd204ea16216"))
        #expect(decoder.state.scores["a"] == 11)
        #expect(decoder.state.scores["b"] == 22)
        #expect(decoder.state.scores.count == 2)
    }

    /// One message may open 2^20 empty slots in all (DecodingContext.maxEmptySlotsPerMessage).
    @Test("the empty-slot budget is 2^20 per message, shared by its collections")
    func emptySlotBudget() throws {
        // ArrayPrimState: nums (refId 1), strs (refId 2). `ce 00001000` = 2^20, `ce 01001000` = 2^20 + 1.
        let arrays = "80018102"
        #expect(try decodingError(ArrayPrimState.self, after: [arrays], "ff0180ce0000100007") == nil)
        #expect(try decodingError(ArrayPrimState.self, after: [arrays], "ff0180ce0100100007") == .invalidOperation(
            0x80, on: "ArraySchema (index 1048577 is 1048577 slots past its end; one message may open at most 1048576)", offset: 2))
        // 600000 (`ce c0270900`) in each array: too much for one message, fine in two.
        #expect(try decodingError(ArrayPrimState.self, after: [arrays], "ff0180cec027090007ff0280cec0270900a178") == .invalidOperation(
            0x80, on: "ArraySchema (index 600000 is 600000 slots past its end; one message may open at most 1048576)", offset: 11))
        let decoder = StateDecoder<ArrayPrimState>()
        try decoder.decode(Hex.decode(arrays))
        try decoder.decode(Hex.decode("ff0180cec027090007"))
        try decoder.decode(Hex.decode("ff0280cec0270900a178"))
        // Arrays drop their holes when the section ends.
        #expect(decoder.state.nums.elements == [7])
        #expect(decoder.state.strs.elements == ["x"])
    }
}

extension SchemaDecodingError {
    /// The byte offset the error names, if any.
    var offset: Int? {
        switch self {
        case let .truncated(offset, _), let .unexpectedByte(_, offset, _), let .unknownRefId(_, offset),
             let .unknownField(_, _, offset), let .unknownTypeId(_, offset), let .typeMismatch(_, _, _, offset),
             let .invalidOperation(_, _, offset), let .invalidUTF8(offset):
            offset
        case .invalidHandshake:
            nil
        }
    }
}
