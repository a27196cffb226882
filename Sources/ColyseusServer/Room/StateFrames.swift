import ColyseusProtocol
import ColyseusSchema
import NIOCore

/// A room's state as frames (the reference's `SchemaSerializer`): full states for joining clients and
/// patch ticks (PROTOCOL.md §6.2, §10).
///
/// Without `@view` fields every joined client gets the same patch, encoded once. With them, the shared
/// part is encoded once per tick and every distinct ``StateView`` gets one frame: the shared bytes
/// followed by its own sections; clients without a view share the plain patch.
final class StateFrames {
    let encoder: StateEncoder
    private var writer = ByteWriter(initialCapacity: 4096)
    /// The frame of each view encoded during the current tick (a view may serve several clients).
    private var viewFrames: [ObjectIdentifier: ByteBuffer] = [:]

    init(encoder: StateEncoder) {
        self.encoder = encoder
    }

    /// ROOM_STATE for a client seeing `view` (nil: the shared full state only).
    func fullState(for view: StateView?) -> ByteBuffer {
        writer.removeAll()
        writer.byte(ProtocolCode.roomState.rawValue)
        encoder.encodeFullState(into: &writer)
        if let view { encoder.encodeFullState(for: view, into: &writer) }
        return Frames.buffer(writer)
    }

    /// Encodes one patch tick and calls `send` with each joined client and its frame. Changes made while
    /// no client is in the room are discarded (joining clients get full states). Returns whether a
    /// frame was sent.
    func patch(for clients: [Client], send: (Client, ByteBuffer) -> Void) -> Bool {
        guard !clients.isEmpty else {
            encoder.discardChanges()
            return false
        }
        defer { viewFrames.removeAll(keepingCapacity: true) }
        guard encoder.hasViewFields else { return sharedPatch(for: clients, send: send) }
        guard encoder.hasChanges else {
            // Nothing changed: only the clients whose view changed get a patch.
            var sent = false
            for client in clients where client.state == .joined {
                guard let view = client.view, view.hasPendingChanges || viewFrames[ObjectIdentifier(view)] != nil else { continue }
                send(client, frame(for: view, sharedLength: 1))
                sent = true
            }
            return sent
        }
        writer.removeAll()
        writer.byte(ProtocolCode.roomStatePatch.rawValue)
        encoder.encodePendingChanges(into: &writer)
        let sharedLength = writer.count
        var sharedFrame: ByteBuffer?
        for client in clients where client.state == .joined {
            if let view = client.view {
                send(client, frame(for: view, sharedLength: sharedLength))
            } else {
                if sharedFrame == nil { sharedFrame = Frames.buffer(writer, length: sharedLength) }
                send(client, sharedFrame!)
            }
        }
        encoder.discardChanges()
        return true
    }

    /// The same patch for every joined client; nothing when nothing changed.
    private func sharedPatch(for clients: [Client], send: (Client, ByteBuffer) -> Void) -> Bool {
        writer.removeAll()
        writer.byte(ProtocolCode.roomStatePatch.rawValue)
        guard encoder.encodePatch(into: &writer) else { return false }
        let frame = Frames.buffer(writer)
        for client in clients where client.state == .joined { send(client, frame) }
        return true
    }

    /// The frame of `view` for this tick: the shared bytes (the writer's first `sharedLength`) followed
    /// by the view's sections, encoded once per view.
    private func frame(for view: StateView, sharedLength: Int) -> ByteBuffer {
        let key = ObjectIdentifier(view)
        if let frame = viewFrames[key] { return frame }
        writer.truncate(to: sharedLength)
        encoder.encodeView(view, into: &writer)
        let frame = Frames.buffer(writer)
        viewFrames[key] = frame
        return frame
    }
}
