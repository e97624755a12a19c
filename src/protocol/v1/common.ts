/** Small shared messages of mesos.proto: labels, parameters, time, UUIDs, secrets. */
import { bytes, enumOf, field, int64, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';

export const Label = message('mesos.v1.Label', () => ({
  key: field(1, str(), { required: true }),
  value: field(2, str()),
}));
export type Label = Infer<typeof Label>;

export const Labels = message('mesos.v1.Labels', () => ({
  labels: repeated(1, Label),
}));
export type Labels = Infer<typeof Labels>;

export const Parameter = message('mesos.v1.Parameter', () => ({
  key: field(1, str(), { required: true }),
  value: field(2, str(), { required: true }),
}));
export type Parameter = Infer<typeof Parameter>;

export const Parameters = message('mesos.v1.Parameters', () => ({
  parameter: repeated(1, Parameter),
}));
export type Parameters = Infer<typeof Parameters>;

/** A point in time, nanoseconds since the epoch. */
export const TimeInfo = message('mesos.v1.TimeInfo', () => ({
  nanoseconds: field(1, int64(), { required: true }),
}));
export type TimeInfo = Infer<typeof TimeInfo>;

export const DurationInfo = message('mesos.v1.DurationInfo', () => ({
  nanoseconds: field(1, int64(), { required: true }),
}));
export type DurationInfo = Infer<typeof DurationInfo>;

/** 16 raw bytes, base64 on the wire. */
export const UUID = message('mesos.v1.UUID', () => ({
  value: field(1, bytes(), { required: true }),
}));
export type UUID = Infer<typeof UUID>;

export const SecretType = enumOf('mesos.v1.Secret.Type', { UNKNOWN: 0, REFERENCE: 1, VALUE: 2 } as const);
export type SecretType = Infer<typeof SecretType>;

export const SecretReference = message('mesos.v1.Secret.Reference', () => ({
  name: field(1, str(), { required: true }),
  key: field(2, str()),
}));
export type SecretReference = Infer<typeof SecretReference>;

export const SecretValue = message('mesos.v1.Secret.Value', () => ({
  data: field(1, bytes(), { required: true }),
}));
export type SecretValue = Infer<typeof SecretValue>;

export const Secret = message('mesos.v1.Secret', () => ({
  type: field(1, SecretType),
  reference: field(2, SecretReference),
  value: field(3, SecretValue),
}));
export type Secret = Infer<typeof Secret>;

/** Maintenance window of an agent. */
export const Unavailability = message('mesos.v1.Unavailability', () => ({
  start: field(1, TimeInfo, { required: true }),
  duration: field(2, DurationInfo),
}));
export type Unavailability = Infer<typeof Unavailability>;
