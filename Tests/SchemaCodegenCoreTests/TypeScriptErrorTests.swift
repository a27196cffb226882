import SchemaCodegenCore
import Testing

/// TypeScript that cannot be mapped to the schema language is reported at its file, line and column,
/// each error asserted as exactly rendered; nothing is skipped silently.
@Suite struct TypeScriptErrorTests {
    private func errors(_ text: String, path: String = "State.ts") -> String {
        renderedDiagnostics([SchemaSource(path: path, text: text)])
    }

    @Test func computedAndGenericTypes() {
        let text = """
            class S extends Schema {
                @type(getType()) a: number;
                @type(Array<number>) b: number[];
                @type(5) c: number;
                @type() d: number;
            }
            """
        #expect(errors(text) == """
            State.ts:2:11: error: cannot read this type; write a primitive type name in quotes ("number"), a schema class, [T], { map: T }, { array: T }, { set: T } or { collection: T }
                @type(getType()) a: number;
                      ^
            State.ts:3:11: error: cannot read this type; write a primitive type name in quotes ("number"), a schema class, [T], { map: T }, { array: T }, { set: T } or { collection: T }
                @type(Array<number>) b: number[];
                      ^
            State.ts:4:11: error: cannot read this type; write a primitive type name in quotes ("number"), a schema class, [T], { map: T }, { array: T }, { set: T } or { collection: T }
                @type(5) c: number;
                      ^
            State.ts:5:5: error: @type needs the field type, as in @type("number")
                @type() d: number;
                ^
            """)
    }

    @Test func unknownAndNestedTypes() {
        let text = """
            class S extends Schema {
                @type("float128") a: number;
                @type(Missing) b: Missing;
                @type([["number"]]) c;
                @type({ map: { set: "string" } }) d;
                @type(["a", "b"]) e;
                @type([]) f;
                @type({ list: "string" }) g;
                @type({ map: "string", default: 1 }) h;
                @type({ map: "string", array: "string" }) i;
            }
            """
        #expect(errors(text) == """
            State.ts:2:11: error: unknown type 'float128'
                @type("float128") a: number;
                      ^
            State.ts:3:11: error: unknown type 'Missing'
                @type(Missing) b: Missing;
                      ^
            State.ts:4:12: error: nested collections are not supported; wrap the inner collection in a schema
                @type([["number"]]) c;
                       ^
            State.ts:5:20: error: nested collections are not supported; wrap the inner collection in a schema
                @type({ map: { set: "string" } }) d;
                               ^
            State.ts:6:17: error: an array type takes exactly one element type
                @type(["a", "b"]) e;
                            ^
            State.ts:7:11: error: an array type needs its element type, as in ["string"] or [Player]
                @type([]) f;
                      ^
            State.ts:8:13: error: unknown key 'list' in a field definition; expected type, map, array, set or collection
                @type({ list: "string" }) g;
                        ^
            State.ts:9:28: error: 'default' is only read in schema({…}); here, give the field an initialiser
                @type({ map: "string", default: 1 }) h;
                                       ^
            State.ts:10:28: error: a field definition has one type; 'array' is a second one
                @type({ map: "string", array: "string" }) i;
                                       ^
            """)
    }

    @Test func decoratorsInTheWrongPlace() {
        let text = """
            class S extends Schema {
                @deprecated() @type("number") old: number;
                @type("number") method() { return 1; }
                @type("number") static shared = 1;
                @view() plain: number;
                @type("number") [computed]: number;
                @type("number") $dollar: number;
            }
            """
        #expect(errors(text) == """
            State.ts:2:5: error: decorator '@deprecated' is not supported on schema fields; only @type and @view are read
                @deprecated() @type("number") old: number;
                ^
            State.ts:3:5: error: @type decorates fields, not methods or accessors
                @type("number") method() { return 1; }
                ^
            State.ts:4:5: error: @type decorates instance fields, not static members or accessors
                @type("number") static shared = 1;
                ^
            State.ts:5:5: error: @view needs a @type decorator on the same field
                @view() plain: number;
                ^
            State.ts:6:21: error: a schema field needs a plain name, found '['
                @type("number") [computed]: number;
                                ^
            State.ts:7:21: error: field name '$dollar' cannot be spelled in every generated language; use ASCII letters, digits and '_'
                @type("number") $dollar: number;
                                ^
            """)
    }

    @Test func classesThatAreNoSchemas() {
        let text = """
            class Plain {}
            class A { @type("number") x: number; }
            class B extends Plain { @type("number") x: number; }
            class C extends mixin(Schema) { @type("number") x: number; }
            class D extends Unknown { @type("number") x: number; }
            const E = class { @type("number") x: number; };
            """
        #expect(errors(text) == """
            State.ts:2:7: error: class 'A' declares schema fields but does not extend Schema
            class A { @type("number") x: number; }
                  ^
            State.ts:3:17: error: class 'B' declares schema fields but extends 'Plain', which is not a schema
            class B extends Plain { @type("number") x: number; }
                            ^
            State.ts:4:17: error: cannot read this base class; extend Schema or a schema class by its name
            class C extends mixin(Schema) { @type("number") x: number; }
                            ^
            State.ts:5:17: error: unknown type 'Unknown'
            class D extends Unknown { @type("number") x: number; }
                            ^
            State.ts:6:7: error: class 'E' declares schema fields but does not extend Schema
            const E = class { @type("number") x: number; };
                  ^
            """)
    }

    @Test func initialValuesThatDoNotFit() {
        let text = """
            class Child extends Schema {}
            class S extends Schema {
                @type("uint8") a = 300;
                @type("string") b = 5;
                @type(Child) c?: Child = new Child();
                @type({ map: "number" }) d = new ArraySchema<number>();
                @type({ map: "number" }) e = new MapSchema<number>([1]);
                @type([Child]) f = [1];
            }
            """
        #expect(errors(text) == """
            State.ts:3:24: error: default value 300 is out of range for uint8 (0...255)
                @type("uint8") a = 300;
                                   ^
            State.ts:4:25: error: default value 5 does not match type 'string'; expected a string literal
                @type("string") b = 5;
                                    ^
            State.ts:5:30: error: field 'c' may be absent ('?') but starts as a new instance; remove the '?' or the initialiser
                @type(Child) c?: Child = new Child();
                                         ^
            State.ts:6:34: error: field 'd' is a map but starts as a 'ArraySchema'; create a MapSchema
                @type({ map: "number" }) d = new ArraySchema<number>();
                                             ^
            State.ts:7:34: error: map field 'e' cannot have a default value
                @type({ map: "number" }) e = new MapSchema<number>([1]);
                                             ^
            State.ts:8:24: error: field 'f' of type 'array<Child>' cannot have a default value; only collections of primitive types can
                @type([Child]) f = [1];
                                   ^
            """)
    }

    @Test func callFormsThatCannotBeRead() {
        let text = """
            defineTypes(Later, { x: "number" });
            class Later extends Schema {}
            export default schema({ x: "number" });
            const V = schema({ x: "number", ...shared, view: { type: "number", view: "yes" }, s: { type: "uint8", sync: 1 } });
            const W = schema({ y: { map: "number", view: false } });
            """
        #expect(errors(text) == """
            State.ts:1:13: error: defineTypes: no class 'Later' is declared in this file
            defineTypes(Later, { x: "number" });
                        ^
            State.ts:3:16: error: schema({…}) needs a name: assign it to a constant (const Player = schema({…})) or pass the name as its second argument
            export default schema({ x: "number" });
                           ^
            State.ts:4:33: error: cannot read a spread ('...') in a field list; write each field
            const V = schema({ x: "number", ...shared, view: { type: "number", view: "yes" }, s: { type: "uint8", sync: 1 } });
                                            ^
            State.ts:4:74: error: write 'view: true' or 'view: <tag>' (a non-negative integer), found '"yes"'
            const V = schema({ x: "number", ...shared, view: { type: "number", view: "yes" }, s: { type: "uint8", sync: 1 } });
                                                                                     ^
            State.ts:4:109: error: write 'sync: true' or 'sync: false', found '1'
            const V = schema({ x: "number", ...shared, view: { type: "number", view: "yes" }, s: { type: "uint8", sync: 1 } });
                                                                                                                        ^
            State.ts:5:46: error: write 'view: true' or 'view: <tag>' (a non-negative integer), found 'false'
            const W = schema({ y: { map: "number", view: false } });
                                                         ^
            """)
    }

    @Test func viewTagsAndLexicalErrors() {
        let text = """
            class S extends Schema {
                @view(OWNER) @type("string") a: string;
                @view(-1) @type("string") b: string;
                @type("string") c = "unterminated;
            }
            /* never closed
            """
        #expect(errors(text) == """
            State.ts:2:11: error: view tag must be a non-negative integer, found 'OWNER'
                @view(OWNER) @type("string") a: string;
                      ^
            State.ts:3:11: error: view tag must be a non-negative integer, found '-1'
                @view(-1) @type("string") b: string;
                      ^
            State.ts:4:25: error: unterminated string literal
                @type("string") c = "unterminated;
                                    ^
            State.ts:6:1: error: unterminated comment
            /* never closed
            ^
            """)
    }
}
