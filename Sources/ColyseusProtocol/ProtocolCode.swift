/// The first byte of every WebSocket message after the upgrade (PROTOCOL.md §4.1).
public enum ProtocolCode: UInt8, Sendable {
    /// Server: join confirmation (token, serializer, handshake). Client: the acknowledgement.
    case joinRoom = 0x0A
    /// Server: `num(code) str(message)`.
    case error = 0x0B
    /// Client: consented leave.
    case leaveRoom = 0x0C
    /// Both directions: a typed message with a MessagePack payload.
    case roomData = 0x0D
    /// Server: the full state.
    case roomState = 0x0E
    /// Server: a state patch.
    case roomStatePatch = 0x0F
    /// Deprecated; never sent, ignored when received.
    case roomDataSchema = 0x10
    /// Both directions: a typed message with raw bytes.
    case roomDataBytes = 0x11
    /// Client request, server reply.
    case ping = 0x12
}
