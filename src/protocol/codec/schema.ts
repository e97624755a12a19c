/**
 * The schema DSL. Each Mesos message is declared once, with its proto field numbers, and both the
 * TypeScript type (`Infer<typeof X>`) and the runtime codec (decode/encode) come from that one
 * declaration, so the type and the parser can never drift apart.
 *
 * Schemas are plain data; the codec compiles a per-message field table on first use
 * (see compile.ts). Message fields are given as a thunk so messages can refer to each other in
 * any order, across files, and to themselves.
 */

export type ScalarKind = 'string' | 'bool' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'double' | 'bytes';
export type SchemaKind = ScalarKind | 'enum' | 'message';

/**
 * Any schema. `__type` exists only in the type system: it carries the TypeScript type a schema
 * decodes to, so `Infer` can read it back.
 */
export interface Schema<T> {
  readonly kind: SchemaKind;
  readonly __type?: T;
}

export interface ScalarSchema<T> extends Schema<T> {
  readonly kind: ScalarKind;
}

export interface EnumSchema<N extends string> extends Schema<N> {
  readonly kind: 'enum';
  /** Fully qualified proto name, e.g. `mesos.v1.TaskState`. */
  readonly typeName: string;
  /** Name -> proto number (for protobuf support). */
  readonly numbers: Readonly<Record<N, number>>;
  /** Every name, in declaration order. */
  readonly names: readonly N[];
  /** Proto number -> name. */
  readonly byNumber: ReadonlyMap<number, N>;
}

export type Cardinality = 'optional' | 'required' | 'repeated' | 'map';

export interface FieldSpec<S extends Schema<unknown> = Schema<unknown>, C extends Cardinality = Cardinality> {
  readonly number: number;
  readonly type: S;
  readonly cardinality: C;
  /** Mesos emits an unset optional field with a default, unless it is deprecated. */
  readonly default?: unknown;
  readonly deprecated: boolean;
}

export type FieldsOf = Readonly<Record<string, FieldSpec>>;

/** A message schema whose TypeScript type is T; use it to annotate self-referential messages. */
export interface MessageSchemaOf<T> extends Schema<T> {
  readonly kind: 'message';
  /** Fully qualified proto name, e.g. `mesos.v1.TaskStatus`. */
  readonly typeName: string;
  readonly fields: () => FieldsOf;
}

export interface MessageSchema<F extends FieldsOf> extends MessageSchemaOf<MessageType<F>> {
  readonly fields: () => F;
}

/** The TypeScript type a schema decodes to. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

type FieldValue<FS> =
  FS extends FieldSpec<infer S, infer C>
    ? C extends 'repeated'
      ? Infer<S>[]
      : C extends 'map'
        ? Record<string, Infer<S>>
        : Infer<S>
    : never;

type RequiredKeys<F> = { [K in keyof F]: F[K] extends { readonly cardinality: 'required' } ? K : never }[keyof F];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * Keys exactly as on the wire (snake_case). Required fields are mandatory; everything else is
 * optional, including repeated fields and maps, because Mesos omits them when empty.
 */
export type MessageType<F> = Simplify<
  { [K in RequiredKeys<F>]: FieldValue<F[K]> } & { [K in Exclude<keyof F, RequiredKeys<F>>]?: FieldValue<F[K]> }
>;

// ---------------------------------------------------------------------------------------------
// Builders

const scalar = <T>(kind: ScalarKind): ScalarSchema<T> => Object.freeze({ kind });

// Scalar schemas carry no per-use state, so one frozen instance of each is shared.
const STRING = scalar<string>('string');
const BOOL = scalar<boolean>('bool');
const INT32 = scalar<number>('int32');
const UINT32 = scalar<number>('uint32');
const INT64 = scalar<number>('int64');
const UINT64 = scalar<number>('uint64');
const DOUBLE = scalar<number>('double');
const BYTES = scalar<string>('bytes');

export const str = (): ScalarSchema<string> => STRING;
export const bool = (): ScalarSchema<boolean> => BOOL;
export const int32 = (): ScalarSchema<number> => INT32;
export const uint32 = (): ScalarSchema<number> => UINT32;
/** JSON numbers, as Mesos writes them; values beyond 2^53 lose precision. */
export const int64 = (): ScalarSchema<number> => INT64;
export const uint64 = (): ScalarSchema<number> => UINT64;
/** Also accepts "Infinity"/"-Infinity" and encodes infinities that way. */
export const double = (): ScalarSchema<number> => DOUBLE;
/** Standard base64 with padding, kept as the base64 string; validated on decode. */
export const bytes = (): ScalarSchema<string> => BYTES;

export function enumOf<const V extends Readonly<Record<string, number>>>(
  typeName: string,
  values: V,
): EnumSchema<Extract<keyof V, string>> {
  type N = Extract<keyof V, string>;
  const names = Object.keys(values) as N[];
  const byNumber = new Map<number, N>();
  for (const name of names) {
    // Aliased numbers (allow_alias) keep their first name, as protobuf does.
    if (!byNumber.has(values[name] as number)) byNumber.set(values[name] as number, name);
  }
  return Object.freeze({
    kind: 'enum' as const,
    typeName,
    numbers: Object.freeze({ ...values }) as Readonly<Record<N, number>>,
    names: Object.freeze(names),
    byNumber,
  });
}

export function message<F extends FieldsOf>(typeName: string, fields: () => F): MessageSchema<F> {
  return { kind: 'message', typeName, fields };
}

interface FieldOptions<T, R extends boolean> {
  readonly required?: R;
  readonly default?: T;
  readonly deprecated?: boolean;
}

export function field<S extends Schema<unknown>, R extends boolean = false>(
  number: number,
  type: S,
  options: FieldOptions<Infer<S>, R> = {},
): FieldSpec<S, R extends true ? 'required' : 'optional'> {
  const spec: FieldSpec<S, Cardinality> = {
    number,
    type,
    cardinality: options.required === true ? 'required' : 'optional',
    deprecated: options.deprecated === true,
    ...(options.default === undefined ? {} : { default: options.default }),
  };
  return spec as FieldSpec<S, R extends true ? 'required' : 'optional'>;
}

export function repeated<S extends Schema<unknown>>(number: number, type: S, options: { deprecated?: boolean } = {}): FieldSpec<S, 'repeated'> {
  return { number, type, cardinality: 'repeated', deprecated: options.deprecated === true };
}

/** `map<string, V>` in proto; a JSON object on the wire. */
export function mapOf<S extends Schema<unknown>>(number: number, valueType: S): FieldSpec<S, 'map'> {
  return { number, type: valueType, cardinality: 'map', deprecated: false };
}
