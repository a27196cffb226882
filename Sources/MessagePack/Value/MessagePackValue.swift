/// One MessagePack value: what a ROOM_DATA payload decodes to, and what a writer can emit (PROTOCOL.md §5).
///
/// One value has one representation, whatever its wire form:
/// * Every integer that fits `Int64` is ``int(_:)`` (positive and negative fixint, `cc`…`cf`, `d0`…`d3` alike);
///   ``uint(_:)`` holds only values above `Int64.max`. `==` compares integers by value, so `.uint(5) == .int(5)`.
/// * Floats keep their wire width: `ca` is ``float(_:)``, `cb` is ``double(_:)``. An integral float stays a float
///   (the JS SDK writes integers from 2^32 up as float64).
/// * Maps keep their entries in wire order, with keys of any kind (a JS `Map` may have numeric keys). msgpackr records
///   (§5.2, what the JS SDK sends for every plain object) decode to maps with string keys in record key order.
///   Duplicate keys are kept; lookups take the last one, as a JS object assignment would.
/// * `undefined` (`d4 00 00`) is distinct from `nil` (`c0`).
public enum MessagePackValue: Sendable {
    /// `c0`: JS `null`.
    case `nil`
    /// `d4 00 00` (extension type 0): JS `undefined`.
    case undefined
    /// `c2` / `c3`.
    case bool(Bool)
    /// An integer that fits `Int64`, in any integer wire form.
    case int(Int64)
    /// An integer above `Int64.max` (`cf`).
    case uint(UInt64)
    /// A float32 (`ca`).
    case float(Float)
    /// A float64 (`cb`).
    case double(Double)
    /// A UTF-8 string (`a0`–`bf`, `d9`, `da`, `db`).
    case string(String)
    /// A byte string (`c4`, `c5`, `c6`): JS `Uint8Array`.
    case binary([UInt8])
    /// An array (`90`–`9f`, `dc`, `dd`).
    case array([MessagePackValue])
    /// A map (`80`–`8f`, `de`, `df`) or a msgpackr record, entries in order.
    case map([(key: MessagePackValue, value: MessagePackValue)])
    /// The timestamp extension (type −1): JS `Date`.
    case timestamp(MessagePackTimestamp)
}
