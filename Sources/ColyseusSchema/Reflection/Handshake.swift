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
    /// The most fields a class may have, inherited ones included (field indexes 0–63, §8.16).
    public static let maxFieldCount = 64

    /// Decodes a handshake into type descriptions.
    ///
    /// Throws ``SchemaDecodingError/invalidHandshake(_:)`` for a type without id, a type id listed twice,
    /// a field without name or type, a type extending a type the handshake does not list, an inheritance
    /// cycle, and a type with more than ``maxFieldCount`` fields including inherited ones. Inherited
    /// fields are resolved iteratively, each type's list once, so a long `extendsId` chain costs time
    /// linear in the number of types and no stack.
    public static func decodeHandshake(_ bytes: [UInt8]) throws(SchemaDecodingError) -> (types: [ReflectedType], rootType: Int) {
        let reflection = Reflection()
        let decoder = StateDecoder(state: reflection)
        decoder.collectsChanges = false
        try decoder.decode(bytes)
        typealias Field = (name: String, type: String)
        var ownFields: [Int: [Field]] = [:]
        var parents: [Int: Int] = [:]
        var order: [Int] = []
        for type in reflection.types {
            guard let id = type.id.flatMap(\.exactInt) else { throw .invalidHandshake("a type without id") }
            guard ownFields[id] == nil else { throw .invalidHandshake("type \(id) is listed twice") }
            order.append(id)
            if let parent = type.extendsId.flatMap(\.exactInt) { parents[id] = parent }
            guard type.fields.count <= maxFieldCount else {
                throw .invalidHandshake("type \(id) has \(type.fields.count) fields; at most \(maxFieldCount) are allowed")
            }
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

        // All fields per type, inherited ones first. Each type is resolved once: walk up from a type to
        // the first resolved ancestor (or the root of its chain), then resolve that path top-down.
        var allFields: [Int: [Field]] = [:]
        var path: [Int] = []
        var onPath = Set<Int>()
        for id in order where allFields[id] == nil {
            path.removeAll(keepingCapacity: true)
            onPath.removeAll(keepingCapacity: true)
            var current = id
            while allFields[current] == nil {
                guard onPath.insert(current).inserted else {
                    throw .invalidHandshake("inheritance cycle through type \(current)")
                }
                path.append(current)
                guard let parent = parents[current] else { break }
                guard ownFields[parent] != nil else {
                    throw .invalidHandshake("type \(current) extends type \(parent), which the handshake does not list")
                }
                current = parent
            }
            for member in path.reversed() {
                let inherited = parents[member].flatMap { allFields[$0] } ?? []
                let own = ownFields[member] ?? []
                guard inherited.count + own.count <= maxFieldCount else {
                    throw .invalidHandshake("type \(member) has \(inherited.count + own.count) fields including inherited ones; at most \(maxFieldCount) are allowed")
                }
                allFields[member] = inherited + own
            }
        }

        let types = order.sorted().map { id in
            let fields = (allFields[id] ?? []).enumerated().map { ReflectedField(index: $0.offset, name: $0.element.name, type: $0.element.type) }
            return ReflectedType(id: id, extendsId: parents[id], fields: fields)
        }
        return (types, reflection.rootType?.exactInt ?? 0)
    }
}
