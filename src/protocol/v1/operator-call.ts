/**
 * The master's v1 operator API calls (`POST /api/v1`, mesos.v1.master.Call): the commonly used
 * ones. Maintenance schedules and the deprecated quota calls are not declared yet; their bodies
 * are ignored like any unknown key.
 */
import { bool, enumOf, field, message, repeated, str, uint32, uint64 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { DurationInfo } from './common.ts';
import { AgentID, FrameworkID } from './ids.ts';
import { QuotaConfig, WeightInfo } from './operator-common.ts';
import { Resource, ValueScalar } from './values.ts';

export const OperatorCallType = enumOf('mesos.v1.master.Call.Type', {
  UNKNOWN: 0,
  GET_HEALTH: 1,
  GET_FLAGS: 2,
  GET_VERSION: 3,
  GET_METRICS: 4,
  GET_LOGGING_LEVEL: 5,
  SET_LOGGING_LEVEL: 6,
  LIST_FILES: 7,
  READ_FILE: 8,
  GET_STATE: 9,
  GET_AGENTS: 10,
  GET_FRAMEWORKS: 11,
  GET_EXECUTORS: 12,
  GET_TASKS: 13,
  GET_ROLES: 14,
  GET_WEIGHTS: 15,
  UPDATE_WEIGHTS: 16,
  GET_MASTER: 17,
  SUBSCRIBE: 18,
  RESERVE_RESOURCES: 19,
  UNRESERVE_RESOURCES: 20,
  CREATE_VOLUMES: 21,
  DESTROY_VOLUMES: 22,
  GET_MAINTENANCE_STATUS: 23,
  GET_MAINTENANCE_SCHEDULE: 24,
  UPDATE_MAINTENANCE_SCHEDULE: 25,
  START_MAINTENANCE: 26,
  STOP_MAINTENANCE: 27,
  GET_QUOTA: 28,
  SET_QUOTA: 29,
  REMOVE_QUOTA: 30,
  TEARDOWN: 31,
  MARK_AGENT_GONE: 32,
  GET_OPERATIONS: 33,
  GROW_VOLUME: 34,
  SHRINK_VOLUME: 35,
  UPDATE_QUOTA: 36,
  DRAIN_AGENT: 37,
  DEACTIVATE_AGENT: 38,
  REACTIVATE_AGENT: 39,
} as const);
export type OperatorCallType = Infer<typeof OperatorCallType>;

export const OperatorGetMetrics = message('mesos.v1.master.Call.GetMetrics', () => ({
  timeout: field(1, DurationInfo),
}));
export type OperatorGetMetrics = Infer<typeof OperatorGetMetrics>;

export const OperatorSetLoggingLevel = message('mesos.v1.master.Call.SetLoggingLevel', () => ({
  level: field(1, uint32(), { required: true }),
  duration: field(2, DurationInfo, { required: true }),
}));
export type OperatorSetLoggingLevel = Infer<typeof OperatorSetLoggingLevel>;

export const OperatorListFiles = message('mesos.v1.master.Call.ListFiles', () => ({
  path: field(1, str(), { required: true }),
}));
export type OperatorListFiles = Infer<typeof OperatorListFiles>;

export const OperatorReadFile = message('mesos.v1.master.Call.ReadFile', () => ({
  path: field(1, str(), { required: true }),
  offset: field(2, uint64(), { required: true }),
  length: field(3, uint64()),
}));
export type OperatorReadFile = Infer<typeof OperatorReadFile>;

export const OperatorUpdateWeights = message('mesos.v1.master.Call.UpdateWeights', () => ({
  weight_infos: repeated(1, WeightInfo),
}));
export type OperatorUpdateWeights = Infer<typeof OperatorUpdateWeights>;

export const OperatorReserveResources = message('mesos.v1.master.Call.ReserveResources', () => ({
  agent_id: field(1, AgentID, { required: true }),
  source: repeated(3, Resource),
  resources: repeated(2, Resource),
}));
export type OperatorReserveResources = Infer<typeof OperatorReserveResources>;

export const OperatorUnreserveResources = message('mesos.v1.master.Call.UnreserveResources', () => ({
  agent_id: field(1, AgentID, { required: true }),
  resources: repeated(2, Resource),
}));
export type OperatorUnreserveResources = Infer<typeof OperatorUnreserveResources>;

export const OperatorCreateVolumes = message('mesos.v1.master.Call.CreateVolumes', () => ({
  agent_id: field(1, AgentID, { required: true }),
  volumes: repeated(2, Resource),
}));
export type OperatorCreateVolumes = Infer<typeof OperatorCreateVolumes>;

export const OperatorDestroyVolumes = message('mesos.v1.master.Call.DestroyVolumes', () => ({
  agent_id: field(1, AgentID, { required: true }),
  volumes: repeated(2, Resource),
}));
export type OperatorDestroyVolumes = Infer<typeof OperatorDestroyVolumes>;

export const OperatorGrowVolume = message('mesos.v1.master.Call.GrowVolume', () => ({
  agent_id: field(1, AgentID),
  volume: field(2, Resource, { required: true }),
  addition: field(3, Resource, { required: true }),
}));
export type OperatorGrowVolume = Infer<typeof OperatorGrowVolume>;

export const OperatorShrinkVolume = message('mesos.v1.master.Call.ShrinkVolume', () => ({
  agent_id: field(1, AgentID),
  volume: field(2, Resource, { required: true }),
  subtract: field(3, ValueScalar, { required: true }),
}));
export type OperatorShrinkVolume = Infer<typeof OperatorShrinkVolume>;

export const OperatorTeardown = message('mesos.v1.master.Call.Teardown', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
}));
export type OperatorTeardown = Infer<typeof OperatorTeardown>;

