import NIOCore

/// One WebSocket frame (RFC 6455 §5.2), as a client reads and writes them.
package struct WebSocketFrame: Sendable {
    /// Frame opcodes a client handles.
    package enum Opcode: UInt8, Sendable {
        case continuation = 0x0
        case text = 0x1
        case binary = 0x2
        case close = 0x8
        case ping = 0x9
        case pong = 0xA
    }

    package var fin: Bool
    /// The raw opcode (unknown opcodes are kept so the reader can skip them).
    package var opcode: UInt8
    package var payload: [UInt8]

    package init(fin: Bool = true, opcode: Opcode, payload: [UInt8]) {
        self.fin = fin
        self.opcode = opcode.rawValue
        self.payload = payload
    }

    private init(fin: Bool, rawOpcode: UInt8, payload: [UInt8]) {
        self.fin = fin
        self.opcode = rawOpcode
        self.payload = payload
    }

    /// Takes one complete frame off the front of `buffer`, or returns nil when it holds only part of one.
    /// Throws when the frame announces more than `maxPayload` bytes. Server frames are not masked; a
    /// masked one is unmasked all the same.
    package static func parse(_ buffer: inout ByteBuffer, maxPayload: Int = .max) throws(WebSocketFrameError) -> WebSocketFrame? {
        let start = buffer.readerIndex
        guard let first = buffer.getInteger(at: start, as: UInt8.self),
              let second = buffer.getInteger(at: start + 1, as: UInt8.self) else { return nil }
        var offset = start + 2
        var length = UInt64(second & 0x7F)
        if length == 126 {
            guard let extended = buffer.getInteger(at: offset, as: UInt16.self) else { return nil }
            length = UInt64(extended)
            offset += 2
        } else if length == 127 {
            guard let extended = buffer.getInteger(at: offset, as: UInt64.self) else { return nil }
            length = extended
            offset += 8
        }
        guard length <= UInt64(maxPayload) else { throw .tooLarge(length) }
        var mask: [UInt8]?
        if second & 0x80 != 0 {
            guard let key = buffer.getBytes(at: offset, length: 4) else { return nil }
            mask = key
            offset += 4
        }
        guard var payload = buffer.getBytes(at: offset, length: Int(length)) else { return nil }
        buffer.moveReaderIndex(to: offset + Int(length))
        if let mask {
            for index in payload.indices { payload[index] ^= mask[index & 3] }
        }
        return WebSocketFrame(fin: first & 0x80 != 0, rawOpcode: first & 0x0F, payload: payload)
    }

    /// Writes the frame masked, as a client must (RFC 6455 §5.3).
    package func writeMasked(into buffer: inout ByteBuffer) {
        buffer.writeInteger((fin ? 0x80 : 0) | opcode)
        if payload.count < 126 {
            buffer.writeInteger(0x80 | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            buffer.writeInteger(UInt8(0x80 | 126))
            buffer.writeInteger(UInt16(payload.count))
        } else {
            buffer.writeInteger(UInt8(0x80 | 127))
            buffer.writeInteger(UInt64(payload.count))
        }
        let mask = UInt32.random(in: .min ... .max)
        buffer.writeInteger(mask)
        let key = (UInt8(mask >> 24), UInt8(mask >> 16 & 0xFF), UInt8(mask >> 8 & 0xFF), UInt8(mask & 0xFF))
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: payload.count) { target in
            for index in payload.indices {
                let maskByte = switch index & 3 { case 0: key.0; case 1: key.1; case 2: key.2; default: key.3 }
                target[index] = payload[index] ^ maskByte
            }
            return payload.count
        }
    }

    /// The frame as a masked client frame in a new buffer.
    package func masked() -> ByteBuffer {
        var buffer = ByteBuffer()
        writeMasked(into: &buffer)
        return buffer
    }

    /// The payload of a close frame: the code (nil for none) and the reason.
    package static func closePayload(code: UInt16?, reason: String) -> [UInt8] {
        guard let code else { return [] }
        return [UInt8(code >> 8), UInt8(code & 0xFF)] + Array(reason.utf8)
    }

    /// The code (nil when the close frame has no status) and reason of a close frame's payload.
    package var closeStatus: (code: UInt16?, reason: String) {
        guard payload.count >= 2 else { return (nil, "") }
        return (UInt16(payload[0]) << 8 | UInt16(payload[1]), String(decoding: payload[2...], as: UTF8.self))
    }
}

/// Why a frame could not be read.
package enum WebSocketFrameError: Error, Equatable {
    /// The frame announces more payload than allowed.
    case tooLarge(UInt64)
}
