import ColyseusSchema

/// A message received from a client, classified by its first byte (PROTOCOL.md §4, checklist §13.4).
public enum ClientFrame: Equatable, Sendable {
    /// `0a`: the client processed JOIN_ROOM.
    case joinAcknowledgement
    /// `0c`: consented leave.
    case leave
    /// `0d <type> [payload]`: the payload is the MessagePack value in `payload` (may be empty).
    case roomData(type: MessageType, payload: Range<Int>)
    /// `11 <type> <bytes>`: raw bytes in `payload`.
    case roomDataBytes(type: MessageType, payload: Range<Int>)
    /// `12`: latency request; answer with `12`.
    case ping
    /// An empty message, an unknown protocol code or the deprecated `10`: ignored, as the reference does.
    case ignored

    /// Classifies one WebSocket message. Throws when a typed message's type cannot be read.
    public init(parsing bytes: UnsafeRawBufferPointer) throws(ClientFrameError) {
        guard let first = bytes.first, let code = ProtocolCode(rawValue: first) else {
            self = .ignored
            return
        }
        switch code {
        case .joinRoom: self = .joinAcknowledgement
        case .leaveRoom: self = .leave
        case .ping: self = .ping
        case .roomData, .roomDataBytes:
            var reader = ByteReader(bytes, offset: 1)
            let type = try reader.messageType()
            let payload = reader.offset..<bytes.count
            self = code == .roomData ? .roomData(type: type, payload: payload) : .roomDataBytes(type: type, payload: payload)
        case .error, .roomState, .roomStatePatch, .roomDataSchema: self = .ignored
        }
    }

    /// Classifies one WebSocket message held in an array.
    public init(parsing bytes: [UInt8]) throws(ClientFrameError) {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(ClientFrameError) in try ClientFrame(parsing: raw) } }
        self = try result.get()
    }
}

/// Why a client frame's message type could not be read.
public enum ClientFrameError: Error, Equatable, Sendable {
    /// The type is not a non-empty string or an integer; `description` is how the reference names it
    /// in its close reason (`"undefined"` for `a0`, `"1.5"` for a fractional number).
    case unreadableType(description: String)
    /// The frame ends inside the type.
    case truncatedType
}
