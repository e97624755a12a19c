/**
 * Protobuf bytes -> typed value. Packed and unpacked repeated scalars are both read; unknown
 * fields (and fields whose wire type is not the declared one) are skipped and unknown enum
 * numbers dropped, so newer peers can talk to older ones. Never throws; problems carry the same
 * paths as the JSON decoder's, and the same limits apply.
 */
import { Card, Kind, compiled } from './compile.ts';
import type { CompiledField, CompiledMessage } from './compile.ts';
import { DecodeContext, SKIP } from './context.ts';
import type { DecodeOptions, Result } from './context.ts';
import * as wire from './protobuf-wire.ts';
import type { EnumSchema, Infer, MessageSchemaOf } from './schema.ts';

// Module-local copies of imported constants and helpers (see decode.ts for why).
const TWO_32 = wire.TWO_32;
const WIRE_END_GROUP = wire.WIRE_END_GROUP;
const WIRE_FIXED32 = wire.WIRE_FIXED32;
const WIRE_FIXED64 = wire.WIRE_FIXED64;
const WIRE_LENGTH = wire.WIRE_LENGTH;
const WIRE_START_GROUP = wire.WIRE_START_GROUP;
const WIRE_VARINT = wire.WIRE_VARINT;
const expectedWireType = wire.expectedWireType;
const isPackable = wire.isPackable;
const tableOfField = wire.tableOfField;
const wireTypeFits = wire.wireTypeFits;
const K_BOOL = Kind.bool;
const K_ENUM = Kind.enum;
const K_INT32 = Kind.int32;
const K_INT64 = Kind.int64;
const K_MESSAGE = Kind.message;
const K_STRING = Kind.string;
const K_UINT32 = Kind.uint32;
const K_UINT64 = Kind.uint64;
const C_REPEATED = Card.repeated;
const C_MAP = Card.map;

class Reader {
  pos: number;
  /** Set by readVarint: the low and high 32 bits of the last varint. */
  lo = 0;
  hi = 0;

  /** One Buffer view of the whole input, so strings and doubles are read without new views. */
  readonly buf: Buffer;

  constructor(bytes: Uint8Array, start: number) {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
  }

  /** Reads a varint into lo/hi; false if it runs past `end` or is longer than 10 bytes. */
  readVarint(end: number): boolean {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) return false;
      const b = this.buf[this.pos++] as number;
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return true;
      }
    }
    return false;
  }
}

/** Parses protobuf bytes. Never throws. */
export function decodeProtobuf<S extends MessageSchemaOf<unknown>>(schema: S, bytes: Uint8Array, options: DecodeOptions = {}): Result<Infer<S>> {
  const ctx = new DecodeContext(options);
  let value: unknown;
  try {
    value = readMessage(compiled(schema), new Reader(bytes, 0), bytes.byteLength, ctx);
  } catch (error) {
    ctx.problem(`could not decode: ${error instanceof Error ? error.message : String(error)}`);
    value = SKIP;
  }
  if (ctx.problems.length > 0 || value === SKIP) {
    return { ok: false, problems: ctx.problems.length > 0 ? ctx.problems : [{ path: '', message: 'no value' }] };
  }
  return { ok: true, value: value as Infer<S> };
}

function readMessage(table: CompiledMessage, r: Reader, end: number, ctx: DecodeContext): unknown {
  if (ctx.depth >= ctx.maxDepth) {
    r.pos = end;
    return ctx.problem(`nested deeper than ${ctx.maxDepth} messages`);
  }
  ctx.depth++;
  const out: Record<string, unknown> = {};
  const stack = ctx.stack;
  while (r.pos < end && !ctx.stopped) {
    if (!r.readVarint(end)) {
      ctx.problem('truncated or malformed field tag');
      break;
    }
    const number = r.hi * 2 ** 29 + (r.lo >>> 3);
    const wireType = r.lo & 7;
    const f = table.byNumber.get(number);
    if (f === undefined || !wireTypeFits(f, wireType)) {
      // Unknown to us (or not the shape we know): skipped whole, as protobuf does.
      if (!skip(r, wireType, end, ctx)) break;
      continue;
    }
    stack.push(f.name);
    if (f.card === C_MAP) {
      readMapEntry(f, r, end, ctx, out);
    } else if (f.card === C_REPEATED) {
      const list = (out[f.name] ??= []) as unknown[];
      if (wireType === WIRE_LENGTH && isPackable(f)) readPacked(f, r, end, ctx, list);
      else pushElement(f, readValue(f, r, wireType, end, ctx), list, ctx);
    } else {
      const value = readValue(f, r, wireType, end, ctx);
      if (value !== SKIP) out[f.name] = value; // proto2: the last occurrence wins
    }
    stack.pop();
  }
  for (const f of table.required) {
    if (out[f.name] === undefined) {
      stack.push(f.name);
      ctx.problem('required field is missing');
      stack.pop();
    }
  }
  for (const f of table.fields) {
    // Repeated fields are created on first sight; drop the ones whose elements were all skipped.
    if (f.card === C_REPEATED && (out[f.name] as unknown[] | undefined)?.length === 0) delete out[f.name];
  }
  ctx.depth--;
  return out;
}




