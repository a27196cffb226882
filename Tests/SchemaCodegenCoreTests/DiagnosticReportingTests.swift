import Foundation
import SchemaCodegenCore
import Testing

/// How diagnostics are gathered, ordered and rendered.
@Suite struct DiagnosticReportingTests {
    @Test func allErrorsOfAFileAreReportedInOrder() {
        let text = """
            schema Player {
                x number
                hp: uint8 = 300
                name: string = "open
                class: Playr
            }

            schema Player {
                grid: array<map<string>>
            }
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:2:7: error: expected ':' after field name 'x', found 'number'
                x number
                  ^
            Game.schema:3:17: error: default value 300 is out of range for uint8 (0...255)
                hp: uint8 = 300
                            ^
            Game.schema:4:20: error: unterminated string literal
                name: string = "open
                               ^
            Game.schema:5:5: error: field name 'class' is reserved: it is a Swift keyword
                class: Playr
                ^
            Game.schema:5:12: error: unknown type 'Playr'
                class: Playr
                       ^
            Game.schema:8:8: error: duplicate schema 'Player'; first declared at Game.schema:1:8
            schema Player {
                   ^
            """)
    }

    @Test func errorsAreSortedByFileInInputOrderThenLineThenColumn() throws {
        let sources = [
            SchemaSource(path: "b.schema", text: "schema B {\n    y: Nope\n    x: Nada\n}\n"),
            SchemaSource(path: "a.schema", text: "schema A extends Missing {\n    z: Zip\n}\n"),
        ]
        let error = try #require(throws: DiagnosticsError.self) {
            try SchemaCompiler.compile(sources: sources)
        }
        #expect(error.diagnostics.map(\.location.description) == [
            "b.schema:2:8", "b.schema:3:8", "a.schema:1:18", "a.schema:2:8",
        ])
        #expect(error.diagnostics.map(\.message) == [
            "unknown type 'Nope'", "unknown type 'Nada'", "unknown type 'Missing'", "unknown type 'Zip'",
        ])
        #expect(error.diagnostics.allSatisfy { $0.severity == .error })
        #expect(error.description == error.diagnostics.map(\.description).joined(separator: "\n"))
    }

    @Test func caretLineKeepsTabsFromTheSourceLine() {
        #expect(renderedDiagnostics("schema A {\n\tplayers:\tmap<Playr>\n}\n") == """
            Game.schema:2:15: error: unknown type 'Playr'
            \tplayers:\tmap<Playr>
            \t        \t    ^
            """)
    }

    @Test func columnsCountUnicodeScalars() {
        #expect(renderedDiagnostics("schema A {\n    s: string = \"é😀\" x\n}\n") == """
            Game.schema:2:22: error: expected end of line after field 's', found 'x'
                s: string = "é😀" x
                                 ^
            """)
    }

    @Test func renderingADiagnosticByHand() {
        let diagnostic = Diagnostic(
            severity: .warning, message: "unused schema 'Item'",
            location: SourceLocation(file: "x.schema", line: 7, column: 3), sourceLine: "  Item")
        #expect(diagnostic.description == "x.schema:7:3: warning: unused schema 'Item'\n  Item\n  ^")
    }

    @Test func readingSourcesFromDisk() throws {
        let path = "/tmp/SchemaCodegenCoreTests-\(UInt64.random(in: 0...UInt64.max)).schema"
        try "schema FromDisk {\n    x: number\n}\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = try SchemaCompiler.compile(filesAtPaths: [path])
        #expect(model.schemas.map(\.sourceFile) == [path])
        #expect(model.schemas.first?.ownFields.first?.location == SourceLocation(file: path, line: 2, column: 5))
    }
}
