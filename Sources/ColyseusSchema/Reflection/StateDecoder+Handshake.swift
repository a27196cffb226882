extension StateDecoder {
    /// Checks that a server's reflection handshake (§9) describes exactly the classes this decoder
    /// decodes into: the same type ids, parents and fields (names, types and indexes, inherited first),
    /// and the same root type. A client built from other schema files than the server's would
    /// otherwise misread every patch; this names the first difference instead.
    public func verifyHandshake(_ bytes: [UInt8]) throws(SchemaDecodingError) {
        let received = try ReflectedType.decodeHandshake(bytes)
        let expected = try ReflectedType.decodeHandshake(Reflection.handshake(for: types, rootType: State.self))
        guard received.rootType == expected.rootType else {
            throw .invalidHandshake("the server's root type is \(received.rootType), this client's is \(expected.rootType) (\(State.schemaName))")
        }
        let receivedById = Dictionary(received.types.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for type in expected.types {
            let name = types.type(withId: type.id)?.schemaName ?? "#\(type.id)"
            guard let other = receivedById[type.id] else {
                throw .invalidHandshake("the server has no type \(type.id) (\(name))")
            }
            guard other.extendsId == type.extendsId else {
                throw .invalidHandshake("type \(type.id) (\(name)) extends \(other.extendsId.map(String.init) ?? "nothing") on the server, \(type.extendsId.map(String.init) ?? "nothing") here")
            }
            guard other.fields == type.fields else {
                let difference = zip(other.fields, type.fields).first { $0 != $1 }
                let detail = difference.map { "field \($0.1.index) is \($0.0.name): \($0.0.type) on the server, \($0.1.name): \($0.1.type) here" }
                    ?? "the server has \(other.fields.count) fields, this client \(type.fields.count)"
                throw .invalidHandshake("type \(type.id) (\(name)): \(detail)")
            }
        }
        guard received.types.count == expected.types.count else {
            let extra = received.types.map(\.id).filter { id in !expected.types.contains { $0.id == id } }
            throw .invalidHandshake("the server has types this client does not know: \(extra.map(String.init).joined(separator: ", "))")
        }
    }
}
