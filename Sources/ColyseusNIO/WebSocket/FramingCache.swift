import NIOCore
import NIOPosix

/// The last message framed on this thread, with its frame.
///
/// A room hands the same patch buffer to each of its clients in a row, on its own event loop; the first
/// connection frames it and the others send the same framed bytes. A buffer is recognised by its storage
/// and indices: the cache keeps the buffer alive, so an equal address is the same, unchanged storage.
final class FramingCache {
    private static let current = ThreadSpecificVariable<FramingCache>()

    private var payload: ByteBuffer?
    private var framed = ByteBuffer()

    /// The binary frame of `payload`, shared with the previous caller on this thread that sent the same buffer.
    static func binaryFrame(of payload: ByteBuffer) -> ByteBuffer {
        let cache: FramingCache
        if let existing = current.currentValue {
            cache = existing
        } else {
            cache = FramingCache()
            current.currentValue = cache
        }
        return cache.frame(of: payload)
    }

    private func frame(of payload: ByteBuffer) -> ByteBuffer {
        if let cached = self.payload, Self.isSameBuffer(cached, payload) { return framed }
        framed = ServerFrame.binary(payload)
        self.payload = payload
        return framed
    }

    private static func isSameBuffer(_ a: ByteBuffer, _ b: ByteBuffer) -> Bool {
        a.readerIndex == b.readerIndex && a.writerIndex == b.writerIndex
            && a.withVeryUnsafeBytes { first in b.withVeryUnsafeBytes { second in first.baseAddress == second.baseAddress } }
    }
}

// One instance per thread, used by that thread only.
extension FramingCache: @unchecked Sendable {}
