import SchemaCodegenCore
import Testing

/// Names that are valid in the schema language but would break the generated Swift code.
@Suite struct GeneratedCodeNameTests {
    @Test(arguments: ["Operation", "ByteWriter", "EncodeContext", "DecodingContext", "SchemaField", "SchemaDecodingError", "UInt8", "Int64", "Void"])
    func schemaNamesUsedByGeneratedCodeAreReserved(_ name: String) {
        #expect(renderedDiagnostics("schema \(name) {}\n") == """
            Game.schema:1:8: error: schema name '\(name)' is reserved: it collides with a type used by generated code
            schema \(name) {}
                   ^
            """)
    }

    @Test func fieldAndUnderscoredFieldCollideInOneSchema() {
        #expect(renderedDiagnostics("schema A {\n    x: number\n    _x: number\n}\n") == """
            Game.schema:3:5: error: field '_x' collides with field 'x' (declared at Game.schema:2:5) in generated code, which stores a field 'x' in '_x'
                _x: number
                ^
            """)
    }

    @Test func fieldAndUnderscoredFieldCollideAcrossInheritance() {
        #expect(renderedDiagnostics("schema A {\n    _y: number\n}\nschema B extends A {\n    y: number\n}\n") == """
            Game.schema:5:5: error: field 'y' collides with field '_y' (declared at Game.schema:2:5) in generated code, which stores a field 'x' in '_x'
                y: number
                ^
            """)
    }

    @Test func underscoredFieldAloneIsFine() throws {
        let model = try compile("schema A {\n    _x: number\n}\nschema B {\n    x: number\n}\n")
        #expect(model.schemas.map(\.name) == ["A", "B"])
    }
}
