import ColyseusSchema

/// A message received from a server, as a client reads it (PROTOCOL.md §4.3).
///
/// Payloads are given as ranges into the message, so a client decodes state and MessagePack without
/// copying them first.
public enum ServerFrame: Equatable, Sendable {
    /// `0a`: the join (or rejoin) succeeded. `handshake` is the range of the reflection handshake, nil
    /// when the server sent none (the URL asked to skip it).
    case joinRoom(reconnectionToken: String, serializer: String, handshake: Range<Int>?)
    /// `0b num(code) str(message)`.
    case error(code: Int, message: String)
    /// `0d <type> [payload]`: the MessagePack payload (may be empty).
    case roomData(type: MessageType, payload: Range<Int>)
    /// `11 <type> <bytes>`.
    case roomDataBytes(type: MessageType, payload: Range<Int>)
    /// `0e <full state>`.
    case roomState(payload: Range<Int>)
    /// `0f <patch>`.
    case roomStatePatch(payload: Range<Int>)
    /// `12`: the answer to a latency request.
    case ping
    /// An empty message or a code a client has no use for (`10`, or unknown): ignored.
    case ignored

    /// Classifies one WebSocket message. Throws when a frame's fixed part is cut short or unreadable.
    public init(parsing bytes: UnsafeRawBufferPointer) throws(ServerFrameError) {
        guard let first = bytes.first, let code = ProtocolCode(rawValue: first) else {
            self = .ignored
            return
        }
        var reader = ByteReader(bytes, offset: 1)
        switch code {
        case .joinRoom:
            let token = try Self.shortString(&reader, bytes, field: "reconnection token")
            let serializer = try Self.shortString(&reader, bytes, field: "serializer")
            self = .joinRoom(reconnectionToken: token, serializer: serializer, handshake: reader.isAtEnd ? nil : reader.offset..<bytes.count)
        case .error:
            do {
                let code = try reader.number()
                let message = reader.isAtEnd ? "" : try reader.string()
                guard let integer = Int(exactly: code) else { throw ServerFrameError.malformed("ERROR code \(code) is not an integer") }
                self = .error(code: integer, message: message)
            } catch let error as ServerFrameError {
                throw error
            } catch {
                throw .malformed("ERROR frame cut short")
            }
        case .roomData, .roomDataBytes:
            let type: MessageType
            do { type = try reader.messageType() } catch { throw .malformed("unreadable message type") }
            let payload = reader.offset..<bytes.count
            self = code == .roomData ? .roomData(type: type, payload: payload) : .roomDataBytes(type: type, payload: payload)
        case .roomState: self = .roomState(payload: 1..<bytes.count)
        case .roomStatePatch: self = .roomStatePatch(payload: 1..<bytes.count)
        case .ping: self = .ping
        case .leaveRoom, .roomDataSchema: self = .ignored
        }
    }

    /// Classifies one WebSocket message held in an array.
    public init(parsing bytes: [UInt8]) throws(ServerFrameError) {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(ServerFrameError) in try ServerFrame(parsing: raw) } }
        self = try result.get()
    }

    /// A JOIN_ROOM string: one raw length byte, then UTF-8.
    private static func shortString(_ reader: inout ByteReader, _ bytes: UnsafeRawBufferPointer, field: String) throws(ServerFrameError) -> String {
        guard let length = try? reader.byte(), reader.offset + Int(length) <= bytes.count else {
            throw .malformed("JOIN_ROOM \(field) cut short")
        }
        let start = reader.offset
        reader.offset += Int(length)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<reader.offset]), as: UTF8.self)
    }
}

/// Why a server frame could not be read.
public enum ServerFrameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The frame's fixed part is cut short or unreadable.
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let reason): "malformed server frame: \(reason)"
        }
    }
}
