import ColyseusSchema

extension ByteReader {
    /// Reads a message type (§4.2): a string iff the first byte is `a1`–`bf`, `d9`, `da` or `db`; any
    /// other byte starts a number, which must be an integer.
    public mutating func messageType() throws(ClientFrameError) -> MessageType {
        guard let prefix = peek() else { throw .unreadableType(description: "undefined") }
        do {
            switch prefix {
            case 0xA1...0xBF, 0xD9, 0xDA, 0xDB:
                return .string(try string())
            case 0x00...0x7F, 0xE0...0xFF, 0xCA...0xD3:
                let value = try number()
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
