import Foundation
import Testing

@testable import ColyseusServer

/// Join options, metadata and listing data (Support/JSONValue.swift).
@Suite struct JSONValueTests {
    @Test func literals() {
        let value: JSONValue = ["name": "ålice", "level": 3, "ratio": 0.5, "ok": true, "none": nil, "tags": ["a", 1]]
        #expect(value == .object([
            "name": .string("ålice"), "level": .number(3), "ratio": .number(0.5), "ok": .bool(true), "none": .null,
            "tags": .array([.string("a"), .number(1)]),
        ]))
        // A repeated key in a literal keeps the last value.
        let repeated: JSONValue = ["k": 1, "k": 2]
        #expect(repeated == ["k": 2])
    }

    @Test func accessors() {
        let value: JSONValue = ["s": "text", "i": 42, "f": 1.5, "b": false, "o": ["x": 1]]
        #expect(value["s"]?.stringValue == "text")
        #expect(value["i"]?.intValue == 42)
        #expect(value["i"]?.doubleValue == 42)
        #expect(value["f"]?.intValue == nil)
        #expect(value["f"]?.doubleValue == 1.5)
        #expect(value["b"]?.boolValue == false)
        #expect(value["o"]?.objectValue == ["x": .number(1)])
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("x")["s"] == nil)
        #expect(JSONValue.number(1).stringValue == nil)
        #expect(JSONValue.string("1").intValue == nil)
        #expect(JSONValue.null.objectValue == nil)
    }

    @Test func mergingLetsTheRightSideWinPerKey() {
        let defaults: JSONValue = ["mode": "duel", "map": "forest", "nested": ["a": 1, "b": 2]]
        let overrides: JSONValue = ["map": "desert", "extra": true, "nested": ["b": 3]]
        // Merging is shallow: `nested` is replaced as a whole.
        #expect(defaults.merging(overrides) == ["mode": "duel", "map": "desert", "extra": true, "nested": ["b": 3]])
        #expect(overrides.merging(defaults) == ["mode": "duel", "map": "forest", "extra": true, "nested": ["a": 1, "b": 2]])
        #expect(defaults.merging([:]) == defaults)
        #expect(JSONValue.object([:]).merging(defaults) == defaults)
    }

    @Test func mergingNonObjectsReplaces() {
        let object: JSONValue = ["a": 1]
        #expect(object.merging("text") == "text")
        #expect(object.merging(nil) == .null)
        #expect(JSONValue.string("text").merging(object) == object)
        #expect(JSONValue.array([1]).merging([2]) == [2])
        #expect(JSONValue.null.merging(object) == object)
    }

    @Test func decodesEveryKind() throws {
        let text = #"{"n":null,"t":true,"f":false,"i":7,"d":-2.25,"s":"é\"","a":[1,"x",[]],"o":{"k":{}}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == [
            "n": nil, "t": true, "f": false, "i": 7, "d": -2.25, "s": "é\"", "a": [1, "x", []], "o": ["k": [:]],
        ])
    }

    /// Booleans stay booleans (Foundation would also read `true` as the number 1).
    @Test func booleansAreNotNumbers() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data("[true,1,0,false]".utf8))
        #expect(value == .array([.bool(true), .number(1), .number(0), .bool(false)]))
    }

    @Test func encodesIntegersWithoutFraction() throws {
        #expect(try encoded(["i": 3]) == #"{"i":3}"#)
        #expect(try encoded([-0.0, 1e15, -42]) == "[0,1000000000000000,-42]")
        #expect(try encoded(2.5) == "2.5")
        #expect(try encoded(nil) == "null")
        #expect(try encoded(["s": "a\"b", "b": false, "a": []]) == #"{"a":[],"b":false,"s":"a\"b"}"#)
    }

    @Test func codableRoundTrip() throws {
        let value: JSONValue = [
            "int": 12, "neg": -3, "frac": 0.1, "big": 9_007_199_254_740_991, "huge": 1e300, "str": "ünïcödé \u{1F600}",
            "bool": true, "null": nil, "list": [1, [2, [3]], ["k": "v"]], "empty": [:],
        ]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        #expect(!String(decoding: data, as: UTF8.self).contains("12.0"))
    }

    func encoded(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
