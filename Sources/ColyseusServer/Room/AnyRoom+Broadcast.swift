import ColyseusProtocol
import ColyseusSchema
import MessagePack
import NIOCore

/// A message held until the next patch has been sent.
struct AfterPatchMessage {
    enum Recipients {
        case all(except: [Client])
        case client(Client)
    }

    let frame: ByteBuffer
    let recipients: Recipients
}

extension AnyRoom {
    // MARK: broadcast

    /// Sends a message with a MessagePack payload to every client except `except`, now or right after
    /// the next patch. The payload is encoded once.
    public func broadcast(_ type: MessageType, _ message: some Encodable, except: [Client] = [], afterNextPatch: Bool = false) throws {
        broadcast(frame: try Frames.roomData(type: type, message: message), except: except, afterNextPatch: afterNextPatch)
    }

    /// Sends a message without payload to every client except `except`.
    public func broadcast(_ type: MessageType, except: [Client] = [], afterNextPatch: Bool = false) {
        broadcast(frame: Frames.roomData(type: type, payload: []), except: except, afterNextPatch: afterNextPatch)
    }

    /// Sends a message whose payload is a MessagePack value to every client except `except`.
    public func broadcast(_ type: MessageType, value: MessagePackValue, except: [Client] = [], afterNextPatch: Bool = false) {
        broadcast(frame: Frames.roomData(type: type, value: value), except: except, afterNextPatch: afterNextPatch)
    }

    /// Sends a schema instance's current field values (as a MessagePack map, the way the reference
    /// packs a schema object) to every client except `except`.
    public func broadcast(_ type: MessageType, schema: Schema, except: [Client] = [], afterNextPatch: Bool = false) {
        broadcast(type, value: MessagePackValue(schema: schema), except: except, afterNextPatch: afterNextPatch)
    }

    /// Sends raw bytes (`ROOM_DATA_BYTES`) to every client except `except`.
    public func broadcastBytes(_ type: MessageType, _ bytes: [UInt8], except: [Client] = [], afterNextPatch: Bool = false) {
        broadcast(frame: Frames.roomDataBytes(type: type, bytes: bytes), except: except, afterNextPatch: afterNextPatch)
    }

    func broadcast(frame: ByteBuffer, except: [Client], afterNextPatch: Bool) {
        executor.assertIsCurrent()
        if afterNextPatch {
            afterPatchQueue.append(AfterPatchMessage(frame: frame, recipients: .all(except: except)))
            return
        }
        for client in clients where !except.contains(where: { $0 === client }) {
            client.deliver(frame)
        }
    }

    // MARK: patches

    /// Encodes the state's changes once and sends the patch to every joined client (with `@view`
    /// fields, the shared part followed by each client's view part, PROTOCOL.md §10), then the messages
    /// held for after the patch. Returns whether a patch was sent. Changes made while no client is in
    /// the room are discarded (late joiners get the full state).
    @discardableResult
    public func broadcastPatch() -> Bool {
        executor.assertIsCurrent()
        defer { deliverAfterPatchMessages() }
        guard let stateFrames else { return false }
        return stateFrames.patch(for: clients) { client, frame in client.transport.send(frame) }
    }

    /// Patch ticks run while the room has clients. When the first client comes, the changes made while
    /// the room was empty are dropped: a joining client gets the full state.
    func clientsChanged() {
        guard hasClients == clients.isEmpty else { return }
        hasClients = !clients.isEmpty
        if hasClients { encoder?.discardChanges() }
        startPatchTimer()
    }

    func startPatchTimer() {
        patchTimer?.clear()
        patchTimer = nil
        guard let patchRate, !clients.isEmpty else { return }
        patchTimer = clock.setInterval(patchRate) { [unowned self] in
            do { try await onBeforePatch() } catch { onUncaughtError(error, in: .onBeforePatch, client: nil) }
            broadcastPatch()
        }
    }

    private func deliverAfterPatchMessages() {
        guard !afterPatchQueue.isEmpty else { return }
        let queue = afterPatchQueue
        afterPatchQueue.removeAll()
        for message in queue {
            switch message.recipients {
            case .all(let except): broadcast(frame: message.frame, except: except, afterNextPatch: false)
            case .client(let client): client.deliver(message.frame)
            }
        }
    }
}
