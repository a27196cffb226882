@testable import ColyseusClient
import Testing

/// The handshake check's SHA-1 and accept value against published examples.
struct WebSocketAcceptTests {
    @Test func theRFC6455Example() {
        #expect(WebSocketAccept.value(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func sha1TestVectors() {
        func hex(_ text: String) -> String { WebSocketAccept.sha1(Array(text.utf8)).map { String($0, radix: 16).leftPadded }.joined() }
        #expect(hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hex(String(repeating: "a", count: 1000)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }
}

private extension String {
    var leftPadded: String { count == 1 ? "0" + self : self }
}
