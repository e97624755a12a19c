/**
 * Read-only view of a message's declared fields, for code that needs the proto facts (field
 * numbers for protobuf encoding, defaults for handlers, generated docs) without the codec internals.
 */
import { compiled } from './compile.ts';
import type { Cardinality, MessageSchemaOf, Schema, SchemaKind } from './schema.ts';

export interface FieldInfo {
  readonly name: string;
  readonly number: number;
  readonly cardinality: Cardinality;
  readonly kind: SchemaKind;
  readonly type: Schema<unknown>;
  readonly default: unknown;
  readonly deprecated: boolean;
}

const CARDINALITIES: readonly Cardinality[] = ['optional', 'required', 'repeated', 'map'];

export function fieldTable(schema: MessageSchemaOf<unknown>): readonly FieldInfo[] {
  return compiled(schema).fields.map((f) => ({
    name: f.name,
    number: f.number,
    cardinality: CARDINALITIES[f.card] as Cardinality,
    kind: f.schema.kind,
    type: f.schema,
    default: f.default,
    deprecated: f.deprecated,
  }));
}
