/**
 * Typed value -> JSON the way Mesos writes it: set fields, plus unset optional fields that have
 * a default and are not deprecated (clients rely on seeing e.g. `"shell":true`), empty repeated
 * fields omitted, infinities as "Infinity". The input is trusted to match its type.
 */
import { Card, Kind, compiled } from './compile.ts';
import type { CompiledField, CompiledMessage } from './compile.ts';
import type { Infer, MessageSchemaOf, Schema } from './schema.ts';

// tsx compiles imported bindings to getter calls, which dominated profiles of the hot loops;
// they read these module-local copies instead.
const K_DOUBLE = Kind.double;
const K_MESSAGE = Kind.message;
const C_OPTIONAL = Card.optional;
const C_REPEATED = Card.repeated;
const C_MAP = Card.map;
const compiledTable = compiled;
const tableOfField = (f: CompiledField): CompiledMessage => (f.sub ??= compiledTable(f.message as MessageSchemaOf<unknown>));


/** A plain JSON value (objects, arrays, strings, numbers, booleans). */
export function encode<S extends Schema<unknown>>(schema: S, value: Infer<S>): unknown {
  if (schema.kind === 'message') return encodeMessage(compiled(schema as unknown as MessageSchemaOf<unknown>), value);
  if (schema.kind === 'double') return encodeDouble(value as number);
  return value;
}

/** Compact JSON text, as Mesos sends it. */
export function encodeJson<S extends Schema<unknown>>(schema: S, value: Infer<S>): string {
  return JSON.stringify(encode(schema, value));
}

function encodeMessage(table: CompiledMessage, value: unknown): Record<string, unknown> {
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const fields = table.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as CompiledField;
    const v = input[f.name];
    if (v === undefined || v === null) {
      if (f.hasDefault && f.card === C_OPTIONAL && !f.deprecated) out[f.name] = encodeSingle(f, f.default);
      continue;
    }
    if (f.card === C_REPEATED) {
      const list = v as readonly unknown[];
      if (list.length === 0) continue;
      const encoded = new Array<unknown>(list.length);
      for (let j = 0; j < list.length; j++) encoded[j] = encodeSingle(f, list[j]);
      out[f.name] = encoded;
    } else if (f.card === C_MAP) {
      const entries: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(v as Record<string, unknown>)) {
        Object.defineProperty(entries, key, { value: encodeSingle(f, entry), enumerable: true, writable: true, configurable: true });
      }
      out[f.name] = entries;
    } else {
      out[f.name] = encodeSingle(f, v);
    }
  }
  return out;
}

function encodeSingle(f: CompiledField, v: unknown): unknown {
  if (f.kind === K_MESSAGE) return encodeMessage(tableOfField(f), v);
  if (f.kind === K_DOUBLE) return encodeDouble(v as number);
  return v;
}

function encodeDouble(n: number): number | string {
  // JSON has no infinities; Mesos' parser reads them back from these strings.
  if (Number.isFinite(n)) return n;
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}
