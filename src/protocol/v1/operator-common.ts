/** Messages the operator API's calls, answers and events share (mesos.proto). */
import { bool, double, enumOf, field, int32, mapOf, message, repeated, str, uint32, uint64 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { DurationInfo, TimeInfo, UUID } from './common.ts';
import { AgentID, FrameworkID } from './ids.ts';
import { OfferOperation } from './offer.ts';
import { OperationStatus } from './operation.ts';
import { Resource, ValueScalar } from './values.ts';

export const OperatorFlag = message('mesos.v1.Flag', () => ({
  name: field(1, str(), { required: true }),
  value: field(2, str()),
}));
export type OperatorFlag = Infer<typeof OperatorFlag>;

export const VersionInfo = message('mesos.v1.VersionInfo', () => ({
  version: field(1, str(), { required: true }),
  build_date: field(2, str()),
  build_time: field(3, double()),
  build_user: field(4, str()),
  git_sha: field(5, str()),
  git_branch: field(6, str()),
  git_tag: field(7, str()),
}));
export type VersionInfo = Infer<typeof VersionInfo>;

export const Metric = message('mesos.v1.Metric', () => ({
  name: field(1, str(), { required: true }),
  value: field(2, double()),
}));
export type Metric = Infer<typeof Metric>;

export const FileInfo = message('mesos.v1.FileInfo', () => ({
  path: field(1, str(), { required: true }),
  nlink: field(2, int32()),
  size: field(3, uint64()),
  mtime: field(4, TimeInfo),
  mode: field(5, uint32()),
  uid: field(6, str()),
  gid: field(7, str()),
}));
export type FileInfo = Infer<typeof FileInfo>;

export const WeightInfo = message('mesos.v1.WeightInfo', () => ({
  weight: field(1, double(), { required: true }),
  role: field(2, str()),
}));
export type WeightInfo = Infer<typeof WeightInfo>;

export const Role = message('mesos.v1.Role', () => ({
  name: field(1, str(), { required: true }),
  weight: field(2, double(), { required: true }),
  frameworks: repeated(3, FrameworkID),
  resources: repeated(4, Resource),
}));
export type Role = Infer<typeof Role>;

export const QuotaConfig = message('mesos.v1.QuotaConfig', () => ({
  role: field(1, str(), { required: true }),
  guarantees: mapOf(2, ValueScalar),
  limits: mapOf(3, ValueScalar),
}));
export type QuotaConfig = Infer<typeof QuotaConfig>;

export const DrainState = enumOf('mesos.v1.DrainState', { UNKNOWN: 0, DRAINING: 1, DRAINED: 2 } as const);
export type DrainState = Infer<typeof DrainState>;

export const DrainConfig = message('mesos.v1.DrainConfig', () => ({
  max_grace_period: field(1, DurationInfo),
  mark_gone: field(2, bool(), { default: false }),
}));
export type DrainConfig = Infer<typeof DrainConfig>;

export const DrainInfo = message('mesos.v1.DrainInfo', () => ({
  state: field(1, DrainState, { required: true }),
  config: field(2, DrainConfig, { required: true }),
}));
export type DrainInfo = Infer<typeof DrainInfo>;

/** An offer operation the master tracks because the framework asked for feedback (`id` set). */
export const Operation = message('mesos.v1.Operation', () => ({
  framework_id: field(1, FrameworkID),
  agent_id: field(2, AgentID),
  info: field(3, OfferOperation, { required: true }),
  latest_status: field(4, OperationStatus, { required: true }),
  statuses: repeated(5, OperationStatus),
  uuid: field(6, UUID, { required: true }),
}));
export type Operation = Infer<typeof Operation>;
