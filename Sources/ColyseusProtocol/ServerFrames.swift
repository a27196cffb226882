import ColyseusSchema

/// Builders of the frames a server sends (PROTOCOL.md §4.3). Each appends one complete WebSocket
/// message to the writer.
extension ByteWriter {
    /// `JOIN_ROOM`: `0a | u8 len | token | u8 len | serializer | handshake?`. The handshake, when given,
    /// runs to the end of the message.
    public mutating func joinRoomFrame(reconnectionToken: String, serializer: String, handshake: [UInt8]?) {
        byte(ProtocolCode.joinRoom.rawValue)
        shortString(reconnectionToken)
        shortString(serializer)
        if let handshake { append(contentsOf: handshake) }
    }

    /// `ERROR`: `0b num(code) str(message)`.
    public mutating func errorFrame(code: Int, message: String) {
        byte(ProtocolCode.error.rawValue)
        number(code)
        string(message)
    }

    /// The header of a `ROOM_DATA` frame; the MessagePack payload (if any) follows.
    public mutating func roomDataHeader(type: MessageType) {
        byte(ProtocolCode.roomData.rawValue)
        messageType(type)
    }

    /// The header of a `ROOM_DATA_BYTES` frame; the raw bytes follow.
    public mutating func roomDataBytesHeader(type: MessageType) {
        byte(ProtocolCode.roomDataBytes.rawValue)
        messageType(type)
    }

    /// A message type: `str(type)` or `num(type)` (§4.2).
    public mutating func messageType(_ type: MessageType) {
        switch type {
        case .string(let text): string(text)
        case .integer(let number): self.number(number)
        }
    }

    /// A string with a single raw length byte, as JOIN_ROOM writes its token and serializer id.
    private mutating func shortString(_ text: String) {
        let utf8 = Array(text.utf8)
        precondition(utf8.count < 256, "JOIN_ROOM strings are limited to 255 bytes")
        byte(UInt8(utf8.count))
        append(contentsOf: utf8)
    }
}
