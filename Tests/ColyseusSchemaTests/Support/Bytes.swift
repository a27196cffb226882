import ColyseusSchema

/// Hex helpers: the protocol document and the vectors write bytes as lowercase hex, spaces allowed.
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8.filter { $0 != UInt8(ascii: " ") })
    precondition(digits.count % 2 == 0, "odd hex string \(text)")
    func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
    return stride(from: 0, to: digits.count, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

/// The bytes `body` writes into a fresh writer.
func written(initialCapacity: Int = 16, _ body: (inout ByteWriter) -> Void) -> [UInt8] {
    var writer = ByteWriter(initialCapacity: initialCapacity)
    body(&writer)
    return writer.bytes
}

/// Runs `body` on a reader over `bytes` and returns its result with the offset the reader stopped at.
func reading<T>(_ bytes: [UInt8], from offset: Int = 0, _ body: (inout ByteReader) throws(SchemaDecodingError) -> T) throws(SchemaDecodingError) -> (value: T, offset: Int) {
    var result: Result<(T, Int), SchemaDecodingError>!
    bytes.withUnsafeBytes { buffer in
        var reader = ByteReader(buffer, offset: offset)
        do throws(SchemaDecodingError) {
            let value = try body(&reader)
            result = .success((value, reader.offset))
        } catch {
            result = .failure(error)
        }
    }
    return try result.get()
}
