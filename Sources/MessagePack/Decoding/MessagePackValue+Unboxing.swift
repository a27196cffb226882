/// The conversions of a decoded value to the scalar types `Decodable` asks for, with the `DecodingError`s of
/// `JSONDecoder`: `valueNotFound` for nil / undefined, `typeMismatch` for another kind of value, `dataCorrupted` for a
/// number that the type does not hold exactly. The coding path is only built when an error is thrown.
extension MessagePackValue {
    func unboxBool(at codingPath: @autoclosure () -> [any CodingKey]) throws -> Bool {
        guard case let .bool(value) = self else { throw mismatch(Bool.self, codingPath()) }
        return value
    }

    func unboxString(at codingPath: @autoclosure () -> [any CodingKey]) throws -> String {
        guard case let .string(value) = self else { throw mismatch(String.self, codingPath()) }
        return value
    }

    /// Any number that equals a `T`: `3`, `3.0` (`cb`, as the JS SDK writes 2^32 and above) and `3.0f` all give 3;
    /// `1.5`, NaN and numbers out of `T`'s range throw.
    func unboxInteger<T: FixedWidthInteger>(_: T.Type, at codingPath: @autoclosure () -> [any CodingKey]) throws -> T {
        if let value = integer(as: T.self) { return value }
        throw isNumber ? notRepresentable(T.self, codingPath()) : mismatch(T.self, codingPath())
    }

    /// Any float; an integer only when `Double` holds it exactly (up to ±2^53, and beyond when representable).
    func unboxDouble(at codingPath: @autoclosure () -> [any CodingKey]) throws -> Double {
        if let value = doubleValue { return value }
        throw isNumber ? notRepresentable(Double.self, codingPath()) : mismatch(Double.self, codingPath())
    }

    /// A float32, or a float64 rounded to the nearest `Float` (the JS SDK only sends float64, and `0.1` has no exact
    /// `Float`); a finite float64 beyond `Float`'s range throws. An integer only when `Float` holds it exactly.
    func unboxFloat(at codingPath: @autoclosure () -> [any CodingKey]) throws -> Float {
        switch self {
        case let .float(value):
            return value
        case let .double(value):
            let rounded = Float(value)
            guard rounded.isFinite || !value.isFinite else { throw notRepresentable(Float.self, codingPath()) }
            return rounded
        case let .int(value):
            guard let exact = Float(exactly: value) else { throw notRepresentable(Float.self, codingPath()) }
            return exact
        case let .uint(value):
            guard let exact = Float(exactly: value) else { throw notRepresentable(Float.self, codingPath()) }
            return exact
        default:
            throw mismatch(Float.self, codingPath())
        }
    }

    /// The bytes of a binary value, or of an array of integers 0…255 (how other encoders may write `[UInt8]`).
    func unboxBytes(at codingPath: @autoclosure () -> [any CodingKey]) throws -> [UInt8] {
        switch self {
        case let .binary(bytes):
            return bytes
        case let .array(elements):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                bytes.append(try element.unboxInteger(UInt8.self, at: codingPath() + [AnyCodingKey(intValue: index)]))
            }
            return bytes
        default:
            throw mismatch([UInt8].self, codingPath())
        }
    }

    func unboxTimestamp(at codingPath: @autoclosure () -> [any CodingKey]) throws -> MessagePackTimestamp {
        guard case let .timestamp(value) = self else { throw mismatch(MessagePackTimestamp.self, codingPath()) }
        return value
    }

    // MARK: Errors

    private var isNumber: Bool {
        switch self {
        case .int, .uint, .float, .double: true
        default: false
        }
    }

    /// What the value is, for error messages.
    var kindDescription: String {
        switch self {
        case .nil: "nil"
        case .undefined: "undefined"
        case .bool: "a boolean"
        case .int, .uint: "an integer"
        case .float, .double: "a floating-point number"
        case .string: "a string"
        case .binary: "binary data"
        case .array: "an array"
        case .map: "a map"
        case .timestamp: "a timestamp"
        }
    }

    /// `valueNotFound` for nil / undefined, else `typeMismatch`.
    func mismatch(_ type: Any.Type, _ codingPath: [any CodingKey]) -> DecodingError {
        if isNil {
            return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Expected \(type) but found \(kindDescription)."))
        }
        return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "Expected \(type) but found \(kindDescription)."))
    }

    private func notRepresentable(_ type: Any.Type, _ codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "The number \(self) does not fit in \(type) exactly."))
    }
}