const agentOnly = (typeName: string) => message(typeName, () => ({ agent_id: field(1, AgentID, { required: true }) }));

export const OperatorMarkAgentGone = agentOnly('mesos.v1.master.Call.MarkAgentGone');
export type OperatorMarkAgentGone = Infer<typeof OperatorMarkAgentGone>;
export const OperatorDeactivateAgent = agentOnly('mesos.v1.master.Call.DeactivateAgent');
export type OperatorDeactivateAgent = Infer<typeof OperatorDeactivateAgent>;
export const OperatorReactivateAgent = agentOnly('mesos.v1.master.Call.ReactivateAgent');
export type OperatorReactivateAgent = Infer<typeof OperatorReactivateAgent>;

export const OperatorUpdateQuota = message('mesos.v1.master.Call.UpdateQuota', () => ({
  force: field(1, bool()),
  quota_configs: repeated(2, QuotaConfig),
}));
export type OperatorUpdateQuota = Infer<typeof OperatorUpdateQuota>;

export const OperatorDrainAgent = message('mesos.v1.master.Call.DrainAgent', () => ({
  agent_id: field(1, AgentID, { required: true }),
  max_grace_period: field(2, DurationInfo),
  mark_gone: field(3, bool()),
}));
export type OperatorDrainAgent = Infer<typeof OperatorDrainAgent>;

export const OperatorCall = message('mesos.v1.master.Call', () => ({
  type: field(1, OperatorCallType),
  get_metrics: field(2, OperatorGetMetrics),
  set_logging_level: field(3, OperatorSetLoggingLevel),
  list_files: field(4, OperatorListFiles),
  read_file: field(5, OperatorReadFile),
  update_weights: field(6, OperatorUpdateWeights),
  reserve_resources: field(7, OperatorReserveResources),
  unreserve_resources: field(8, OperatorUnreserveResources),
  create_volumes: field(9, OperatorCreateVolumes),
  destroy_volumes: field(10, OperatorDestroyVolumes),
  teardown: field(16, OperatorTeardown),
  mark_agent_gone: field(17, OperatorMarkAgentGone),
  grow_volume: field(18, OperatorGrowVolume),
  shrink_volume: field(19, OperatorShrinkVolume),
  update_quota: field(20, OperatorUpdateQuota),
  drain_agent: field(21, OperatorDrainAgent),
  deactivate_agent: field(22, OperatorDeactivateAgent),
  reactivate_agent: field(23, OperatorReactivateAgent),
}));
export type OperatorCall = Infer<typeof OperatorCall>;
