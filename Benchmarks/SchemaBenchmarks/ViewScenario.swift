import ColyseusSchema

/// S5 of BENCHMARKS.md: 300 entities behind a `@view` map, 300 clients each seeing 60 of them.
enum ViewScenario {
    static let entityCount = 300
    static let clientCount = 300
    static let ticks = 1_000

    struct Run {
        var microsecondsPerTick: Double
        var meanClientPatchBytes: Double
        var joinFingerprint: String
        var patchesFingerprint: String
        /// Heap allocations per tick once warm (nil when not counted).
        var allocationsPerTick: Double?
    }

    /// One run: setup and joins, then `ticks` timed ticks of shared patch + 300 views + discard
    /// (mutations excluded). With `fingerprint`, every client patch is hashed as well, which the times
    /// then include: report the times of runs without it.
    static func run(fingerprint: Bool, countAllocations: Bool) -> Run {
        let kinds = ["tank", "scout", "healer"]
        let state = WorldStateV()
        var entities: [EntityV] = []
        for i in 0..<entityCount {
            let entity = EntityV()
            entity.id = "e\(i)"
            entity.x = Float(Double(i) * 0.5)
            entity.y = Float(Double(i) * 0.25)
            entity.hp = UInt8(i % 256)
            entity.kind = kinds[i % 3]
            state.entities["e\(i)"] = entity
            entities.append(entity)
        }
        let encoder = StateEncoder(state: state)
        let views = (0..<clientCount).map { client in
            let view = StateView()
            for (i, entity) in entities.enumerated() where (i + client) % 5 == 0 { view.add(entity) }
            return view
        }

        // Joins: the shared full state once, each client's view part on top of it.
        var writer = ByteWriter(initialCapacity: 1 << 16)
        encoder.encodeFullState(into: &writer)
        let shared = writer.count
        var joins = Fingerprint()
        for view in views {
            writer.truncate(to: shared)
            encoder.encodeFullState(for: view, into: &writer)
            joins.update(writer)
        }
        // The first patch after the joins (it re-sends what the views added), then discard.
        tick(encoder, views, &writer) { _ in }

        var patches = Fingerprint()
        var clientPatchBytes = 0
        var total: UInt64 = 0
        for _ in 1...ticks {
            for entity in entities { entity.x += 1 }
            let start = nanoseconds()
            tick(encoder, views, &writer) { writer in
                clientPatchBytes += writer.count
                if fingerprint { patches.update(writer) }
            }
            total += nanoseconds() - start
        }

        var allocationsPerTick: Double?
        if countAllocations && AllocationCounter.isAvailable {
            var allocations = 0
            for _ in 1...100 {
                for entity in entities { entity.x += 1 }
                allocations += AllocationCounter.count { tick(encoder, views, &writer) { _ in } }
            }
            allocationsPerTick = Double(allocations) / 100
        }
        return Run(
            microsecondsPerTick: Double(total) / Double(ticks) / 1000,
            meanClientPatchBytes: Double(clientPatchBytes) / Double(ticks * clientCount),
            joinFingerprint: joins.finalize(),
            patchesFingerprint: patches.finalize(),
            allocationsPerTick: allocationsPerTick)
    }

    /// The shared patch once, then per client the shared bytes followed by its view's bytes (passed to
    /// `deliver`), then discard.
    @inline(never)
    private static func tick(_ encoder: StateEncoder, _ views: [StateView], _ writer: inout ByteWriter, deliver: (borrowing ByteWriter) -> Void) {
        writer.removeAll()
        encoder.encodePendingChanges(into: &writer)
        let shared = writer.count
        for view in views {
            writer.truncate(to: shared)
            encoder.encodeView(view, into: &writer)
            deliver(writer)
        }
        encoder.discardChanges()
    }
}
