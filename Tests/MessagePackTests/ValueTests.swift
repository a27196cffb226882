import MessagePack
import Testing

/// Equality, accessors, literals and description of `MessagePackValue`.
@Suite("MessagePackValue")
struct ValueTests {
    @Test func integersCompareByValue() {
        #expect(MessagePackValue.int(5) == .uint(5))
        #expect(MessagePackValue.uint(5) == .int(5))
        #expect(MessagePackValue.int(-1) != .uint(.max))
        #expect(MessagePackValue.int(5).hashValue == MessagePackValue.uint(5).hashValue)
        #expect(Set<MessagePackValue>([.int(5), .uint(5), .int(6)]).count == 2)
    }

    @Test func floatsCompareByBitPattern() {
        #expect(MessagePackValue.double(.nan) == .double(.nan))
        #expect(MessagePackValue.double(0) != .double(-0.0))
        #expect(MessagePackValue.double(1) != .int(1))
        #expect(MessagePackValue.float(1) != .double(1))
        #expect(Set<MessagePackValue>([.double(.nan), .double(.nan)]).count == 1)
    }

    @Test func mapsCompareInOrder() {
        let xy: MessagePackValue = ["x": 1, "y": 2]
        #expect(xy == .map([(key: "x", value: 1), (key: "y", value: 2)]))
        #expect(xy != ["y": 2, "x": 1])
        #expect(MessagePackValue.nil != .undefined)
        #expect(MessagePackValue.array([]) != .map([]))
    }

    @Test func accessors() {
        let value: MessagePackValue = ["a": 1, "b": [1.5, "s"], "a": 2, 7: true]
        #expect(value["a"] == 2)
        #expect(value["b"]?[0] == 1.5)
        #expect(value["b"]?[1]?.stringValue == "s")
        #expect(value["b"]?[2] == nil)
        #expect(value["7"] == nil)
        #expect(value["missing"] == nil)
        #expect(value.mapValue?.count == 4)
        #expect(value["b"]?.arrayValue?.count == 2)
        #expect(MessagePackValue.bool(true).boolValue == true)
        #expect(MessagePackValue.int(1).boolValue == nil)
        #expect(MessagePackValue.binary([1]).binaryValue == [1])
        #expect(MessagePackValue.timestamp(.init(seconds: 1)).timestampValue == MessagePackTimestamp(seconds: 1))
        #expect(MessagePackValue.undefined.isNil && MessagePackValue.nil.isNil && !MessagePackValue.int(0).isNil)
    }

    @Test func exactNumbers() {
        #expect(MessagePackValue.double(3).intValue == 3)
        #expect(MessagePackValue.double(1.5).intValue == nil)
        #expect(MessagePackValue.double(.nan).intValue == nil)
        #expect(MessagePackValue.float(-2).intValue == -2)
        #expect(MessagePackValue.int(256).integer(as: UInt8.self) == nil)
        #expect(MessagePackValue.int(-1).integer(as: UInt64.self) == nil)
        #expect(MessagePackValue.uint(.max).integer(as: UInt64.self) == .max)
        #expect(MessagePackValue.double(4_294_967_296).integer(as: Int64.self) == 4_294_967_296)
        #expect(MessagePackValue.string("1").intValue == nil)
        #expect(MessagePackValue.int(1 << 53).doubleValue == 9_007_199_254_740_992)
        #expect(MessagePackValue.int((1 << 53) + 1).doubleValue == nil)
        #expect(MessagePackValue.float(0.1).doubleValue == Double(Float(0.1)))
    }

    @Test func descriptions() {
        let value: MessagePackValue = [
            "n": .nil, "u": .undefined, "b": true, "i": -3, "big": .uint(.max), "f": .float(1.5), "d": 0.25, "s": "hi",
            "bin": .binary([0x01, 0xAB]), "a": [1], "t": .timestamp(.init(seconds: 1_704_067_200, nanoseconds: 123_000_000)),
        ]
        #expect(value.description == #"{"n": nil, "u": undefined, "b": true, "i": -3, "big": 18446744073709551615, "f": 1.5f, "d": 0.25, "s": "hi", "bin": <bin 01ab>, "a": [1], "t": timestamp(seconds: 1704067200, nanoseconds: 123000000)}"#)
    }

    @Test func timestampsOrderByTime() {
        #expect(MessagePackTimestamp(seconds: -1, nanoseconds: 999_999_999) < MessagePackTimestamp(seconds: 0))
        #expect(MessagePackTimestamp(seconds: 1, nanoseconds: 1) > MessagePackTimestamp(seconds: 1))
    }
}
