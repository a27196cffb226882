/// A coding key made at run time: array indices in coding paths, `super`, the keys of a map of values.
struct AnyCodingKey: CodingKey {
    private let name: String
    let intValue: Int?

    init(stringValue: String) {
        self.name = stringValue
        self.intValue = nil
    }

    /// An array index; its text (`Index 3`) is only built when asked for.
    init(intValue: Int) {
        self.name = ""
        self.intValue = intValue
    }

    var stringValue: String { intValue.map { "Index \($0)" } ?? name }

    /// The key of `super(Encoder|Decoder)()`.
    static let `super` = AnyCodingKey(stringValue: "super")
}
