extension Reflection {
    /// Encodes the handshake for `types` (§9.2–9.3): one ReflectionType per class in type-id order,
    /// each pushed after its parent (deferred when the parent comes later), own fields only.
    static func handshake(for types: TypeContext, rootType: Schema.Type) -> [UInt8] {
        let reflection = Reflection()
        let encoder = StateEncoder(state: reflection)
        if let rootId = types.id(of: rootType), rootId > 0 { reflection.rootType = Double(rootId) }

        var includedIds = Set<Int>()
        var waitingForParent: [Int: [ReflectionType]] = [:]
        var waitingOrder: [Int] = []
        func add(_ type: ReflectionType) {
            if let parentId = type.extendsId?.exactInt, !includedIds.contains(parentId) {
                if waitingForParent[parentId] == nil { waitingOrder.append(parentId) }
                waitingForParent[parentId, default: []].append(type)
                return
            }
            let id = type.id?.exactInt ?? 0
            includedIds.insert(id)
            reflection.types.append(type)
            if let children = waitingForParent.removeValue(forKey: id) {
                children.forEach(add)
            }
        }

        for (id, schema) in types.types.enumerated() {
            let type = ReflectionType()
            type.id = Double(id)
            if let parent = schema.parentSchema, let parentId = types.id(of: parent) {
                type.extendsId = Double(parentId)
            }
            for field in schema.ownFields {
                let reflected = ReflectionField()
                reflected.name = field.name
                switch field.type {
                case let .primitive(primitive):
                    reflected.type = primitive.rawValue
                case let .schema(child):
                    reflected.referencedType = Double(types.id(of: child) ?? -1)
                    reflected.type = "ref"
                case let .collection(kind, .schema(child)):
                    reflected.referencedType = Double(types.id(of: child) ?? -1)
                    reflected.type = kind.rawValue
                case let .collection(kind, .primitive(primitive)):
                    reflected.referencedType = -1
                    reflected.type = "\(kind.rawValue):\(primitive.rawValue)"
                }
                type.fields.append(reflected)
            }
            add(type)
        }
        for parentId in waitingOrder {
            for type in waitingForParent[parentId] ?? [] { reflection.types.append(type) }
        }
        return encoder.encodeFullState()
    }
}

/// A class described by a handshake, as a client reads it.
public struct ReflectedType: Equatable, Sendable {
    /// The type id.
    public let id: Int
    /// The parent's type id, if any.
    public let extendsId: Int?
    /// All fields, inherited ones first, with the indexes a client gives them (§9.4).
    public let fields: [ReflectedField]
}

/// A field described by a handshake.
public struct ReflectedField: Equatable, Sendable {
    public let index: Int
    public let name: String
    /// `number`, `string`, ... for primitives; `ref:#id` for a child schema; `map<#id>`,
    /// `array<number>`, ... for collections (`#id` names a type id).
    public let type: String
}

extension ReflectedType {
    /// Decodes a handshake into type descriptions.
    public static func decodeHandshake(_ bytes: [UInt8]) throws(SchemaDecodingError) -> (types: [ReflectedType], rootType: Int) {
        let reflection = Reflection()
        let decoder = StateDecoder(state: reflection)
        _ = try decoder.decode(bytes)
        var ownFields: [Int: [(name: String, type: String)]] = [:]
        var parents: [Int: Int] = [:]
        var order: [Int] = []
        for type in reflection.types {
            guard let id = type.id.flatMap(\.exactInt) else { throw .invalidHandshake("a type without id") }
            order.append(id)
            if let parent = type.extendsId.flatMap(\.exactInt) { parents[id] = parent }
            ownFields[id] = try type.fields.map { field throws(SchemaDecodingError) in
                guard let name = field.name, let kind = field.type else { throw .invalidHandshake("a field without name or type in type \(id)") }
                if let referenced = field.referencedType, referenced >= 0 {
                    let id = referenced.exactInt ?? -1
                    return (name, kind == "ref" ? "ref:#\(id)" : "\(kind)<#\(id)>")
                }
                if let colon = kind.firstIndex(of: ":") {
                    return (name, "\(kind[..<colon])<\(kind[kind.index(after: colon)...])>")
                }
                return (name, kind)
            }
        }
        func allFields(_ id: Int, depth: Int) throws(SchemaDecodingError) -> [(name: String, type: String)] {
            guard depth < order.count + 1 else { throw .invalidHandshake("inheritance cycle at type \(id)") }
            let inherited = try parents[id].map { parent throws(SchemaDecodingError) in try allFields(parent, depth: depth + 1) } ?? []
            return inherited + (ownFields[id] ?? [])
        }
        let types = try order.sorted().map { id throws(SchemaDecodingError) in
            let fields = try allFields(id, depth: 0).enumerated().map { ReflectedField(index: $0.offset, name: $0.element.name, type: $0.element.type) }
            return ReflectedType(id: id, extendsId: parents[id], fields: fields)
        }
        return (types, reflection.rootType?.exactInt ?? 0)
    }
}
