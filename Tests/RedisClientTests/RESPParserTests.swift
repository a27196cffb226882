import NIOCore
import RedisClient
import SchemaTestSupport
import Testing

/// RESP2 and RESP3 parsing (RESPParser.swift): every type, input arriving in pieces, malformed input
/// as errors with offsets, and seeded random corruptions that must parse or throw, never crash.
@Suite struct RESPParserTests {
    func parse(_ text: String) throws(RESPParseError) -> RESPValue? {
        var buffer = ByteBuffer(string: text)
        return try RESPParser().parse(&buffer)
    }

    func error(_ text: String) -> RESPParseError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    static let examples: [(String, RESPValue)] = [
        ("+OK\r\n", .simpleString("OK")),
        ("-ERR unknown command\r\n", .error("ERR unknown command")),
        (":0\r\n", .integer(0)),
        (":-42\r\n", .integer(-42)),
        (":9223372036854775807\r\n", .integer(.max)),
        ("$5\r\nhello\r\n", .bulkString(Array("hello".utf8))),
        ("$0\r\n\r\n", .bulkString([])),
        ("$4\r\na\r\nb\r\n", .bulkString(Array("a\r\nb".utf8))),
        ("$-1\r\n", .null),
        ("*-1\r\n", .null),
        ("*0\r\n", .array([])),
        ("*2\r\n$3\r\nfoo\r\n:7\r\n", .array([.bulkString(Array("foo".utf8)), .integer(7)])),
        ("*2\r\n*1\r\n+a\r\n*0\r\n", .array([.array([.simpleString("a")]), .array([])])),
        ("_\r\n", .null),
        ("#t\r\n", .boolean(true)),
        ("#f\r\n", .boolean(false)),
        (",3.25\r\n", .double(3.25)),
        (",-1e3\r\n", .double(-1000)),
        (",inf\r\n", .double(.infinity)),
        (",-inf\r\n", .double(-.infinity)),
        ("(3492890328409238509324850943850943825024385\r\n", .bigNumber("3492890328409238509324850943850943825024385")),
        ("!21\r\nSYNTAX invalid syntax\r\n", .error("SYNTAX invalid syntax")),
        ("=15\r\ntxt:Some string\r\n", .verbatimString(format: "txt", text: "Some string")),
        ("%2\r\n+a\r\n:1\r\n+b\r\n:2\r\n", .map([.init(key: .simpleString("a"), value: .integer(1)), .init(key: .simpleString("b"), value: .integer(2))])),
        ("~2\r\n+x\r\n+y\r\n", .set([.simpleString("x"), .simpleString("y")])),
        (">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n", .push([.bulkString(Array("message".utf8)), .bulkString(Array("ch".utf8)), .bulkString(Array("hi".utf8))])),
        // An attribute describes the value after it; the value is the reply.
        ("|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n:5\r\n", .integer(5)),
    ]

    @Test("each type", arguments: examples.indices)
    func eachType(_ index: Int) throws {
        let (text, expected) = Self.examples[index]
        var buffer = ByteBuffer(string: text + "+next\r\n")
        #expect(try RESPParser().parse(&buffer) == expected)
        // Exactly the value is consumed: the next one follows.
        #expect(try RESPParser().parse(&buffer) == .simpleString("next"))
        #expect(buffer.readableBytes == 0)
    }

    @Test func nanIsADouble() throws {
        guard case .double(let value)? = try parse(",nan\r\n") else {
            Issue.record("not a double")
            return
        }
        #expect(value.isNaN)
    }

    /// Cut anywhere, a value is incomplete (nil, nothing consumed); the rest completes it.
    @Test("split at every byte", arguments: examples.indices)
    func splitAtEveryByte(_ index: Int) throws {
        let bytes = Array(Self.examples[index].0.utf8)
        for cut in 0..<bytes.count {
            var buffer = ByteBuffer(bytes: bytes[0..<cut])
            #expect(try RESPParser().parse(&buffer) == nil, "cut at \(cut)")
            #expect(buffer.readableBytes == cut)
            buffer.writeBytes(bytes[cut...])
            #expect(try RESPParser().parse(&buffer) == Self.examples[index].1, "cut at \(cut)")
        }
    }

