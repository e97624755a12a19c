/** The schema DSL and the Mesos JSON codec derived from it. */
export { str, bool, int32, uint32, int64, uint64, double, bytes, enumOf, message, field, repeated, mapOf } from './schema.ts';
export type {
  Schema,
  ScalarSchema,
  EnumSchema,
  MessageSchema,
  MessageSchemaOf,
  MessageType,
  FieldSpec,
  FieldsOf,
  Cardinality,
  Infer,
  ScalarKind,
  SchemaKind,
} from './schema.ts';
export { decode, parseJson } from './decode.ts';
export { formatPath, DEFAULT_DECODE_LIMITS } from './context.ts';
export type { Problem, Result, DecodeOptions } from './context.ts';
export { encode, encodeJson } from './encode.ts';
export { fieldTable } from './introspect.ts';
export type { FieldInfo } from './introspect.ts';
export { encodeProtobuf } from './protobuf-encode.ts';
export { decodeProtobuf } from './protobuf-decode.ts';
