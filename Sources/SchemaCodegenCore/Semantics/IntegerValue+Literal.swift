extension IntegerValue {
    /// The exact value of an integer literal (decimal or `0x` hexadecimal, optionally negative),
    /// or `nil` if its magnitude exceeds `UInt64`.
    init?(literal spelling: String) {
        let (isNegative, digits, radix) = Self.split(literal: spelling)
        guard let magnitude = UInt64(digits, radix: radix) else { return nil }
        self.init(isNegative: isNegative, magnitude: magnitude)
    }

    /// The value of an integer literal as a `Double`, also beyond the `UInt64` range.
    static func approximateDouble(ofLiteral spelling: String) -> Double {
        let (isNegative, digits, radix) = split(literal: spelling)
        let magnitude = digits.reduce(0.0) { value, digit in
            value * Double(radix) + Double(digit.hexDigitValue ?? 0)
        }
        return isNegative ? -magnitude : magnitude
    }

    private static func split(literal spelling: String) -> (isNegative: Bool, digits: Substring, radix: Int) {
        let isNegative = spelling.hasPrefix("-")
        let unsigned = spelling.dropFirst(isNegative ? 1 : 0)
        if unsigned.hasPrefix("0x") || unsigned.hasPrefix("0X") {
            return (isNegative, unsigned.dropFirst(2), 16)
        }
        return (isNegative, unsigned, 10)
    }
}
