import ColyseusSchema
import SchemaTestSupport
import Foundation
import Testing

/// `ReflectedType.decodeHandshake` on the handshake of every reference vector (PROTOCOL.md §9).
@Suite("handshake decoding (§9)")
struct HandshakeTests {

    private func describe(_ types: [ReflectedType]) -> [String] {
        types.map { type in
            "\(type.id) extends \(type.extendsId.map(String.init) ?? "-"): " + type.fields.map { "\($0.index):\($0.name):\($0.type)" }.joined(separator: " ")
        }
    }

    private func describe(_ types: [SchemaVector.ReflectedTypeEntry]) -> [String] {
        types.map { type in
            "\(type.id) extends \(type.extendsId.map(String.init) ?? "-"): " + type.fields.map { "\($0.index):\($0.name):\($0.type)" }.joined(separator: " ")
        }
    }

    @Test("the vectors are found")
    func vectorsFound() throws {
        let files = try SchemaVector.fileNames()
        #expect(files.count == 15, "14 vector files and _upstream-bugs.json in \(SchemaVector.schemaFolder.path)")
        #expect(files.contains("_upstream-bugs.json"))
    }

    @Test("each vector's handshake decodes to its handshakeDecodedTypes", arguments: try SchemaVector.fileNames())
    func decode(_ file: String) throws {
        let cases = try SchemaVector.cases(inFile: file)
        #expect(!cases.isEmpty)
        for vector in cases {
            let (types, rootType) = try ReflectedType.decodeHandshake(hex(vector.handshake))
            #expect(rootType == 0, "\(vector.name)")
            #expect(describe(types) == describe(vector.handshakeDecodedTypes), "\(vector.name)")
        }
    }

    @Test("type notations: ref:#id, map<#id>, array<number>")
    func notations() throws {
        let vector = try #require(try SchemaVector.cases(inFile: "inheritance.json").first)
        let (types, _) = try ReflectedType.decodeHandshake(hex(vector.handshake))
        let root = try #require(types.first { $0.id == 0 })
        #expect(root.fields.map(\.type) == ["map<#1>", "ref:#1", "array<#1>", "ref:#4"])
        // Inherited fields come first, with the parent's indexes.
        let bot = try #require(types.first { $0.id == 3 })
        #expect(bot.extendsId == 2)
        #expect(bot.fields.map(\.name) == ["id", "name", "hp", "level"])

        let arrays = try #require(try SchemaVector.cases(inFile: "arrayOfPrimitives.json").first)
        let (arrayTypes, _) = try ReflectedType.decodeHandshake(hex(arrays.handshake))
        #expect(arrayTypes.first?.fields.map(\.type) == ["array<number>", "array<string>"])
    }

    @Test("the handshake of §9.3 example 2 (117 bytes)")
    func protocolExample() throws {
        let bytes = hex("""
            8001 ff01 800002 800106 ff02 8203 8000 ff03 800004 800105 \
            ff04 80a7706c6179657273 8201 81a36d6170 ff05 80a5726f756e64 81a575696e7438 \
            ff06 8207 8001 ff07 800008 800109 80020a ff08 80a178 81a66e756d626572 \
            ff09 80a179 81a66e756d626572 ff0a 80a46e616d65 81a6737472696e67
            """)
        #expect(bytes.count == 117)
        let (types, rootType) = try ReflectedType.decodeHandshake(bytes)
        #expect(rootType == 0)
        #expect(describe(types) == [
            "0 extends -: 0:players:map<#1> 1:round:uint8",
            "1 extends -: 0:x:number 1:y:number 2:name:string",
        ])
    }

    @Test("every truncation of a handshake decodes or throws")
    func truncatedHandshakes() throws {
        let vector = try #require(try SchemaVector.cases(inFile: "inheritance.json").first)
        let bytes = hex(vector.handshake)
        var failures = 0
        for length in 0..<bytes.count {
            do {
                _ = try ReflectedType.decodeHandshake(Array(bytes.prefix(length)))
            } catch {
                failures += 1
            }
        }
        #expect(failures > 0)
    }
}
