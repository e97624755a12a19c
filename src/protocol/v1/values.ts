/** Value, Attribute and Resource (with its reservation, disk and allocation info). */
import { double, enumOf, field, mapOf, message, repeated, str, uint64 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { Labels } from './common.ts';
import { Volume } from './container.ts';
import { ResourceProviderID } from './ids.ts';

export const ValueType = enumOf('mesos.v1.Value.Type', { SCALAR: 0, RANGES: 1, SET: 2, TEXT: 3 } as const);
export type ValueType = Infer<typeof ValueType>;

export const ValueScalar = message('mesos.v1.Value.Scalar', () => ({
  value: field(1, double(), { required: true }),
}));
export type ValueScalar = Infer<typeof ValueScalar>;

export const ValueRange = message('mesos.v1.Value.Range', () => ({
  begin: field(1, uint64(), { required: true }),
  end: field(2, uint64(), { required: true }),
}));
export type ValueRange = Infer<typeof ValueRange>;

export const ValueRanges = message('mesos.v1.Value.Ranges', () => ({
  range: repeated(1, ValueRange),
}));
export type ValueRanges = Infer<typeof ValueRanges>;

export const ValueSet = message('mesos.v1.Value.Set', () => ({
  item: repeated(1, str()),
}));
export type ValueSet = Infer<typeof ValueSet>;

export const ValueText = message('mesos.v1.Value.Text', () => ({
  value: field(1, str(), { required: true }),
}));
export type ValueText = Infer<typeof ValueText>;

export const Value = message('mesos.v1.Value', () => ({
  type: field(1, ValueType, { required: true }),
  scalar: field(2, ValueScalar),
  ranges: field(3, ValueRanges),
  set: field(4, ValueSet),
  text: field(5, ValueText),
}));
export type Value = Infer<typeof Value>;

export const Attribute = message('mesos.v1.Attribute', () => ({
  name: field(1, str(), { required: true }),
  type: field(2, ValueType, { required: true }),
  scalar: field(3, ValueScalar),
  ranges: field(4, ValueRanges),
  set: field(6, ValueSet),
  text: field(5, ValueText),
}));
export type Attribute = Infer<typeof Attribute>;

export const ReservationType = enumOf('mesos.v1.Resource.ReservationInfo.Type', { UNKNOWN: 0, STATIC: 1, DYNAMIC: 2 } as const);
export type ReservationType = Infer<typeof ReservationType>;

export const ReservationInfo = message('mesos.v1.Resource.ReservationInfo', () => ({
  type: field(4, ReservationType),
  role: field(3, str()),
  principal: field(1, str()),
  labels: field(2, Labels),
}));
export type ReservationInfo = Infer<typeof ReservationInfo>;

export const AllocationInfo = message('mesos.v1.Resource.AllocationInfo', () => ({
  role: field(1, str()),
}));
export type AllocationInfo = Infer<typeof AllocationInfo>;

export const DiskPersistence = message('mesos.v1.Resource.DiskInfo.Persistence', () => ({
  id: field(1, str(), { required: true }),
  principal: field(2, str()),
}));
export type DiskPersistence = Infer<typeof DiskPersistence>;

export const DiskSourceType = enumOf('mesos.v1.Resource.DiskInfo.Source.Type', { UNKNOWN: 0, PATH: 1, MOUNT: 2, BLOCK: 3, RAW: 4 } as const);
export type DiskSourceType = Infer<typeof DiskSourceType>;

export const DiskSourcePath = message('mesos.v1.Resource.DiskInfo.Source.Path', () => ({
  root: field(1, str()),
}));
export type DiskSourcePath = Infer<typeof DiskSourcePath>;

export const DiskSourceMount = message('mesos.v1.Resource.DiskInfo.Source.Mount', () => ({
  root: field(1, str()),
}));
export type DiskSourceMount = Infer<typeof DiskSourceMount>;

export const DiskSource = message('mesos.v1.Resource.DiskInfo.Source', () => ({
  type: field(1, DiskSourceType, { required: true }),
  path: field(2, DiskSourcePath),
  mount: field(3, DiskSourceMount),
  id: field(4, str()),
  metadata: field(5, Labels),
  profile: field(6, str()),
  vendor: field(7, str()),
}));
export type DiskSource = Infer<typeof DiskSource>;

export const DiskInfo = message('mesos.v1.Resource.DiskInfo', () => ({
  persistence: field(1, DiskPersistence),
  volume: field(2, Volume),
  source: field(3, DiskSource),
}));
export type DiskInfo = Infer<typeof DiskInfo>;

/** Empty marker messages: presence is the information. */
export const RevocableInfo = message('mesos.v1.Resource.RevocableInfo', () => ({}));
export type RevocableInfo = Infer<typeof RevocableInfo>;
export const SharedInfo = message('mesos.v1.Resource.SharedInfo', () => ({}));
export type SharedInfo = Infer<typeof SharedInfo>;

export const Resource = message('mesos.v1.Resource', () => ({
  provider_id: field(12, ResourceProviderID),
  name: field(1, str(), { required: true }),
  type: field(2, ValueType, { required: true }),
  scalar: field(3, ValueScalar),
  ranges: field(4, ValueRanges),
  set: field(5, ValueSet),
  // Pre-refinement reservation format; Mesos omits it from output unless set.
  role: field(6, str(), { default: '*', deprecated: true }),
  allocation_info: field(11, AllocationInfo),
  reservation: field(8, ReservationInfo),
  reservations: repeated(13, ReservationInfo),
  disk: field(7, DiskInfo),
  revocable: field(9, RevocableInfo),
  shared: field(10, SharedInfo),
}));
export type Resource = Infer<typeof Resource>;

/** Scalar quantities by resource name, e.g. `{cpus: {value: 1}}`. */
export const ResourceQuantities = message('mesos.v1.ResourceQuantities', () => ({
  quantities: mapOf(1, ValueScalar),
}));
export type ResourceQuantities = Infer<typeof ResourceQuantities>;
