import VectorStates

/// An `Item` of the vector schemas.
func makeItem(_ id: String, _ v: Double? = nil) -> Item {
    let item = Item()
    item.id = id
    item.v = v
    return item
}
