/**
 * Test kit: fast-check arbitraries of valid JSON for any message schema, so property tests and
 * fuzzers cover every field we declare without hand-written fixtures.
 */
import fc from 'fast-check';
import { fieldTable } from './introspect.ts';
import type { FieldInfo } from './introspect.ts';
import type { EnumSchema, MessageSchemaOf, Schema } from './schema.ts';

const MAX_MESSAGE_DEPTH = 7;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// --- valid values from a schema ----------------------------------------------------------------

const memo = new Map<string, fc.Arbitrary<Json>>();

export function validOf(schema: Schema<unknown>, depth: number): fc.Arbitrary<Json> {
  switch (schema.kind) {
    case 'string':
      return fc.string({ maxLength: 8 });
    case 'bytes':
      return fc.uint8Array({ maxLength: 18 }).map((b) => Buffer.from(b).toString('base64'));
    case 'bool':
      return fc.boolean();
    case 'int32':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'uint32':
      return fc.integer({ min: 0, max: 2 ** 32 - 1 });
    case 'int64':
      return fc.maxSafeInteger();
    case 'uint64':
      return fc.maxSafeNat();
    case 'double':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'enum':
      return fc.constantFrom(...(schema as EnumSchema<string>).names);
    case 'message':
      return messageOf(schema as MessageSchemaOf<unknown>, depth);
  }
}

export function messageOf(schema: MessageSchemaOf<unknown>, depth: number): fc.Arbitrary<Json> {
  const key = `${schema.typeName}@${depth}`;
  const cached = memo.get(key);
  if (cached !== undefined) return cached;
  // Placeholder breaks cycles (ContainerID.parent) while the real arbitrary is being built.
  const later: { arbitrary?: fc.Arbitrary<Json> } = {};
  memo.set(key, fc.constant(null).chain(() => later.arbitrary as fc.Arbitrary<Json>));
  const parts: Record<string, fc.Arbitrary<Json | undefined>> = {};
  for (const f of fieldTable(schema)) {
    if (f.cardinality === 'required') {
      parts[f.name] = validOf(f.type, depth + 1);
    } else if (depth < MAX_MESSAGE_DEPTH) {
      // Mostly absent, so generated calls stay small enough to fuzz 10,000 of them.
      parts[f.name] = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: containerOf(f, depth) });
    }
  }
  const built = fc.record(parts).map((record) => {
    const out: { [key: string]: Json } = {};
    for (const [name, value] of Object.entries(record)) if (value !== undefined) out[name] = value;
    return out;
  });
  later.arbitrary = built;
  memo.set(key, built);
  return built;
}

function containerOf(f: FieldInfo, depth: number): fc.Arbitrary<Json> {
  const element = validOf(f.type, depth + 1);
  if (f.cardinality === 'repeated') return fc.array(element, { minLength: 1, maxLength: 2 });
  if (f.cardinality === 'map') return fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), element, { minKeys: 1, maxKeys: 2 });
  return element;
}

