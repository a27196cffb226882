extension MessagePackWriter {
    /// How a writer lays values out. Both are standard MessagePack that msgpackr (the JS SDK) and any other decoder read.
    public enum Format: Sendable, Hashable {
        /// The smallest standard forms: fixint / fixstr / fixarray / fixmap where they fit, integers in the smallest int
        /// or uint form, floats at their own width, timestamps in the smallest layout. Reading the output back gives the
        /// same ``MessagePackValue``.
        case compact
        /// The reference server's output byte for byte (msgpackr with records disabled, PROTOCOL.md §5.3), where numbers
        /// are JS numbers:
        /// * every map as map16 `de hh ll` (map32 from 65 536 entries), even when empty;
        /// * integers 0…127 as positive fixint, other integers within 32 bits in the smallest int / uint form, integers
        ///   up to ±2^53 as float64 (as a JS number holds them), larger ones as int64 `d3` or uint64 `cf` (as msgpackr
        ///   writes a BigInt, so that no precision is lost);
        /// * a float64 or float32 that is integral and within 32 bits (−0 included) as that integer, any other as float64;
        /// * timestamps as msgpackr writes a `Date`: 32-bit when whole and within 0…2^32 − 1 s, 64-bit when above 0 s
        ///   and below 2^32 s, 96-bit otherwise.
        ///
        /// Two reference outputs cannot be reproduced from a ``MessagePackValue``, which does not know the JS type:
        /// a BigInt within ±2^53 (the reference writes `d3`, this writes the number's form) and a JS `Map` (the
        /// reference writes it in the smallest map form, this writes every map as map16).
        case referenceCompatible
    }
}
