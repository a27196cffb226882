import ColyseusSchema

/// The scenarios of BENCHMARKS.md (the scenarios also run on the reference). Each run rebuilds its state, so every run produces the
/// same bytes; the first run's bytes are fingerprinted.
enum Scenarios {
    static let ticks = 10_000

    // MARK: S1 churn100

    static func makeChurnState() -> (ChurnState, [Player]) {
        let state = ChurnState()
        var players: [Player] = []
        for i in 0..<100 {
            let player = Player()
            player.name = "player-\(i)"
            player.x = Double(i)
            player.y = Double(2 * i)
            state.players["p\(i)"] = player
            players.append(player)
        }
        return (state, players)
    }

    static func mutateChurn(_ players: [Player], tick: Int) {
        for (i, player) in players.enumerated() {
            player.x = Double((i + tick) % 200)
            player.y = Double((3 * i + tick) % 200)
        }
    }

    struct PatchRun {
        var nanosecondsPerTick: Double
        var firstPatchBytes: Int
        var meanPatchBytes: Double
        var fullStateFingerprint: String
        var fullStateBytes: Int
        var patchesFingerprint: String?
        /// Heap allocations per tick of the patch encode, once warm (nil when not counted).
        var allocationsPerTick: Double?
    }

    static func churn(fingerprint: Bool, countAllocations: Bool) -> PatchRun {
        let (state, players) = makeChurnState()
        return patchRun(state: state, fingerprint: fingerprint, countAllocations: countAllocations) { tick in
            mutateChurn(players, tick: tick)
        }
    }

    // MARK: S2 / S3 world

    static func makeWorldState(entities count: Int) -> (WorldState, [Entity]) {
        let kinds = ["tank", "scout", "healer"]
        let state = WorldState()
        var entities: [Entity] = []
        entities.reserveCapacity(count)
        for i in 0..<count {
            let entity = Entity()
            entity.id = "e\(i)"
            entity.x = Float(Double(i) * 0.5)
            entity.y = Float(Double(i) * 0.25)
            entity.hp = UInt8(i % 256)
            entity.kind = kinds[i % 3]
            state.entities["e\(i)"] = entity
            entities.append(entity)
        }
        return (state, entities)
    }

    struct FullStateRun {
        var microsecondsPerEncode: Double
        var bytes: Int
        var fingerprint: String
    }

    static func fullState5k(repetitions: Int) -> FullStateRun {
        let (state, _) = makeWorldState(entities: 5_000)
        let encoder = StateEncoder(state: state)
        var writer = ByteWriter(initialCapacity: 1 << 18)
        encoder.encodeFullState(into: &writer)
        let bytes = writer.count
        let fingerprint = sha256(of: writer)
        var total: UInt64 = 0
        for _ in 0..<repetitions {
            writer.removeAll()
            let start = nanoseconds()
            encodeFullState(encoder, into: &writer)
            total += nanoseconds() - start
        }
        return FullStateRun(microsecondsPerEncode: Double(total) / Double(repetitions) / 1000, bytes: bytes, fingerprint: fingerprint)
    }

    /// One measured full-state encode (not inlined, so that a profiler can count it alone:
    /// `valgrind --tool=callgrind --toggle-collect='*encodeFullState_4into*'`).
    @inline(never) static func encodeFullState(_ encoder: StateEncoder, into writer: inout ByteWriter) {
        encoder.encodeFullState(into: &writer)
    }

    static func steady10k(fingerprint: Bool, countAllocations: Bool) -> PatchRun {
        let (state, entities) = makeWorldState(entities: 10_000)
        return patchRun(state: state, fingerprint: fingerprint, countAllocations: countAllocations) { tick in
            for k in 0..<100 {
                entities[(tick * 100 + k) % 10_000].x += 1
            }
        }
    }

    // MARK: shared patch loop

