import NIOCore
import NIOWebSocket

/// Server-to-client WebSocket frames (RFC 6455 §5.2): final, unmasked, header and payload in one buffer.
///
/// NIO's `WebSocketFrameEncoder` writes a header buffer per frame and per connection; a room sends the
/// same patch to every client, so here a message is framed once and the framed bytes are shared by every
/// connection that sends it (see ``FramingCache``).
enum ServerFrame {
    /// A binary data frame carrying `payload`.
    static func binary(_ payload: ByteBuffer) -> ByteBuffer {
        frame(.binary, payload: payload)
    }

    /// A ping control frame without payload.
    static let ping = frame(.ping, payload: ByteBuffer())

    /// A pong control frame echoing a ping's `payload` (at most 125 bytes, as the ping's).
    static func pong(_ payload: ByteBuffer) -> ByteBuffer {
        frame(.pong, payload: payload)
    }

    /// A close frame: `code` and `reason` (cut to the 123 bytes a control frame has room for), or no
    /// status at all when `code` is nil (the peer then reports 1005).
    static func close(code: UInt16?, reason: String = "") -> ByteBuffer {
        var payload = ByteBuffer()
        if let code {
            payload.writeInteger(code)
            payload.writeBytes(reason.utf8.prefix(123))
        }
        return frame(.connectionClose, payload: payload)
    }

    /// The frame of `opcode` around `payload`.
    static func frame(_ opcode: WebSocketOpcode, payload: ByteBuffer) -> ByteBuffer {
        let length = payload.readableBytes
        var frame = ByteBuffer()
        frame.reserveCapacity(length + 10)
        frame.writeInteger(0x80 | UInt8(webSocketOpcode: opcode))
        switch length {
        case 0...125:
            frame.writeInteger(UInt8(length))
        case 126...Int(UInt16.max):
            frame.writeInteger(UInt8(126))
            frame.writeInteger(UInt16(length))
        default:
            frame.writeInteger(UInt8(127))
            frame.writeInteger(UInt64(length))
        }
        frame.writeImmutableBuffer(payload)
        return frame
    }
}
