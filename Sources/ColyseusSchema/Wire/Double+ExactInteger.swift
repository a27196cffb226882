extension Double {
    /// The value as an `Int32` when it is an integer in range (-0 included), without libm.
    @inlinable @inline(__always) var exactInt32: Int32? {
        guard self >= -2147483648, self < 2147483648 else { return nil }
        let integer = Int32(self)
        return Double(integer) == self ? integer : nil
    }

    /// The value as an `Int` when it is an integer in ±2^53, without libm.
    @usableFromInline var exactInt: Int? {
        guard self >= -9007199254740992, self <= 9007199254740992 else { return nil }
        let integer = Int(self)
        return Double(integer) == self ? integer : nil
    }
}
