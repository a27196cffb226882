import MessagePack
import SchemaTestSupport

/// Random values of every kind, with the edge cases weighted up: integer boundaries, NaN, −0, strings and containers
/// at their length thresholds, maps with string keys from a small pool (so that record shapes repeat), maps with
/// other keys, timestamps in all three layouts.
struct RandomValue {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func value(depth: Int = 0) -> MessagePackValue {
        switch int(0 ... (depth < 4 ? 14 : 10)) {
        case 0: return .nil
        case 1: return .undefined
        case 2: return .bool(int(0 ... 1) == 1)
        case 3: return .int(integer())
        case 4: return .uint(UInt64.random(in: UInt64(Int64.max) + 1 ... .max, using: &random))
        case 5: return .double(double())
        case 6: return .float(Float(double()))
        case 7: return .string(string())
        case 8: return .binary((0 ..< length()).map { _ in UInt8.random(in: 0 ... 255, using: &random) })
        case 9: return .timestamp(timestamp())
        case 10: return .int(Int64(int(-40 ... 140)))
        case 11, 12: return .array((0 ..< length(containers: true)).map { _ in value(depth: depth + 1) })
        case 13: return object(depth: depth)
        default:
            return .map((0 ..< length(containers: true)).map { _ in (key: value(depth: depth + 1), value: value(depth: depth + 1)) })
        }
    }

    /// A plain-object-like map: distinct string keys from a pool of 12, in random order.
    mutating func object(depth: Int) -> MessagePackValue {
        let pool = ["x", "y", "id", "name", "hp", "0", "1", "é", "long key with spaces", "k", "", "🎮"]
        let keys = pool.shuffled(using: &random).prefix(int(0 ... 4))
        return .map(keys.map { (key: .string($0), value: value(depth: depth + 1)) })
    }

    mutating func integer() -> Int64 {
        let boundaries: [Int64] = [
            0, 1, 31, 32, 63, 64, 127, 128, 255, 256, 65535, 65536, 4_294_967_295, 4_294_967_296, 1 << 53, (1 << 53) + 1,
            .max, -1, -32, -33, -128, -129, -32768, -32769, -2_147_483_648, -2_147_483_649, -(1 << 53), -(1 << 53) - 1, .min,
        ]
        return int(0 ... 1) == 0 ? boundaries.randomElement(using: &random)! : Int64.random(in: .min ... .max, using: &random)
    }

    mutating func double() -> Double {
        switch int(0 ... 5) {
        case 0: return [.nan, .infinity, -.infinity, -0.0, 0.1, 1.5, 4_294_967_296, -2_147_483_649].randomElement(using: &random)!
        case 1: return Double(int(-100_000 ... 100_000))
        case 2: return Double(bitPattern: UInt64.random(in: 0 ... .max, using: &random) & ~(0x7FF << 52) | (UInt64(int(900 ... 1150)) << 52))
        default: return Double.random(in: -1e6 ... 1e6, using: &random)
        }
    }

    mutating func string() -> String {
        let pieces = ["a", "é", "日", "🎮", "\0", "\n", " "]
        return String((0 ..< length()).map { _ in pieces.randomElement(using: &random)! }.joined())
    }

    /// A length, sometimes at a threshold of the header forms.
    mutating func length(containers: Bool = false) -> Int {
        if containers { return int(0 ... 10) == 0 ? [15, 16, 17].randomElement(using: &random)! : int(0 ... 4) }
        return int(0 ... 6) == 0 ? [15, 16, 31, 32, 33, 255, 256].randomElement(using: &random)! : int(0 ... 8)
    }

    mutating func timestamp() -> MessagePackTimestamp {
        let seconds: Int64 = switch int(0 ... 3) {
        case 0: Int64(int(0 ... 0xFFFF_FFFF))
        case 1: Int64(int(0 ... (1 << 34) - 1))
        case 2: Int64.random(in: .min ... .max, using: &random)
        default: Int64(int(-100 ... 100))
        }
        let nanoseconds = int(0 ... 2) == 0 ? 0 : UInt32.random(in: 0 ..< 1_000_000_000, using: &random)
        return MessagePackTimestamp(seconds: seconds, nanoseconds: nanoseconds)
    }
}
