import Foundation
import Testing

@testable import ColyseusServer

/// The hand-written JSON bodies of matchmaking: ServerError.jsonText and SeatReservation.jsonText (keys in the
/// reference's order) and their string escaping, JSONText.quoted.
@Suite struct JSONTextTests {
    @Test func serverErrorBody() {
        #expect(ServerError(code: 524, message: "seat reservation expired.").jsonText == #"{"code":524,"error":"seat reservation expired."}"#)
        #expect(ServerError.authFailed.jsonText == #"{"code":525,"error":"onAuth failed"}"#)
        #expect(ServerError(.matchmakeNoHandler, #"no "x" \ here"#).jsonText == #"{"code":520,"error":"no \"x\" \\ here"}"#)
        #expect(ServerError(code: -1, message: "").jsonText == #"{"code":-1,"error":""}"#)
    }

    @Test func serverErrorProperties() {
        let error = ServerError(.matchmakeInvalidRoomId, "gone")
        #expect(error.code == 522)
        #expect(error.description == "ServerError(522): gone")
        #expect(ServerError.authFailed == ServerError(code: 525, message: "onAuth failed"))
    }

    @Test func seatReservationKeyOrder() {
        var seat = SeatReservation(name: "battle", sessionId: "S1", roomId: "R1", processId: "P1", publicAddress: nil)
        #expect(seat.jsonText == #"{"name":"battle","sessionId":"S1","roomId":"R1","processId":"P1"}"#)
        seat.publicAddress = "eu.example.com:2567"
        #expect(seat.jsonText == #"{"name":"battle","sessionId":"S1","roomId":"R1","processId":"P1","publicAddress":"eu.example.com:2567"}"#)
    }

    @Test func seatReservationEscapesEveryValue() throws {
        let seat = SeatReservation(name: "a\"b", sessionId: "c\\d", roomId: "e\nf", processId: "g\u{1}h", publicAddress: "ü/\u{7F}")
        let text = seat.jsonText
        #expect(text == #"{"name":"a\"b","sessionId":"c\\d","roomId":"e\nf","processId":"g\u0001h","publicAddress":"ü/"# + "\u{7F}\"}")
        let decoded = try JSONDecoder().decode(SeatReservation.self, from: Data(text.utf8))
        #expect(decoded == seat)
    }

    @Test func quoting() {
        #expect(JSONText.quoted("") == #""""#)
        #expect(JSONText.quoted("plain") == #""plain""#)
        #expect(JSONText.quoted("\"") == #""\"""#)
        #expect(JSONText.quoted("\\") == #""\\""#)
        #expect(JSONText.quoted("\n\r\t") == #""\n\r\t""#)
        #expect(JSONText.quoted("\u{0}\u{8}\u{C}\u{1B}\u{1F}") == #""\u0000\u0008\u000c\u001b\u001f""#)
        // Space and everything above stays as it is: slash, DEL, non-ASCII, astral characters.
        #expect(JSONText.quoted(" /\u{7F}é漢\u{1F600}") == "\" /\u{7F}é漢\u{1F600}\"")
        #expect(JSONText.quoted("\u{2028}") == "\"\u{2028}\"")
    }

    /// Whatever the input, the output is a JSON string that reads back as the input.
    @Test func quotedTextParsesBack() throws {
        var everything = ""
        for value in 0..<0x180 { everything.unicodeScalars.append(Unicode.Scalar(UInt32(value))!) }
        everything += "\"\\\u{1F600}\u{FEFF}"
        for text in [everything, "a\"\\\n", "\u{0}"] {
            let quoted = JSONText.quoted(text)
            let parsed = try JSONDecoder().decode(String.self, from: Data(quoted.utf8))
            #expect(parsed == text)
            #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 })
        }
    }
}
