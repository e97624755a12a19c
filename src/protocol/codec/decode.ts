/**
 * JSON -> typed value with Mesos' mapping (stout's protobuf.hpp, not proto3 JSON): snake_case
 * keys, unknown keys ignored, enums by name, null = unset, numbers and bools also as strings,
 * bytes as base64. Never throws: every problem is collected with its full path, so a client
 * learns everything wrong with its call at once. Hostile input is bounded by depth, size and
 * problem-count limits.
 */
import { Card, Kind, compiled, standaloneField } from './compile.ts';
import type { CompiledField, CompiledMessage } from './compile.ts';
import type { Infer, MessageSchemaOf, Schema } from './schema.ts';
import { DecodeContext as Context, SKIP } from './context.ts';
import type { DecodeOptions, Result } from './context.ts';

type Decoded = unknown;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const INTEGER_STRING = /^[-+]?\d{1,25}$/;
const DECIMAL_STRING = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;
const INT64_MIN = -(2 ** 63);
const INT64_MAX = 2 ** 63;
const UINT64_MAX = 2 ** 64;

// Imported bindings showed up as getter calls in profiles under tsx (about half of decode time);
// the hot loops read these module-local copies instead.
const K_BOOL = Kind.bool;
const K_BYTES = Kind.bytes;
const K_DOUBLE = Kind.double;
const K_ENUM = Kind.enum;
const K_INT32 = Kind.int32;
const K_INT64 = Kind.int64;
const K_MESSAGE = Kind.message;
const K_STRING = Kind.string;
const K_UINT32 = Kind.uint32;
const K_UINT64 = Kind.uint64;
const C_REQUIRED = Card.required;
const C_REPEATED = Card.repeated;
const C_MAP = Card.map;
const compiledTable = compiled;
const tableOfField = (f: CompiledField): CompiledMessage => (f.sub ??= compiledTable(f.message as MessageSchemaOf<unknown>));

/** Decodes an already-parsed JSON value. Never throws. */
export function decode<S extends Schema<unknown>>(schema: S, json: unknown, options: DecodeOptions = {}): Result<Infer<S>> {
  const ctx = new Context(options);
  let value: Decoded;
  try {
    value = decodeRoot(schema, json, ctx);
  } catch (error) {
    // Only a bug in the codec could land here; a decode must still never take a process down.
    ctx.problem(`could not decode: ${error instanceof Error ? error.message : String(error)}`);
    value = SKIP;
  }
  if (ctx.problems.length > 0 || value === SKIP) {
    return { ok: false, problems: ctx.problems.length > 0 ? ctx.problems : [{ path: '', message: 'no value' }] };
  }
  return { ok: true, value: value as Infer<S> };
}

