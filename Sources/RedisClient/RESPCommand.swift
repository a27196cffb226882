import NIOCore

/// A command as Redis receives it: an array of bulk strings (`SET key value` → `*3 $3 SET $3 key $5 value`).
public struct RESPCommand: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public var arguments: [[UInt8]]

    public init(_ arguments: [String]) {
        self.arguments = arguments.map { Array($0.utf8) }
    }

    public init(bytes arguments: [[UInt8]]) {
        self.arguments = arguments
    }

    public init(arrayLiteral elements: String...) {
        self.init(elements)
    }

    /// The command name, upper-cased.
    public var name: String { arguments.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? "" }

    /// The command name and how many arguments follow (never the arguments: they may hold passwords).
    public var description: String { "\(name) with \(max(0, arguments.count - 1)) arguments" }

    /// Appends the RESP encoding to `buffer`.
    public func write(into buffer: inout ByteBuffer) {
        buffer.writeStaticString("*")
        buffer.writeString(String(arguments.count))
        buffer.writeStaticString("\r\n")
        for argument in arguments {
            buffer.writeStaticString("$")
            buffer.writeString(String(argument.count))
            buffer.writeStaticString("\r\n")
            buffer.writeBytes(argument)
            buffer.writeStaticString("\r\n")
        }
    }
}
