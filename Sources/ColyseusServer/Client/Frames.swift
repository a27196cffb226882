import ColyseusProtocol
import ColyseusSchema
import MessagePack
import NIOCore

/// Server frames as shareable buffers: built once, handed to any number of transports.
enum Frames {
    static let ping = ByteBuffer(bytes: [ProtocolCode.ping.rawValue])

    /// Payloads are packed as the reference server packs them (maps as map16, JS number forms), so
    /// frames are byte-identical to the reference's.
    static let payloadFormat = MessagePackWriter.Format.referenceCompatible

    static func roomData(type: MessageType, message: some Encodable) throws -> ByteBuffer {
        roomData(type: type, payload: try MessagePackEncoder(format: payloadFormat).encode(message))
    }

    static func roomData(type: MessageType, value: MessagePackValue) -> ByteBuffer {
        var writer = MessagePackWriter(format: payloadFormat)
        writer.write(value)
        return roomData(type: type, payload: writer.bytes)
    }

    static func roomData(type: MessageType, payload: [UInt8]) -> ByteBuffer {
        var writer = ByteWriter(initialCapacity: 16 + payload.count)
        writer.roomDataHeader(type: type)
        writer.append(contentsOf: payload)
        return buffer(writer)
    }

    static func roomDataBytes(type: MessageType, bytes: [UInt8]) -> ByteBuffer {
        var writer = ByteWriter(initialCapacity: 16 + bytes.count)
        writer.roomDataBytesHeader(type: type)
        writer.append(contentsOf: bytes)
        return buffer(writer)
    }

    static func error(code: Int, message: String) -> ByteBuffer {
        var writer = ByteWriter(initialCapacity: 16 + message.utf8.count)
        writer.errorFrame(code: code, message: message)
        return buffer(writer)
    }

    /// Copies the writer's bytes (the first `length` of them) into a new buffer (once per frame, not per client).
    static func buffer(_ writer: borrowing ByteWriter, length: Int? = nil) -> ByteBuffer {
        writer.withBytes { ByteBuffer(bytes: $0.prefix(length ?? $0.count)) }
    }
}