/** Parses a JSON body and decodes it. Malformed JSON becomes a problem. Never throws. */
export function parseJson<S extends Schema<unknown>>(schema: S, body: string | Uint8Array, options: DecodeOptions = {}): Result<Infer<S>> {
  let json: unknown;
  try {
    const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `malformed JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return decode(schema, json, options);
}

function decodeRoot(schema: Schema<unknown>, json: unknown, ctx: Context): Decoded {
  if (schema.kind === 'message') {
    return decodeMessage(compiled(schema as MessageSchemaOf<unknown>), json, ctx);
  }
  if (json === null || json === undefined) return ctx.problem('required value is missing');
  return decodeSingle(rootField(schema), json, ctx, true);
}

const rootFields = new WeakMap<Schema<unknown>, CompiledField>();

function rootField(schema: Schema<unknown>): CompiledField {
  let f = rootFields.get(schema);
  if (f === undefined) {
    f = standaloneField(schema);
    rootFields.set(schema, f);
  }
  return f;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeMessage(table: CompiledMessage, json: unknown, ctx: Context): Decoded {
  if (!isPlainObject(json)) return ctx.problem(`expected a JSON object (${table.typeName}), got ${describe(json)}`);
  if (ctx.depth >= ctx.maxDepth) return ctx.problem(`nested deeper than ${ctx.maxDepth} messages`);
  ctx.depth++;
  const out: Record<string, unknown> = {};
  const byName = table.byName;
  const stack = ctx.stack;
  let requiredSeen = 0;
  // Walk the keys the client sent rather than every declared field: messages are sparse (a
  // Resource declares 13 fields and usually carries 4), and unknown keys cost one lookup.
  for (const key in json) {
    const f = byName.get(key);
    if (f === undefined) continue;
    const raw = json[key];
    if (raw === undefined || raw === null) continue;
    if (f.card === C_REQUIRED) requiredSeen++;
    stack.push(key);
    let value: Decoded;
    if (f.card === C_REPEATED) value = decodeRepeated(f, raw, ctx);
    else if (f.card === C_MAP) value = decodeMap(f, raw, ctx);
    else value = decodeSingle(f, raw, ctx, f.card === C_REQUIRED);
    if (value !== SKIP) out[key] = value;
    stack.pop();
    if (ctx.stopped) break;
  }
  if (requiredSeen < table.required.length) {
    for (const f of table.required) {
      const raw = json[f.name];
      if (raw === undefined || raw === null || !Object.hasOwn(json, f.name)) {
        stack.push(f.name);
        ctx.problem('required field is missing');
        stack.pop();
      }
    }
  }
  ctx.depth--;
  return out;
}

function decodeRepeated(f: CompiledField, raw: unknown, ctx: Context): Decoded {
  if (!Array.isArray(raw)) return ctx.problem(`expected an array, got ${describe(raw)}`);
  if (raw.length > ctx.maxArrayLength) return ctx.problem(`too many elements: ${raw.length} (at most ${ctx.maxArrayLength})`);
  const out: unknown[] = [];
  const stack = ctx.stack;
  for (let i = 0; i < raw.length && !ctx.stopped; i++) {
    const element: unknown = raw[i];
    stack.push(i);
    if (element === null || element === undefined) {
      ctx.problem('null is not allowed in a repeated field');
    } else {
      // Like an optional field: an unknown enum name is dropped from the list, not an error.
      const value = decodeSingle(f, element, ctx, false);
      if (value !== SKIP) out.push(value);
    }
    stack.pop();
  }
  return out;
}

function decodeMap(f: CompiledField, raw: unknown, ctx: Context): Decoded {
  if (!isPlainObject(raw)) return ctx.problem(`expected a JSON object (map), got ${describe(raw)}`);
  const keys = Object.keys(raw);
  if (keys.length > ctx.maxArrayLength) return ctx.problem(`too many entries: ${keys.length} (at most ${ctx.maxArrayLength})`);
  const out: Record<string, unknown> = {};
  const stack = ctx.stack;
  for (let i = 0; i < keys.length && !ctx.stopped; i++) {
    const key = keys[i] as string;
    const element = raw[key];
    stack.push(key);
    if (element === null || element === undefined) {
      ctx.problem('null is not allowed as a map value');
    } else {
      const value = decodeSingle(f, element, ctx, false);
      // defineProperty so a '__proto__' key is stored as data, never as the prototype.
      if (value !== SKIP) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    stack.pop();
  }
  return out;
}

function decodeSingle(f: CompiledField, raw: unknown, ctx: Context, required: boolean): Decoded {
  switch (f.kind) {
    case K_STRING:
      if (typeof raw !== 'string') return ctx.problem(`expected a string, got ${describe(raw)}`);
      if (raw.length > ctx.maxStringLength) return ctx.problem(`string too long: ${raw.length} characters (at most ${ctx.maxStringLength})`);
      return raw;
    case K_BOOL:
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      return ctx.problem(`expected a boolean, got ${describe(raw)}`);
    case K_INT32:
      return integer(raw, ctx, INT32_MIN, INT32_MAX, 'an int32');
    case K_UINT32:
      return integer(raw, ctx, 0, UINT32_MAX, 'a uint32');
    case K_INT64:
      return integer(raw, ctx, INT64_MIN, INT64_MAX, 'an int64');
    case K_UINT64:
      return integer(raw, ctx, 0, UINT64_MAX, 'a uint64');
    case K_DOUBLE:
      return decodeDouble(raw, ctx);
    case K_BYTES:
      if (typeof raw !== 'string') return ctx.problem(`expected a base64 string, got ${describe(raw)}`);
      if (raw.length > ctx.maxStringLength) return ctx.problem(`bytes too long: ${raw.length} characters (at most ${ctx.maxStringLength})`);
      if (!BASE64.test(raw)) return ctx.problem('not valid base64 (standard alphabet, with padding)');
      return raw;
    case K_ENUM: {
      if (typeof raw !== 'string') return ctx.problem(`expected an enum name (${f.enumTypeName}), got ${describe(raw)}`);
      const numbers = f.enumNumbers as Readonly<Record<string, number>>;
      if (numbers[raw] !== undefined) return raw;
      // Mesos: an unknown name fails a required field and is silently dropped elsewhere, so
      // newer clients can talk to older servers.
      if (required) return ctx.problem(`unknown ${f.enumTypeName} value ${truncate(raw)}`);
      return SKIP;
    }
    case K_MESSAGE:
      return decodeMessage(tableOfField(f), raw, ctx);
  }
}

function integer(raw: unknown, ctx: Context, min: number, max: number, what: string): Decoded {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && INTEGER_STRING.test(raw)) n = Number(raw);
  else return ctx.problem(`expected ${what}, got ${describe(raw)}`);
  if (!Number.isInteger(n)) return ctx.problem(`expected ${what}, got ${describe(raw)}`);
  if (n < min || n > max) return ctx.problem(`${n} is out of range for ${what.slice(what.indexOf(' ') + 1)}`);
  return n;
}

function decodeDouble(raw: unknown, ctx: Context): Decoded {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    if (raw === 'Infinity' || raw === '+Infinity') return Infinity;
    if (raw === '-Infinity') return -Infinity;
    if (raw === 'NaN') return NaN;
    if (raw.length <= 64 && DECIMAL_STRING.test(raw)) return Number(raw);
  }
  return ctx.problem(`expected a number, got ${describe(raw)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `string ${truncate(value)}`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** Quotes a client-supplied string for a message, cut short so problems stay small. */
function truncate(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}
