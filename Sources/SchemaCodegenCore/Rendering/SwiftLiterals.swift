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

    /// A Swift literal for a validated default value.
    static func value(_ value: DefaultValue) -> String {
        switch value {
        case .integer(let integer): integer.description
        case .float(let double): floatingPoint(double)
        case .string(let text): string(text)
        case .boolean(let boolean): boolean ? "true" : "false"
        case .array(let elements): "[" + elements.map(self.value).joined(separator: ", ") + "]"
        }
    }

    /// A floating-point literal that reads back as `value` (`1`, `2.5`, `1e-07`).
    static func floatingPoint(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? ".infinity" : "-.infinity" }
        if value.isNaN { return ".nan" }
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            return value == 0 && value.sign == .minus ? "-0.0" : String(Int64(value))
        }
        return "\(value)"
    }
}