    @Test func malformedInputNamesTheOffendingByte() {
        let cases: [(String, Int, String)] = [
            ("?what\r\n", 0, "unknown type byte 0x3f"),
            (":12x\r\n", 0, "integer expected, found \"12x\""),
            ("$abc\r\n", 1, "length expected, found \"abc\""),
            ("$-5\r\n", 1, "negative length -5"),
            ("~-1\r\n", 1, "negative length -1"),
            ("$3\r\nabcd\r\n", 7, "bulk string of 3 bytes not followed by CRLF"),
            ("+OK\rX", 3, "CR not followed by LF"),
            ("+OK\n", 3, "LF without CR"),
            ("#x\r\n", 0, "boolean must be t or f, found \"x\""),
            (",1.2.3x\r\n", 0, "double expected, found \"1.2.3x\""),
            ("(12a\r\n", 0, "big number expected"),
            ("_x\r\n", 0, "null with content"),
            ("=3\r\nabc\r\n", 4, "verbatim string without a format prefix"),
            ("*1\r\n?\r\n", 4, "unknown type byte 0x3f"),
            ("$99999999999\r\n", 1, "length 99999999999 over the limit of 536870912"),
        ]
        for (text, offset, reason) in cases {
            #expect(error(text) == RESPParseError(offset: offset, reason: reason), "\(text.debugDescription)")
        }
    }

    @Test func limitsStopHostileInput() throws {
        var parser = RESPParser()
        parser.maxDepth = 3
        var deep = ByteBuffer(string: String(repeating: "*1\r\n", count: 5) + ":1\r\n")
        #expect(throws: RESPParseError(offset: 16, reason: "nested deeper than 3")) { try parser.parse(&deep) }

        parser.maxLineLength = 8
        var long = ByteBuffer(string: "+" + String(repeating: "a", count: 20))
        #expect(throws: RESPParseError(offset: 1, reason: "line longer than 8 bytes")) { try parser.parse(&long) }

        // A huge announced count with few bytes behind it: incomplete, and nothing allocated for it.
        var huge = ByteBuffer(string: "*16777216\r\n:1\r\n")
        #expect(try RESPParser().parse(&huge) == nil)
        var over = ByteBuffer(string: "*16777217\r\n")
        #expect(throws: RESPParseError(offset: 1, reason: "length 16777217 over the limit of 16777216")) { try RESPParser().parse(&over) }
    }

    /// Seeded corruptions (flipped, dropped, inserted bytes) of every example and of concatenations:
    /// each parses, asks for more bytes, or throws RESPParseError: never a crash or a hang.
    @Test("seeded corruptions parse or throw", arguments: [1, 2, 3, 4] as [UInt64])
    func seededCorruptions(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let sources = Self.examples.map { Array($0.0.utf8) } + [Array(Self.examples.map(\.0).joined().utf8)]
        var outcomes = (values: 0, incomplete: 0, errors: 0)
        for _ in 0..<3000 {
            var bytes = sources[Int.random(in: 0..<sources.count, using: &random)]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0..<max(1, bytes.count), using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &random)
                case 1 where !bytes.isEmpty: bytes.remove(at: position)
                default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: min(position, bytes.count))
                }
            }
            var buffer = ByteBuffer(bytes: bytes)
            do {
                while let _ = try RESPParser().parse(&buffer) { outcomes.values += 1 }
                outcomes.incomplete += 1
            } catch {
                outcomes.errors += 1
            }
        }
        // The corruptions reach every outcome.
        #expect(outcomes.values > 0 && outcomes.incomplete > 0 && outcomes.errors > 0, "\(outcomes)")
    }

    /// Random bytes behind a valid type byte.
    @Test func randomBytesParseOrThrow() {
        var random = SplitMix64(seed: 42)
        let types = Array("+-:$*_#,(!=%~>|".utf8)
        for _ in 0..<5000 {
            var bytes = [types[Int.random(in: 0..<types.count, using: &random)]]
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                bytes.append(Bool.random(using: &random) ? UInt8.random(in: 0...255, using: &random) : Array("0123456789\r\n-".utf8)[Int.random(in: 0..<13, using: &random)])
            }
            var buffer = ByteBuffer(bytes: bytes)
            _ = try? RESPParser().parse(&buffer)
        }
    }

    @Test func commandEncoding() {
        var buffer = ByteBuffer()
        RESPCommand(["SET", "k", "välue"]).write(into: &buffer)
        #expect(String(buffer: buffer) == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\nvälue\r\n")
        #expect(RESPCommand(["auth", "user", "secret"]).description == "AUTH with 2 arguments")
    }
}
