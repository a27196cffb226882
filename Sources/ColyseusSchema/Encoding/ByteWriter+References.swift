extension ByteWriter {
    /// Writes a Schema-typed field or item value: its refId, then `d5 typeId` when the operation
    /// carries the ADD bit and the instance is of a subclass of the declared type (§8.13).
    @inlinable public mutating func childReference(_ child: Schema, declaredType: Schema.Type, operation: UInt8, context: EncodeContext) {
        number(child.refId)
        if Operation.hasAdd(operation) {
            let actualType = type(of: child)
            if actualType != declaredType {
                guard let typeId = context.types.id(of: actualType) else {
                    preconditionFailure("\(actualType.schemaName) is not reachable from the encoded state's root type; add it to the schema files")
                }
                byte(Operation.typeId)
                number(typeId)
            }
            context.offsetAfterChildAdd = count
        }
    }

    /// Writes a collection-typed field value: its refId.
    @inlinable public mutating func collectionReference(_ collection: SchemaRef) {
        number(collection.refId)
    }
}
