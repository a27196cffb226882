extension MessagePackValue {
    /// Decodes a whole payload, which must be exactly one value: trailing bytes, truncation, unknown extensions,
    /// invalid UTF-8 and nesting deeper than `maximumDepth` throw.
    public init(decoding bytes: UnsafeRawBufferPointer, maximumDepth: Int = MessagePackReader.defaultMaximumDepth) throws(MessagePackError) {
        var reader = MessagePackReader(bytes, maximumDepth: maximumDepth)
        self = try reader.readValue()
        guard reader.isAtEnd else {
            throw MessagePackError(.trailingBytes(count: bytes.count - reader.offset), at: reader.offset)
        }
    }

    /// Decodes a whole payload (`[UInt8]`, `ArraySlice<UInt8>`, …), which must be exactly one value. Error offsets count
    /// from the first byte of `bytes`.
    @inlinable
    public init(decoding bytes: some Sequence<UInt8>, maximumDepth: Int = MessagePackReader.defaultMaximumDepth) throws(MessagePackError) {
        let decode = { (buffer: UnsafeRawBufferPointer) in
            Result { () throws(MessagePackError) in try MessagePackValue(decoding: buffer, maximumDepth: maximumDepth) }
        }
        let result = bytes.withContiguousStorageIfAvailable { decode(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes(decode)
        self = try result.get()
    }
}
