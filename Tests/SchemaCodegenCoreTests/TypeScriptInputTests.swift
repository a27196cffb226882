import SchemaCodegenCore
import Testing

/// Every form of @colyseus/schema TypeScript the reader accepts gives the model of the equivalent
/// `.schema` file (the forms of the reference's parser and of its test/codegen/sources).
@Suite("TypeScript as schema input")
struct TypeScriptInputTests {
    private func typeScript(_ text: String, path: String = "State.ts") throws -> [String] {
        try shape(of: [SchemaSource(path: path, text: text)])
    }

    private func schema(_ text: String) throws -> [String] {
        try shape(of: [SchemaSource(path: "State.schema", text: text)])
    }

    @Test func decoratorsWithPrimitiveNamesAndInitialisers() throws {
        let source = """
            import { Schema, type } from "@colyseus/schema";

            export class Player extends Schema {
                @type("string") name: string = "anon\\t\\u00e9\\u{1F600}";
                @type("number") x = 1.5;
                @type("number") y: number = -2;
                @type("boolean") alive: boolean = true;
                @type("uint8") hp = 0xFF;
                @type("int32") score = -1_000;
                @type("uint16") mask = 0b1010;
                @type("float64") tiny = .5e-3;
                @type("int64") big = -9223372036854775808;
                @type("bigint64") huge: bigint = 9007199254740993n;
                @type('float32') ratio = 0.25;
                @type(`string`) tag = `plain`;
            }
            """
        #expect(try typeScript(source) == schema("""
            schema Player {
                name: string = "anon\\t\\u{e9}\\u{1F600}"
                x: number = 1.5
                y: number = -2
                alive: boolean = true
                hp: uint8 = 255
                score: int32 = -1000
                mask: uint16 = 10
                tiny: float64 = 0.0005
                big: int64 = -9223372036854775808
                huge: bigint64 = 9007199254740993
                ratio: float32 = 0.25
                tag: string = "plain"
            }
            """))
    }

    @Test func optionalityFollowsTheDeclaration() throws {
        let source = """
            class S extends Schema {
                @type("number") plain: number;
                @type("number") definite!: number;
                @type("number") marked?: number;
                @type("string") union: string | undefined;
                @type("string") nullable: string | null = "x";
                @type("boolean") unset = undefined;
                @type("uint8") computed = Math.floor(Math.random() * 10);
                @type("number") created = Date.now()
                @type("string") markedWithDefault?: string = "d";
            }
            """
        #expect(try typeScript(source) == schema("""
            schema S {
                plain: number
                definite: number
                marked: number?
                union: string?
                nullable: string? = "x"
                unset: boolean?
                computed: uint8
                created: number
                markedWithDefault: string? = "d"
            }
            """))
    }

    @Test func childClassesAndStringNamedChildTypes() throws {
        let source = """
            export class Item extends Schema { @type("string") id: string; }
            export class Holder extends Schema {
                @type(Item) child = new Item();
                @type(Item) maybe?: Item;
                @type("Item") byName: Item = new Item();
                @type({ type: Item }) wrapped: Item;
                @type(types.Item) qualified: Item;
            }
            """
        #expect(try typeScript(source) == schema("""
            schema Item { id: string }
            schema Holder {
                child: Item
                maybe: Item?
                byName: Item
                wrapped: Item
                qualified: Item
            }
            """))
    }

    @Test func everyCollectionForm() throws {
        let source = """
            import { Schema, type, MapSchema, ArraySchema, SetSchema, CollectionSchema } from "@colyseus/schema";
            export class Item extends Schema {}
            export class Bag extends Schema {
                @type({ map: Item }) byId = new MapSchema<Item>();
                @type({ map: "number" }) scores: MapSchema<number> = new MapSchema<number>();
                @type({ array: Item }) list = new ArraySchema<Item>();
                @type([ Item ]) shorthand = new ArraySchema<Item>();
                @type(["float32"]) weights = new ArraySchema<number>(1, 0.5, 0.25);
                @type(["int16"]) literal = [1, -2];
                @type({ set: "string" }) tags = new SetSchema<string>(["a", "b"]);
                @type({ collection: Item }) bag = new CollectionSchema<Item>();
                @type({ collection: "uint8" }) counts: CollectionSchema<number> = new CollectionSchema<number>([1, 1]);
                @type({ set: "Item" }) named?: SetSchema<Item>;
                @type({ array: "boolean" }) startsEmpty?: ArraySchema<boolean> = new ArraySchema<boolean>();
                @type({ map: "string" }) emptyIsNoDefault: MapSchema<string> = new MapSchema<string>();
            }
            """
        #expect(try typeScript(source) == schema("""
            schema Item {}
            schema Bag {
                byId: map<Item>
                scores: map<number>
                list: array<Item>
                shorthand: array<Item>
                weights: array<float32> = [1, 0.5, 0.25]
                literal: array<int16> = [1, -2]
                tags: set<string> = ["a", "b"]
                bag: collection<Item>
                counts: collection<uint8> = [1, 1]
                named: set<Item>?
                startsEmpty: array<boolean>? = []
                emptyIsNoDefault: map<string>
            }
            """))
    }

    @Test func viewDecorators() throws {
        let source = """
            class Secret extends Schema {
                @view() @type("string") hidden: string;
                @view(2) @type("uint16") tagged = 3;
                @type("string") @view() afterType: string;
                @type("boolean") shared: boolean;
            }
            """
        #expect(try typeScript(source) == schema("""
            schema Secret {
                @view hidden: string
                @view(2) tagged: uint16 = 3
                @view afterType: string
                shared: boolean
            }
            """))
    }

    @Test func defineTypesSetFieldsAndTypeCalls() throws {
        let source = """
            const schema = require("@colyseus/schema");
            class DefineTypes extends schema.Schema {
                constructor () { super(); }
                someProblematicMethod(type) {
                    switch (type) { case 1: break; default: throw new Error('Dummy error'); }
                }
            }
            schema.defineTypes(DefineTypes, {
                str: "string",
                type: "number",
                list: [ "string" ],
            });
            class Vec3 { x: number; y: number; }
            Metadata.setFields(Vec3, { x: "number", y: "number" });
            class Late extends Schema {}
            type("uint8")(Late.prototype, "level");
            module.DefineTypes = DefineTypes;
            """
        #expect(try typeScript(source, path: "DefineTypes.js") == schema("""
            schema DefineTypes {
                str: string
                type: number
                list: array<string>
            }
            schema Vec3 { x: number; y: number }
            schema Late { level: uint8 }
            """))
    }

    @Test func plainSchemaFunctionForm() throws {
        let source = """
            import { schema } from "@colyseus/schema";

            /** A vector. */
            export const Vec3 = schema({
                x: "number",
                y: { type: "number", default: 5 },
                z: { type: "float32", view: true },
                w: { type: "uint8", view: 3 },
                local: { type: "number", sync: false },
                move(dx: number) { this.x += dx; },
                reset: function () { this.x = 0; },
                scale: (factor: number) => factor,
            });
            export const Vec4 = Vec3.extends({ t: "number" });
            export const State = schema({
                vec: Vec3,
                vecs: { map: Vec3 },
                list: [ Vec4 ],
                names: { array: "string", default: new ArraySchema<string>("a") },
            }, "GameState");
            const Other = schema.schema({ ref: State });
            """
        #expect(try typeScript(source) == schema("""
            /// A vector.
            schema Vec3 {
                x: number
                y: number = 5
                @view z: float32
                @view(3) w: uint8
            }
            schema Vec4 extends Vec3 { t: number }
            schema GameState {
                vec: Vec3
                vecs: map<Vec3>
                list: array<Vec4>
                names: array<string> = ["a"]
            }
            schema Other { ref: GameState }
            """))
    }

    @Test func inheritanceAcrossFilesThroughImports() throws {
        let base = SchemaSource(path: "src/BaseSchema.ts", text: """
            import { Schema, type } from "@colyseus/schema";
            export class BaseSchema<T = any> extends Schema {
                @type("number") id: number;
                protected $$behaviours: any[] = [];
                protected handleEvent(type: string, args: any) {
                    for (let i = 0; i < this.$$behaviours.length; i++) { this.$$behaviours[i].handleEvent(args); }
                }
            }
            """)
        let inheritance = SchemaSource(path: "src/Inheritance.ts", text: """
            import { type } from "@colyseus/schema";
            import { BaseSchema as Base } from "./BaseSchema";
            class Inheritance extends Base<any> {
                @type("number") x: number;
            }
            class Marker extends Inheritance {}
            class Unrelated extends Array<number> {}
            """)
        let fromSchema = SchemaSource(path: "More.schema", text: "schema Hero extends Inheritance { level: uint8 }")
        let model = try SchemaCompiler.compile(sources: [base, inheritance, fromSchema])
        #expect(shape(model) == [
            "BaseSchema { 0 id: number }", "Inheritance extends BaseSchema { 1 x: number }", "Marker extends Inheritance {  }",
            "Hero extends Inheritance { 2 level: uint8 }",
        ])
        #expect(model.schemas.map(\.sourceFile) == ["src/BaseSchema.ts", "src/Inheritance.ts", "src/Inheritance.ts", "More.schema"])
        #expect(model.schema(named: "Inheritance")?.location == SourceLocation(file: "src/Inheritance.ts", line: 3, column: 7))
        #expect(model.schema(named: "Inheritance")?.ownFields[0].location == SourceLocation(file: "src/Inheritance.ts", line: 4, column: 21))
    }

    @Test func enumsAreStoredAsNumbersOrStrings() throws {
        let source = """
            export enum ShipType { Transport, Miner = 5 }
            export const enum MessageType { Deploy = "deploy", Colonize = "colonize" }
            class Ship extends Schema {
                @type(ShipType) kind: ShipType = ShipType.Miner;
                @type({ map: MessageType }) last = new MapSchema<MessageType>();
            }
            """
        #expect(try typeScript(source) == schema("schema Ship { kind: number; last: map<string> }"))
    }

    @Test func documentationComments() throws {
        let source = """
            /**
             * The room state.
             *
             * Second paragraph.
             */
            export class State extends Schema {
                /** Players by session id. */
                @type("string") name: string;
                /// Triple-slash lines work too.
                @type("number") x: number;
                // A plain comment documents nothing.
                @type("number") y: number;
            }
            """
        #expect(try typeScript(source) == schema("""
            /// The room state.
            ///
            /// Second paragraph.
            schema State {
                /// Players by session id.
                name: string
                /// Triple-slash lines work too.
                x: number
                y: number
            }
            """))
    }

    @Test func codeThatIsNotSchemaCodeIsIgnored() throws {
        let source = #"""
            #!/usr/bin/env node
            import { Room, Client } from "colyseus";
            import type { Foo } from "./foo";
            interface IRoomCache { name: string; metadata: { mode: string } }
            type Handler<T> = (client: Client, message: T) => void;
            const pattern = /class \{ @type\("x"\) [}]/g, ratio = 10 / 2 / 1;
            const text = `a ${ `nested ${"}"} template` } b { c`;
            function schema(x: number) { return x; }
            export class MyRoom extends Room<State> {
                maxClients = 4;
                static readonly defaults = { type: "number" };
                onCreate(options: any) {
                    this.onMessage("move", (client, data) => { const s = this.state.players.get(client.sessionId); });
                    if (a < b && c > d) { return; }
                }
                get count(): number { return this.clients.length; }
                #secret = 1;
            }
            export class State extends Schema {
                @type("number") x = 0;
                private cache = new Map<string, Array<number>>();
                tick(delta: number): void {}
            }
            export default { type: "ignored", schema: "ignored" };
            """#
        #expect(try typeScript(source) == schema("schema State { x: number = 0 }"))
    }

    @Test func typeScriptFilesAreNamedLikeSchemaFiles() {
        #expect(GeneratedFile.name(forSchemaFile: "server/src/rooms/schema/MyRoomState.ts") == "MyRoomState.schema.swift")
        #expect(GeneratedFile.name(forSchemaFile: "web/MyRoomState.schema.ts") == "MyRoomState.schema.swift")
        #expect(GeneratedFile.name(forSchemaFile: "legacy/State.js") == "State.schema.swift")
        #expect(TypeScriptRenderer.fileName(forSchemaFile: "Schemas/Game.schema") == "Game.schema.ts")
        #expect(CSharpRenderer.fileName(forSchemaFile: "src/Game.ts") == "Game.schema.cs")
    }
}
