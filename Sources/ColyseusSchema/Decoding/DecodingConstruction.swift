/// Selects the initializer a decoder uses to create schema instances (see
/// ``Schema/init(decoding:)``); only the runtime can make one.
public struct DecodingConstruction: Sendable {
    init() {}
}
