/// The validated default value of a field.
///
/// The case always matches the field type: integer types get ``integer(_:)``, `number`,
/// `float32` and `float64` get ``float(_:)`` (also when written as an integer literal),
/// `boolean` gets ``boolean(_:)``, `string` gets ``string(_:)``, and `array`, `set` and
/// `collection` of primitives get ``array(_:)`` whose elements follow the same rule.
public enum DefaultValue: Sendable, Equatable {
    case integer(IntegerValue)
    case float(Double)
    /// A string with its escape sequences already decoded.
    case string(String)
    case boolean(Bool)
    case array([DefaultValue])
}
