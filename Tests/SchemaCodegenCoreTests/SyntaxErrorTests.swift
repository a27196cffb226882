import SchemaCodegenCore
import Testing

/// Lexer and parser errors, each asserted as exactly rendered.
@Suite struct SyntaxErrorTests {
    @Test func unexpectedTopLevelToken() {
        #expect(renderedDiagnostics("hp: uint8\n") == """
            Game.schema:1:1: error: expected 'schema' declaration, found 'hp'
            hp: uint8
            ^
            """)
    }

    @Test func missingSchemaName() {
        #expect(renderedDiagnostics("schema {\n    x: number\n}\n") == """
            Game.schema:1:8: error: expected schema name after 'schema', found '{'
            schema {
                   ^
            """)
    }

    @Test func missingOpeningBraceStillReadsTheBody() {
        let text = """
            schema Player
                x: number
                y: Playr
            }
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:1:14: error: expected '{' to begin schema 'Player', found end of line
            schema Player
                         ^
            Game.schema:3:8: error: unknown type 'Playr'
                y: Playr
                   ^
            """)
    }

    @Test func brokenHeaderWithoutBodyIsReportedOnce() {
        #expect(renderedDiagnostics("schema\nschema Player") == """
            Game.schema:1:7: error: expected schema name after 'schema', found end of line
            schema
                  ^
            Game.schema:2:14: error: expected '{' to begin schema 'Player', found end of file
            schema Player
                         ^
            """)
    }

    @Test func missingClosingBraceBeforeNextSchema() {
        let text = """
            schema A {
                x: number

            schema B {
            }
            """
        #expect(renderedDiagnostics(text) == """
            Game.schema:2:14: error: expected '}' to close schema 'A'
                x: number
                         ^
            """)
    }

    @Test func missingClosingBraceAtEndOfFile() {
        #expect(renderedDiagnostics("schema A {\n    x: number\n") == """
            Game.schema:2:14: error: expected '}' to close schema 'A'
                x: number
                         ^
            """)
    }

    @Test func missingColon() {
        #expect(renderedDiagnostics("schema A {\n    x number\n}\n") == """
            Game.schema:2:7: error: expected ':' after field name 'x', found 'number'
                x number
                  ^
            """)
    }

    @Test func missingTypeAtEndOfLine() {
        #expect(renderedDiagnostics("schema A {\n    x:   // no type\n}\n") == """
            Game.schema:2:7: error: expected type for field 'x', found end of line
                x:   // no type
                  ^
            """)
    }

    @Test func missingTypeBeforeDefault() {
        #expect(renderedDiagnostics("schema A {\n    x: = 3\n}\n") == """
            Game.schema:2:8: error: expected type for field 'x', found '='
                x: = 3
                   ^
            """)
    }

    @Test func missingClosingAngleBracket() {
        #expect(renderedDiagnostics("schema A {\n    x: array<string\n}\n") == """
            Game.schema:2:20: error: expected '>' after element type, found end of line
                x: array<string
                               ^
            """)
    }

    @Test func missingDefaultValue() {
        #expect(renderedDiagnostics("schema A {\n    x: number =\n}\n") == """
            Game.schema:2:16: error: expected default value after '=', found end of line
                x: number =
                           ^
            """)
    }

    @Test func malformedArrayLiteral() {
        #expect(renderedDiagnostics("schema A {\n    x: array<uint8> = [1 2]\n}\n") == """
            Game.schema:2:26: error: expected ',' or ']' in array literal, found '2'
                x: array<uint8> = [1 2]
                                     ^
            """)
    }

    @Test func trailingTokensAfterField() {
        #expect(renderedDiagnostics("schema A {\n    x: number y: number\n}\n") == """
            Game.schema:2:15: error: expected end of line after field 'x', found 'y'
                x: number y: number
                          ^
            """)
    }

    @Test func unterminatedString() {
        #expect(renderedDiagnostics("schema A {\n    name: string = \"abc\n}\n") == """
            Game.schema:2:20: error: unterminated string literal
                name: string = "abc
                               ^
            """)
    }

    @Test func invalidEscapeSequence() {
        #expect(renderedDiagnostics(#"schema A { name: string = "a\qb" }"#) == #"""
            Game.schema:1:29: error: invalid escape sequence '\q' in string literal
            schema A { name: string = "a\qb" }
                                        ^
            """#)
    }

    @Test func invalidUnicodeEscape() {
        #expect(renderedDiagnostics(#"schema A { name: string = "\u{D800}" }"#) == #"""
            Game.schema:1:28: error: invalid unicode escape sequence in string literal; expected '\u{XXXX}'
            schema A { name: string = "\u{D800}" }
                                       ^
            """#)
    }

    @Test func unexpectedCharacter() {
        #expect(renderedDiagnostics("schema A {\n    x: number # note\n}\n") == """
            Game.schema:2:15: error: unexpected character '#'
                x: number # note
                          ^
            """)
    }

    @Test func invalidNumberLiteral() {
        #expect(renderedDiagnostics("schema A {\n    x: uint8 = 12ab\n}\n") == """
            Game.schema:2:16: error: invalid number literal '12ab'
                x: uint8 = 12ab
                           ^
            """)
    }

    @Test func missingAttributeArgument() {
        #expect(renderedDiagnostics("schema A {\n    @view() x: number\n}\n") == """
            Game.schema:2:11: error: expected attribute argument, found ')'
                @view() x: number
                      ^
            """)
    }
}
