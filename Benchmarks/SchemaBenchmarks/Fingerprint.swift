import ColyseusSchema
import Crypto

/// SHA-256 fingerprints of benchmark output (swift-crypto), compared with the reference's.
struct Fingerprint {
    private var hasher = SHA256()

    /// Adds the bytes written so far.
    mutating func update(_ writer: borrowing ByteWriter) {
        writer.withBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// The digest as lowercase hex.
    func finalize() -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in hasher.finalize() {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The fingerprint of the bytes of `writer`.
    static func of(_ writer: borrowing ByteWriter) -> String {
        var fingerprint = Fingerprint()
        fingerprint.update(writer)
        return fingerprint.finalize()
    }
}
