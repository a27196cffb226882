/// The `@view` fields of one schema class (inherited ones included), as the encoder needs them to
/// split changes into the shared stream and the per-view streams (PROTOCOL.md §10).
struct ViewFields {
    /// The tag `@view` without an argument stands for.
    static let defaultTag = -1

    /// Fields with any `@view` tag.
    let taggedMask: UInt64
    /// Fields with a custom tag (`@view(n)`): their visibility depends on the tags a view holds.
    let customTagMask: UInt64
    /// The tag of each field index, nil when the field has none.
    let tags: [Int?]
    /// The fields holding a ref (a schema instance or a collection), in index order.
    let refFieldIndexes: [Int]

    init(_ type: Schema.Type) {
        let fields = type.allFields
        var tags = [Int?](repeating: nil, count: type.fieldCount)
        var taggedMask: UInt64 = 0
        var customTagMask: UInt64 = 0
        var refFieldIndexes: [Int] = []
        for field in fields {
            if case .primitive = field.type {} else { refFieldIndexes.append(field.index) }
            guard let tag = field.viewTag else { continue }
            tags[field.index] = tag
            taggedMask |= 1 << UInt64(field.index)
            if tag != Self.defaultTag { customTagMask |= 1 << UInt64(field.index) }
        }
        self.tags = tags
        self.taggedMask = taggedMask
        self.customTagMask = customTagMask
        self.refFieldIndexes = refFieldIndexes
    }

    /// The fields with tag `tag`, in index order.
    func indexes(withTag tag: Int) -> [Int] {
        tags.indices.filter { tags[$0] == tag }
    }
}
