/**
 * Turns a message schema into a flat field table, once per message, so decoding and encoding
 * walk an array of small records instead of re-reading the declaration on every call.
 */
import type { Cardinality, EnumSchema, FieldsOf, MessageSchemaOf, Schema, SchemaKind } from './schema.ts';

/** Small integers so the hot loop switches on numbers, not strings. */
export const Kind = {
  string: 0,
  bool: 1,
  int32: 2,
  uint32: 3,
  int64: 4,
  uint64: 5,
  double: 6,
  bytes: 7,
  enum: 8,
  message: 9,
} as const satisfies Record<SchemaKind, number>;
export type Kind = (typeof Kind)[SchemaKind];

export const Card = { optional: 0, required: 1, repeated: 2, map: 3 } as const satisfies Record<Cardinality, number>;
export type Card = (typeof Card)[Cardinality];

export interface CompiledField {
  readonly name: string;
  readonly number: number;
  readonly card: Card;
  readonly kind: Kind;
  readonly schema: Schema<unknown>;
  /** Set for enum fields: name -> number, a null-prototype object so `in` is safe. */
  readonly enumNumbers: Readonly<Record<string, number>> | undefined;
  readonly enumTypeName: string;
  /** Set for message fields. */
  readonly message: MessageSchemaOf<unknown> | undefined;
  /** The message's own table, filled on first use (eagerly would loop on self-referential messages). */
  sub: CompiledMessage | undefined;
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly deprecated: boolean;
}

export interface CompiledMessage {
  readonly typeName: string;
  /** In declaration order (encode emits fields in this order). */
  readonly fields: readonly CompiledField[];
  /** Wire name -> field, for walking the keys a client actually sent. */
  readonly byName: ReadonlyMap<string, CompiledField>;
  /** Proto field number -> field, for the protobuf encoding. */
  readonly byNumber: ReadonlyMap<number, CompiledField>;
  readonly required: readonly CompiledField[];
}

const tables = new WeakMap<MessageSchemaOf<unknown>, CompiledMessage>();

/** Names that would collide with Object.prototype lookups on decoded JSON objects. */
const RESERVED = new Set(Object.getOwnPropertyNames(Object.prototype));

export function compiled(schema: MessageSchemaOf<unknown>): CompiledMessage {
  let table = tables.get(schema);
  if (table === undefined) {
    table = compile(schema);
    tables.set(schema, table);
  }
  return table;
}

function compile(schema: MessageSchemaOf<unknown>): CompiledMessage {
  const declared: FieldsOf = schema.fields();
  const numbers = new Set<number>();
  const fields: CompiledField[] = [];
  for (const [name, spec] of Object.entries(declared)) {
    // Declaration mistakes are programming errors: fail loudly the first time the schema is used.
    if (RESERVED.has(name)) throw new Error(`${schema.typeName}: field name '${name}' is reserved`);
    if (!Number.isInteger(spec.number) || spec.number < 1) throw new Error(`${schema.typeName}.${name}: bad field number ${spec.number}`);
    if (numbers.has(spec.number)) throw new Error(`${schema.typeName}.${name}: field number ${spec.number} used twice`);
    numbers.add(spec.number);
    fields.push(compileField(name, spec.number, Card[spec.cardinality], spec.type, spec));
  }
  return {
    typeName: schema.typeName,
    fields,
    byName: new Map(fields.map((f) => [f.name, f])),
    byNumber: new Map(fields.map((f) => [f.number, f])),
    required: fields.filter((f) => f.card === Card.required),
  };
}

/** A schema decoded on its own (not as a message field) behaves like a required field of its type. */
export function standaloneField(schema: Schema<unknown>): CompiledField {
  return compileField('', 0, Card.required, schema, { deprecated: false });
}

function compileField(name: string, number: number, card: Card, type: Schema<unknown>, spec: { readonly default?: unknown; readonly deprecated: boolean }): CompiledField {
  const enumSchema = type.kind === 'enum' ? (type as EnumSchema<string>) : undefined;
  return {
    name,
    number,
    card,
    kind: Kind[type.kind],
    schema: type,
    enumNumbers: enumSchema === undefined ? undefined : Object.assign(Object.create(null) as Record<string, number>, enumSchema.numbers),
    enumTypeName: enumSchema === undefined ? '' : enumSchema.typeName,
    message: type.kind === 'message' ? (type as MessageSchemaOf<unknown>) : undefined,
    sub: undefined,
    hasDefault: spec.default !== undefined,
    default: spec.default,
    deprecated: spec.deprecated,
  };
}
