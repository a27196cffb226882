/// Swift source spellings of default values.
enum SwiftLiterals {
    /// A Swift string literal for `value`, escaping what a Swift literal cannot hold verbatim.
    static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A Swift literal for a validated default value of `type` (the element type for a collection),
    /// exact for that type so that the compiler has nothing to warn about.
    static func value(_ value: DefaultValue, of type: PrimitiveType) -> String {
        switch value {
        case .integer(let integer): integer.description
        case .float(let double): type == .float32 ? floatingPoint(Float(double)) : floatingPoint(double)
        case .string(let text): string(text)
        case .boolean(let boolean): boolean ? "true" : "false"
        case .array(let elements): "[" + elements.map { self.value($0, of: type) }.joined(separator: ", ") + "]"
        }
    }

    /// A floating-point literal that reads back as `value` (`1`, `2.5`, `1e-07`).
    ///
    /// Whole numbers are written as integers, which the compiler checks for exactness, so a
    /// `Float` is rounded first (`16777217` would warn; it is written as `16777216`). Subnormal
    /// values are written as exact hexadecimal literals (`0x1p-1074`), because a decimal one makes
    /// the compiler warn that it "underflows and loses precision".
    static func floatingPoint<Value: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Value) -> String
    where Value.RawSignificand: FixedWidthInteger {
        if value.isInfinite { return value > 0 ? ".infinity" : "-.infinity" }
        if value.isNaN { return ".nan" }
        if value.isSubnormal {
            // A subnormal value is its significand bits times the least nonzero magnitude.
            let exponent = Value.leastNonzeroMagnitude.exponent
            let sign = value.sign == .minus ? "-" : ""
            return "\(sign)0x\(String(value.significandBitPattern, radix: 16))p\(exponent)"
        }
        if value == value.rounded(.towardZero), value.magnitude < 1e15 {
            return value == 0 && value.sign == .minus ? "-0.0" : String(Int64(value))
        }
        return value.description
    }
}
