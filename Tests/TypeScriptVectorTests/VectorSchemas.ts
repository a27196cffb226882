// The state classes of the reference vectors (Tests/Fixtures/vectors/schema), written as a Colyseus
// server written in TypeScript declares them, in each form @colyseus/schema accepts. The build plugin turns
// this file into Swift; HandshakeTests checks that those classes give the vectors' reflection handshakes.
import { Schema, type, defineTypes, schema, ArraySchema, MapSchema, SetSchema, CollectionSchema } from "@colyseus/schema";

/** `primitives`: one field of every primitive type. */
export class Primitives extends Schema {
    @type("string") str?: string;
    @type("number") num?: number;
    @type("boolean") bool?: boolean;
    @type("int8") i8?: number;
    @type("uint8") u8?: number;
    @type("int16") i16?: number;
    @type("uint16") u16?: number;
    @type("int32") i32?: number;
    @type("uint32") u32?: number;
    @type("int64") i64?: number;
    @type("uint64") u64?: number;
    @type("float32") f32?: number;
    @type("float64") f64?: number;
    @type("bigint64") bi64?: bigint;
    @type("biguint64") bu64?: bigint;
}

/** `numberEncodings` */
export class NumberBox extends Schema {
    @type("number") n = 0;
}

/** `strings`, declared without decorators. */
export class StringBox extends Schema {
    declare s?: string;
}
defineTypes(StringBox, { s: "string" });

export class Child extends Schema {
    @type("number") a?: number;
    @type("string") b?: string;
}

/** `childSchema` */
export class ChildState extends Schema {
    @type(Child) child?: Child;
    @type(Child) other?: Child;
    @type("boolean") flag?: boolean;
}

/** `arrayOfPrimitives` */
export class ArrayPrimState extends Schema {
    @type(["number"]) nums = new ArraySchema<number>();
    @type({ array: "string" }) strs = new ArraySchema<string>();
}

export class Item extends Schema {
    @type("string") id?: string;
    @type("number") v?: number;
}

/** `arrayOfSchemas` */
export class ArraySchemaState extends Schema {
    @type([ Item ]) items = new ArraySchema<Item>();
}

export class Player extends Schema {
    @type("number") x?: number;
    @type("number") y?: number;
    @type("string") name?: string;
}

/** `mapOfSchemas` and `joinBetweenPatches` */
export class MapState extends Schema {
    @type({ map: Player }) players = new MapSchema<Player>();
    @type({ map: "number" }) scores = new MapSchema<number>();
}

/** `setAndCollection` */
export class SetCollState extends Schema {
    @type({ set: "string" }) tags = new SetSchema<string>();
    @type({ set: "number" }) nums = new SetSchema<number>();
    @type({ collection: Item }) things = new CollectionSchema<Item>();
    @type({ collection: "string" }) words = new CollectionSchema<string>();
}

export class Entity extends Schema {
    @type("string") id?: string;
}

export class Hero extends Entity {
    @type("string") name?: string;
    @type("uint8") hp?: number;
}

export class Bot extends Hero {
    @type("int16") level?: number;
}

export class Marker extends Entity {}

/** `inheritance` */
export class InheritState extends Schema {
    @type({ map: Entity }) entities = new MapSchema<Entity>();
    @type(Entity) main?: Entity;
    @type([Entity]) list = new ArraySchema<Entity>();
    @type(Marker) extra?: Marker;
}

/** `instanceSharing` */
export class SharedState extends Schema {
    @type({ map: Item }) a = new MapSchema<Item>();
    @type([Item]) b = new ArraySchema<Item>();
    @type(Item) single?: Item;
}

/** `manyFields`: the 64-field limit, in the plain `schema({…})` form. */
export const Many = schema({
    f0: "uint8",
    f1: "uint8",
    f2: "uint8",
    f3: "uint8",
    f4: "uint8",
    f5: "uint8",
    f6: "uint8",
    f7: "uint8",
    f8: "uint8",
    f9: "uint8",
    f10: "uint8",
    f11: "uint8",
    f12: "uint8",
    f13: "uint8",
    f14: "uint8",
    f15: "uint8",
    f16: "uint8",
    f17: "uint8",
    f18: "uint8",
    f19: "uint8",
    f20: "uint8",
    f21: "uint8",
    f22: "uint8",
    f23: "uint8",
    f24: "uint8",
    f25: "uint8",
    f26: "uint8",
    f27: "uint8",
    f28: "uint8",
    f29: "uint8",
    f30: "uint8",
    f31: "uint8",
    f32: "uint8",
    f33: "uint8",
    f34: "uint8",
    f35: "uint8",
    f36: "uint8",
    f37: "uint8",
    f38: "uint8",
    f39: "uint8",
    f40: "uint8",
    f41: "uint8",
    f42: "uint8",
    f43: "uint8",
    f44: "uint8",
    f45: "uint8",
    f46: "uint8",
    f47: "uint8",
    f48: "uint8",
    f49: "uint8",
    f50: "uint8",
    f51: "uint8",
    f52: "uint8",
    f53: "uint8",
    f54: "uint8",
    f55: "uint8",
    f56: "uint8",
    f57: "uint8",
    f58: "uint8",
    f59: "uint8",
    f60: "uint8",
    f61: "uint8",
    f62: "uint8",
    f63: "uint8",
});
export type Many = InstanceType<typeof Many>;

export class ManyState extends Schema {
    @type(Many) many?: Many;
    @type("string") last?: string;
}

/** `roomState` and `roomStateFromPatchOnly`: the demo room of the reference server. */
export const RoomPlayer = schema({
    x: { type: "number", default: 0 },
    y: { type: "number", default: 0 },
});
export type RoomPlayer = InstanceType<typeof RoomPlayer>;

export const MyRoomState = schema({
    players: { map: RoomPlayer },
});
