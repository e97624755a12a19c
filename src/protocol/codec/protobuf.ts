/**
 * The protobuf binary encoding (`application/x-protobuf`) of the same schemas, proto2 style as
 * Mesos uses it: varints for integers, bools and enums (negative int32 sign-extended to 10
 * bytes), little-endian doubles, length-delimited strings, bytes and messages, repeated scalars
 * written unpacked and read packed or unpacked, maps as repeated {key=1, value=2} entries.
 * Unknown fields and unknown enum numbers are skipped, so newer peers can talk to older ones.
 * Decoding never throws and reports problems with the same paths as the JSON decoder.
 */
import { Card, Kind, compiled } from './compile.ts';
import type { CompiledField, CompiledMessage } from './compile.ts';
import { DecodeContext, SKIP } from './context.ts';
import type { DecodeOptions, Result } from './context.ts';
import type { EnumSchema, Infer, MessageSchemaOf } from './schema.ts';

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
const WIRE_FIXED32 = 5;

// Module-local copies of imported constants (see decode.ts for why).
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
const C_REPEATED = Card.repeated;
const C_MAP = Card.map;
const compiledTable = compiled;
const tableOfField = (f: CompiledField): CompiledMessage => (f.sub ??= compiledTable(f.message as MessageSchemaOf<unknown>));

const TWO_32 = 2 ** 32;

// ---------------------------------------------------------------------------------------------
// Encoding

class Writer {
  private buf = Buffer.allocUnsafe(256);
  pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** A varint from its low and high 32-bit halves. */
  varint64(lo: number, hi: number): void {
    this.ensure(10);
    while (hi !== 0) {
      this.buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 0x7f) {
      this.buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo >>>= 7;
    }
    this.buf[this.pos++] = lo;
  }

  /** Any integer-valued number: negatives become 64-bit two's complement, as protobuf writes them. */
  integer(n: number): void {
    if (n >= 0 && n < TWO_32) {
      this.varint64(n >>> 0, 0);
    } else if (n >= 0) {
      this.varint64(n % TWO_32 >>> 0, Math.floor(n / TWO_32) >>> 0);
    } else {
      const v = BigInt.asUintN(64, BigInt(Math.trunc(n)));
      this.varint64(Number(v & 0xffffffffn), Number(v >> 32n));
    }
  }

  tag(fieldNumber: number, wireType: number): void {
    this.integer(fieldNumber * 8 + wireType);
  }

  double(n: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(n, this.pos);
    this.pos += 8;
  }

  bytes(b: Uint8Array): void {
    this.integer(b.byteLength);
    this.ensure(b.byteLength);
    this.buf.set(b, this.pos);
    this.pos += b.byteLength;
  }

  string(s: string): void {
    const length = Buffer.byteLength(s, 'utf8');
    this.integer(length);
    this.ensure(length);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /**
   * Messages are length-prefixed but their length is known only afterwards: note where the body
   * starts, write it, then shift it right to make room for the prefix.
   */
  beginLengthDelimited(): number {
    return this.pos;
  }

  endLengthDelimited(start: number): void {
    const length = this.pos - start;
    let p = 1;
    for (let n = length; n > 0x7f; n >>>= 7) p++;
    this.ensure(p);
    this.buf.copyWithin(start + p, start, this.pos);
    let n = length;
    let at = start;
    while (n > 0x7f) {
      this.buf[at++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[at] = n;
    this.pos += p;
  }

  finish(): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, 0, this.pos);
  }
}

/** The protobuf bytes of a value. */
export function encodeProtobuf<S extends MessageSchemaOf<unknown>>(schema: S, value: Infer<S>): Uint8Array {
  const w = new Writer();
  writeMessage(w, compiled(schema), value);
  return w.finish();
}

function writeMessage(w: Writer, table: CompiledMessage, value: unknown): void {
  const input = value as Record<string, unknown>;
  for (const f of table.fields) {
    const v = input[f.name];
    if (v === undefined || v === null) continue;
    if (f.card === C_REPEATED) {
      for (const element of v as readonly unknown[]) writeField(w, f, f.number, element);
    } else if (f.card === C_MAP) {
      for (const [key, entry] of Object.entries(v as Record<string, unknown>)) {
        w.tag(f.number, WIRE_LENGTH);
        const start = w.beginLengthDelimited();
        w.tag(1, WIRE_LENGTH);
        w.string(key);
        writeField(w, f, 2, entry);
        w.endLengthDelimited(start);
      }
    } else {
      writeField(w, f, f.number, v);
    }
  }
}

function writeField(w: Writer, f: CompiledField, number: number, v: unknown): void {
  switch (f.kind) {
    case K_STRING:
      w.tag(number, WIRE_LENGTH);
      w.string(v as string);
      return;
    case K_BYTES:
      w.tag(number, WIRE_LENGTH);
      w.bytes(Buffer.from(v as string, 'base64'));
      return;
    case K_BOOL:
      w.tag(number, WIRE_VARINT);
      w.byte(v === true ? 1 : 0);
      return;
    case K_INT32:
    case K_UINT32:
    case K_INT64:
    case K_UINT64:
      w.tag(number, WIRE_VARINT);
      w.integer(v as number);
      return;
    case K_DOUBLE:
      w.tag(number, WIRE_FIXED64);
      w.double(v as number);
      return;
    case K_ENUM: {
      const n = (f.enumNumbers as Readonly<Record<string, number>>)[v as string];
      if (n === undefined) return; // not a name of this enum: nothing a peer could read back
      w.tag(number, WIRE_VARINT);
      w.integer(n);
      return;
    }
    case K_MESSAGE: {
      w.tag(number, WIRE_LENGTH);
      const start = w.beginLengthDelimited();
      writeMessage(w, tableOfField(f), v);
      w.endLengthDelimited(start);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding

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

function isPackable(f: CompiledField): boolean {
  return f.kind !== K_STRING && f.kind !== K_BYTES && f.kind !== K_MESSAGE;
}

function wireTypeFits(f: CompiledField, wireType: number): boolean {
  if (f.card === C_MAP) return wireType === WIRE_LENGTH;
  if (f.card === C_REPEATED && wireType === WIRE_LENGTH && isPackable(f)) return true;
  return wireType === expectedWireType(f.kind);
}

function expectedWireType(kind: number): number {
  if (kind === K_DOUBLE) return WIRE_FIXED64;
  if (kind === K_STRING || kind === K_BYTES || kind === K_MESSAGE) return WIRE_LENGTH;
  return WIRE_VARINT;
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