function pushElement(f: CompiledField, value: unknown, list: unknown[], ctx: DecodeContext): void {
  if (value === SKIP) return;
  if (list.length >= ctx.maxArrayLength) {
    ctx.problem(`too many elements (at most ${ctx.maxArrayLength})`);
    return;
  }
  list.push(value);
}

function readPacked(f: CompiledField, r: Reader, end: number, ctx: DecodeContext, list: unknown[]): void {
  const length = readLength(r, end, ctx);
  if (length < 0) return;
  const packedEnd = r.pos + length;
  const wireType = expectedWireType(f.kind);
  while (r.pos < packedEnd && !ctx.stopped) {
    // A truncated element moves the reader to packedEnd, which ends the loop.
    pushElement(f, readValue(f, r, wireType, packedEnd, ctx), list, ctx);
  }
  r.pos = packedEnd;
}

function readMapEntry(f: CompiledField, r: Reader, end: number, ctx: DecodeContext, out: Record<string, unknown>): void {
  const length = readLength(r, end, ctx);
  if (length < 0) return;
  const entryEnd = r.pos + length;
  let key = '';
  let value: unknown = SKIP;
  while (r.pos < entryEnd && !ctx.stopped) {
    if (!r.readVarint(entryEnd)) {
      ctx.problem('truncated or malformed map entry');
      break;
    }
    const number = r.lo >>> 3;
    const wireType = r.lo & 7;
    if (number === 1 && wireType === WIRE_LENGTH && r.hi === 0) {
      const n = readLength(r, entryEnd, ctx);
      if (n < 0) break;
      key = r.buf.toString('utf8', r.pos, r.pos + n);
      r.pos += n;
    } else if (number === 2 && r.hi === 0 && wireType === expectedWireType(f.kind)) {
      value = readValue(f, r, wireType, entryEnd, ctx);
    } else if (!skip(r, wireType, entryEnd, ctx)) {
      break;
    }
  }
  r.pos = entryEnd;
  const map = (out[f.name] ??= {}) as Record<string, unknown>;
  if (value !== SKIP) Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Reads a length prefix that must fit before `end`; -1 (with a problem) if it does not. */
function readLength(r: Reader, end: number, ctx: DecodeContext): number {
  if (!r.readVarint(end) || r.hi !== 0 || r.pos + r.lo > end) {
    ctx.problem('length runs past the end of the message');
    r.pos = end;
    return -1;
  }
  return r.lo;
}

function readValue(f: CompiledField, r: Reader, wireType: number, end: number, ctx: DecodeContext): unknown {
  if (wireType === WIRE_FIXED64) {
    if (r.pos + 8 > end) {
      r.pos = end;
      return ctx.problem('truncated double');
    }
    const value = r.buf.readDoubleLE(r.pos);
    r.pos += 8;
    return value;
  }
  if (wireType === WIRE_LENGTH) {
    const length = readLength(r, end, ctx);
    if (length < 0) return SKIP;
    const start = r.pos;
    r.pos = start + length;
    if (f.kind === K_MESSAGE) {
      r.pos = start;
      const value = readMessage(tableOfField(f), r, start + length, ctx);
      r.pos = start + length;
      return value;
    }
    if (f.kind === K_STRING) {
      if (length > ctx.maxStringLength) return ctx.problem(`string too long: ${length} bytes (at most ${ctx.maxStringLength})`);
      return r.buf.toString('utf8', start, start + length);
    }
    if (length * 4 > ctx.maxStringLength * 3) return ctx.problem(`bytes too long: ${length} bytes`);
    return r.buf.toString('base64', start, start + length);
  }
  if (!r.readVarint(end)) {
    r.pos = end;
    return ctx.problem('truncated or malformed varint');
  }
  const { lo, hi } = r;
  switch (f.kind) {
    case K_BOOL:
      return lo !== 0 || hi !== 0;
    case K_INT32:
      return lo | 0;
    case K_UINT32:
      return lo;
    case K_INT64:
      return (hi | 0) * TWO_32 + lo;
    case K_UINT64:
      return hi * TWO_32 + lo;
    case K_ENUM: {
      const name = (f.schema as EnumSchema<string>).byNumber.get(lo | 0);
      // Unknown numbers are dropped (a required field then reports itself missing).
      return name === undefined ? SKIP : name;
    }
    default:
      return ctx.problem('unexpected varint');
  }
}

/** Skips one field of the given wire type; false (with a problem) if the input is broken. */
function skip(r: Reader, wireType: number, end: number, ctx: DecodeContext): boolean {
  switch (wireType) {
    case WIRE_VARINT:
      if (r.readVarint(end)) return true;
      break;
    case WIRE_FIXED64:
      if (r.pos + 8 <= end) {
        r.pos += 8;
        return true;
      }
      break;
    case WIRE_FIXED32:
      if (r.pos + 4 <= end) {
        r.pos += 4;
        return true;
      }
      break;
    case WIRE_LENGTH: {
      const length = readLength(r, end, ctx);
      if (length < 0) return false;
      r.pos += length;
      return true;
    }
    case WIRE_START_GROUP:
    case WIRE_END_GROUP:
      ctx.problem('protobuf groups are not supported');
      return false;
  }
  ctx.problem(wireType > WIRE_FIXED32 ? `invalid wire type ${wireType}` : 'truncated field');
  r.pos = end;
  return false;
}
