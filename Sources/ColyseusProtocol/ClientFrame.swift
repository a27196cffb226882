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
            let type = try Self.readType(&reader)
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

    /// A string type iff the first byte is `a1`–`bf`, `d9`, `da` or `db`; any other byte starts a number (§4.2).
    private static func readType(_ reader: inout ByteReader) throws(ClientFrameError) -> MessageType {
        guard let prefix = reader.peek() else { throw .unreadableType(description: "undefined") }
        do {
            switch prefix {
            case 0xA1...0xBF, 0xD9, 0xDA, 0xDB:
                return .string(try reader.string())
            case 0x00...0x7F, 0xE0...0xFF, 0xCA...0xD3:
                let value = try reader.number()
                guard let integer = Int(exactly: value) else {
                    throw ClientFrameError.unreadableType(description: String(describing: value))
                }
                return .integer(integer)
            default:
                // `a0` (the empty string) and other prefixes are the number decoder's "no value".
                throw ClientFrameError.unreadableType(description: "undefined")
            }
        } catch let error as ClientFrameError {
            throw error
        } catch {
            throw .truncatedType
        }
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
