/// Unguessable identifiers: room ids, session ids, reconnection tokens and the process id.
///
/// Nine characters of the URL-safe alphabet `A-Za-z0-9_-` (as the reference's nanoid), drawn from
/// the system's cryptographically secure generator: 54 bits of entropy.
public enum IdGenerator {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".utf8)

    /// A new random identifier of `length` characters.
    public static func make(length: Int = 9) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: length)
        for index in 0..<length {
            bytes[index] = alphabet[Int(generator.next() & 63)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
