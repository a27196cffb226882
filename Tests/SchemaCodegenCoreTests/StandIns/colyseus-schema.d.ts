// A minimal stand-in of the @colyseus/schema 4 declarations that generated TypeScript uses, following
// the package's own types (src/annotations.ts and src/types/custom/*.ts), so that `tsc --noEmit` checks
// the generated classes without the package installed.

export type RawPrimitiveType =
    | "string" | "number" | "boolean"
    | "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32" | "int64" | "uint64"
    | "float32" | "float64" | "bigint64" | "biguint64";

export type PrimitiveType = RawPrimitiveType | typeof Schema;

export type DefinitionType =
    | PrimitiveType
    | [PrimitiveType]
    | { type: PrimitiveType }
    | { array: PrimitiveType }
    | { map: PrimitiveType }
    | { set: PrimitiveType }
    | { collection: PrimitiveType };

export interface TypeOptions {
    manual?: boolean;
}

export declare function type(type: DefinitionType, options?: TypeOptions): PropertyDecorator;
export declare function defineTypes(target: typeof Schema, fields: { [field: string]: DefinitionType }, options?: TypeOptions): typeof Schema;
/** The plain form; the real declaration infers the instance type, which the checks here do not need. */
export declare function schema(fields: { [field: string]: DefinitionType | { type: PrimitiveType, default?: any, view?: boolean | number, sync?: boolean } }, name?: string): any;
export declare function view<T>(tag?: number): (target: T, fieldName: string) => void;

export declare class Schema {
    constructor(arg?: any);
    clone(): this;
    toJSON(): any;
}

export declare class ArraySchema<V = any> {
    constructor(...items: V[]);
    readonly length: number;
    push(...values: V[]): number;
    at(index: number): V | undefined;
}

export declare class MapSchema<V = any, K extends string = string> {
    constructor(initialValues?: Map<K, V> | Record<K, V>);
    readonly size: number;
    get(key: K): V | undefined;
    set(key: K, value: V): this;
}

export declare class SetSchema<V = any> {
    constructor(initialValues?: Array<V>);
    readonly size: number;
    add(value: V): number | false;
    has(value: V): boolean;
}

export declare class CollectionSchema<V = any> {
    constructor(initialValues?: Array<V>);
    readonly size: number;
    add(value: V): number;
    has(value: V): boolean;
}