    /// Full state once (discarded), then `ticks` of mutate + timed patch encode.
    private static func patchRun(state: Schema, fingerprint: Bool, countAllocations: Bool, mutate: (Int) -> Void) -> PatchRun {
        let encoder = StateEncoder(state: state)
        var writer = ByteWriter(initialCapacity: 1 << 20)
        encoder.encodeFullState(into: &writer)
        let fullStateBytes = writer.count
        let fullStateFingerprint = sha256(of: writer)
        encoder.discardChanges()

        var patchesFingerprint = Fingerprint()
        var total: UInt64 = 0
        var patchBytes = 0
        var firstPatchBytes = 0
        for tick in 1...ticks {
            mutate(tick)
            writer.removeAll()
            let start = nanoseconds()
            encoder.encodePatch(into: &writer)
            total += nanoseconds() - start
            patchBytes += writer.count
            if tick == 1 { firstPatchBytes = writer.count }
            if fingerprint { patchesFingerprint.update(writer) }
        }

        var allocationsPerTick: Double?
        if countAllocations && AllocationCounter.isAvailable {
            let countedTicks = 1_000
            var allocations = 0
            for tick in (ticks + 1)...(ticks + countedTicks) {
                mutate(tick)
                writer.removeAll()
                allocations += AllocationCounter.count { encoder.encodePatch(into: &writer) }
            }
            allocationsPerTick = Double(allocations) / Double(countedTicks)
        }
        return PatchRun(
            nanosecondsPerTick: Double(total) / Double(ticks),
            firstPatchBytes: firstPatchBytes,
            meanPatchBytes: Double(patchBytes) / Double(ticks),
            fullStateFingerprint: fullStateFingerprint,
            fullStateBytes: fullStateBytes,
            patchesFingerprint: fingerprint ? patchesFingerprint.finalize() : nil,
            allocationsPerTick: allocationsPerTick)
    }

    static func sha256(of writer: borrowing ByteWriter) -> String {
        Fingerprint.of(writer)
    }

    // MARK: S4 decode

    static func decodeFullState5k(repetitions: Int, collectingChanges: Bool = true) -> Double {
        let (state, _) = makeWorldState(entities: 5_000)
        let bytes = StateEncoder(state: state).encodeFullState()
        var total: UInt64 = 0
        for _ in 0..<repetitions {
            let start = nanoseconds()
            if collectingChanges {
                decodeFreshState(bytes)
            } else {
                decodeFreshStateQuietly(bytes)
            }
            total += nanoseconds() - start
        }
        return Double(total) / Double(repetitions) / 1000
    }

    /// One measured decode into a fresh client state (not inlined, for profilers:
    /// `--toggle-collect='*decodeFreshState_*'`, and `*decodeFreshStateQuietly*` without change list).
    @inline(never) static func decodeFreshState(_ bytes: [UInt8]) {
        _ = try! StateDecoder<WorldState>().decode(bytes)
    }

    @inline(never) static func decodeFreshStateQuietly(_ bytes: [UInt8]) {
        let decoder = StateDecoder<WorldState>()
        decoder.collectsChanges = false
        _ = try! decoder.decode(bytes)
    }

    /// Heap allocations of one decode of the S2 full state into a fresh client state.
    static func decodeFullState5kAllocations(collectingChanges: Bool) -> Int? {
        guard AllocationCounter.isAvailable else { return nil }
        let (state, _) = makeWorldState(entities: 5_000)
        let bytes = StateEncoder(state: state).encodeFullState()
        return AllocationCounter.count {
            let decoder = StateDecoder<WorldState>()
            decoder.collectsChanges = collectingChanges
            _ = try! decoder.decode(bytes)
        }
    }

    /// The S1 full state and its 10,000 patches, as a client receives them.
    static func churnMessages() -> (fullState: [UInt8], patches: [[UInt8]]) {
        let (state, players) = makeChurnState()
        let encoder = StateEncoder(state: state)
        let fullState = encoder.encodeFullState()
        encoder.discardChanges()
        var patches: [[UInt8]] = []
        patches.reserveCapacity(ticks)
        for tick in 1...ticks {
            mutateChurn(players, tick: tick)
            patches.append(encoder.encodePatch() ?? [])
        }
        return (fullState, patches)
    }

    static func decodeChurnPatches(_ messages: (fullState: [UInt8], patches: [[UInt8]]), collectingChanges: Bool = true) -> Double {
        let decoder = StateDecoder<ChurnState>()
        decoder.collectsChanges = collectingChanges
        _ = try! decoder.decode(messages.fullState)
        let start = nanoseconds()
        if collectingChanges {
            for patch in messages.patches { decodePatch(patch, decoder) }
        } else {
            for patch in messages.patches { decodePatchQuietly(patch, decoder) }
        }
        return Double(nanoseconds() - start) / Double(messages.patches.count)
    }

    /// One measured patch decode (not inlined, for profilers: `--toggle-collect='*decodePatch_*'`, and
    /// `*decodePatchQuietly*` for the decodes without change list).
    @inline(never) static func decodePatch(_ patch: [UInt8], _ decoder: StateDecoder<ChurnState>) {
        _ = try! decoder.decode(patch)
    }

    @inline(never) static func decodePatchQuietly(_ patch: [UInt8], _ decoder: StateDecoder<ChurnState>) {
        decoder.collectsChanges = false
        _ = try! decoder.decode(patch)
    }
}
