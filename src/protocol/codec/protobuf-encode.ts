/**
 * Typed value -> protobuf bytes (proto2 as Mesos uses it): varints for integers, bools and enums
 * (a negative int32 sign-extended to 10 bytes), little-endian doubles, length-delimited strings,
 * bytes and messages, repeated scalars unpacked, maps as repeated {key=1, value=2} entries.
 */
import { Card, Kind, compiled } from './compile.ts';
import type { CompiledField, CompiledMessage } from './compile.ts';
import * as wire from './protobuf-wire.ts';
import type { Infer, MessageSchemaOf } from './schema.ts';

// Module-local copies of imported constants and helpers (see decode.ts for why).
const TWO_32 = wire.TWO_32;
const WIRE_FIXED64 = wire.WIRE_FIXED64;
const WIRE_LENGTH = wire.WIRE_LENGTH;
const WIRE_VARINT = wire.WIRE_VARINT;
const tableOfField = wire.tableOfField;
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
