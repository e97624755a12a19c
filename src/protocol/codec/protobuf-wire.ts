/** Protobuf wire types and the module-local kind constants both protobuf halves switch on. */
import { Card, Kind, compiled } from './compile.ts';
import type { CompiledField, CompiledMessage } from './compile.ts';
import type { MessageSchemaOf } from './schema.ts';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

export const TWO_32 = 2 ** 32;

export const tableOfField = (f: CompiledField): CompiledMessage => (f.sub ??= compiled(f.message as MessageSchemaOf<unknown>));

/** The wire type a singular value of this kind travels as. */
export function expectedWireType(kind: number): number {
  if (kind === Kind.double) return WIRE_FIXED64;
  if (kind === Kind.string || kind === Kind.bytes || kind === Kind.message) return WIRE_LENGTH;
  return WIRE_VARINT;
}

/** Repeated numbers, bools and enums may arrive packed into one length-delimited field. */
export function isPackable(f: CompiledField): boolean {
  return f.kind !== Kind.string && f.kind !== Kind.bytes && f.kind !== Kind.message;
}

export function wireTypeFits(f: CompiledField, wireType: number): boolean {
  if (f.card === Card.map) return wireType === WIRE_LENGTH;
  if (f.card === Card.repeated && wireType === WIRE_LENGTH && isPackable(f)) return true;
  return wireType === expectedWireType(f.kind);
}
