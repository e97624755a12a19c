/**
 * The master's v1 operator API (`POST /api/v1`, mesos.v1.master.Call/Response/Event): the
 * commonly used calls, every GET_* answer the web UI and tools read, and the SUBSCRIBE event
 * stream. Maintenance schedules and the deprecated quota calls are not declared yet; unknown keys
 * in them are ignored like any other.
 */
import { bool, bytes, double, enumOf, field, int32, mapOf, message, repeated, str, uint32, uint64 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { DurationInfo, TimeInfo, UUID } from './common.ts';
import { ExecutorInfo } from './executor-info.ts';
import { FrameworkInfo } from './framework.ts';
import { AgentID, FrameworkID } from './ids.ts';
import { AgentCapability, AgentInfo, MasterInfo } from './master-info.ts';
import { InverseOffer, Offer, OfferOperation } from './offer.ts';
import { OperationStatus } from './operation.ts';
import { OfferConstraints } from './scheduler.ts';
import { Task, TaskState, TaskStatus } from './task.ts';
import { Resource, ValueScalar } from './values.ts';

// --- Shared pieces -------------------------------------------------------------------------

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

// --- Call ----------------------------------------------------------------------------------

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

// --- Response ------------------------------------------------------------------------------

/** Response type numbers differ from the call numbers (GET_STATE is 8 here, 9 in Call). */
export const OperatorResponseType = enumOf('mesos.v1.master.Response.Type', {
  UNKNOWN: 0,
  GET_HEALTH: 1,
  GET_FLAGS: 2,
  GET_VERSION: 3,
  GET_METRICS: 4,
  GET_LOGGING_LEVEL: 5,
  LIST_FILES: 6,
  READ_FILE: 7,
  GET_STATE: 8,
  GET_AGENTS: 9,
  GET_FRAMEWORKS: 10,
  GET_EXECUTORS: 11,
  GET_TASKS: 12,
  GET_ROLES: 13,
  GET_WEIGHTS: 14,
  GET_MASTER: 15,
  GET_MAINTENANCE_STATUS: 16,
  GET_MAINTENANCE_SCHEDULE: 17,
  GET_QUOTA: 18,
  GET_OPERATIONS: 19,
} as const);
export type OperatorResponseType = Infer<typeof OperatorResponseType>;

export const GetHealth = message('mesos.v1.master.Response.GetHealth', () => ({
  healthy: field(1, bool(), { required: true }),
}));
export type GetHealth = Infer<typeof GetHealth>;

export const GetFlags = message('mesos.v1.master.Response.GetFlags', () => ({
  flags: repeated(1, OperatorFlag),
}));
export type GetFlags = Infer<typeof GetFlags>;

export const GetVersion = message('mesos.v1.master.Response.GetVersion', () => ({
  version_info: field(1, VersionInfo, { required: true }),
}));
export type GetVersion = Infer<typeof GetVersion>;

export const GetMetrics = message('mesos.v1.master.Response.GetMetrics', () => ({
  metrics: repeated(1, Metric),
}));
export type GetMetrics = Infer<typeof GetMetrics>;

export const GetLoggingLevel = message('mesos.v1.master.Response.GetLoggingLevel', () => ({
  level: field(1, uint32(), { required: true }),
}));
export type GetLoggingLevel = Infer<typeof GetLoggingLevel>;

export const ListFiles = message('mesos.v1.master.Response.ListFiles', () => ({
  file_infos: repeated(1, FileInfo),
}));
export type ListFiles = Infer<typeof ListFiles>;

export const ReadFile = message('mesos.v1.master.Response.ReadFile', () => ({
  size: field(1, uint64(), { required: true }),
  data: field(2, bytes(), { required: true }),
}));
export type ReadFile = Infer<typeof ReadFile>;

export const GetAgentsAgent = message('mesos.v1.master.Response.GetAgents.Agent', () => ({
  agent_info: field(1, AgentInfo, { required: true }),
  active: field(2, bool(), { required: true }),
  deactivated: field(14, bool()),
  version: field(3, str(), { required: true }),
  pid: field(4, str()),
  registered_time: field(5, TimeInfo),
  reregistered_time: field(6, TimeInfo),
  total_resources: repeated(7, Resource),
  allocated_resources: repeated(8, Resource),
  offered_resources: repeated(9, Resource),
  capabilities: repeated(10, AgentCapability),
  drain_info: field(12, DrainInfo),
  estimated_drain_start_time: field(13, TimeInfo),
}));
export type GetAgentsAgent = Infer<typeof GetAgentsAgent>;

export const GetAgents = message('mesos.v1.master.Response.GetAgents', () => ({
  agents: repeated(1, GetAgentsAgent),
  recovered_agents: repeated(2, AgentInfo),
}));
export type GetAgents = Infer<typeof GetAgents>;

export const GetFrameworksFramework = message('mesos.v1.master.Response.GetFrameworks.Framework', () => ({
  framework_info: field(1, FrameworkInfo, { required: true }),
  active: field(2, bool(), { required: true }),
  connected: field(3, bool(), { required: true }),
  recovered: field(11, bool()),
  registered_time: field(4, TimeInfo),
  reregistered_time: field(5, TimeInfo),
  unregistered_time: field(6, TimeInfo),
  offers: repeated(7, Offer),
  inverse_offers: repeated(8, InverseOffer),
  allocated_resources: repeated(9, Resource),
  offered_resources: repeated(10, Resource),
  offer_constraints: field(12, OfferConstraints),
}));
export type GetFrameworksFramework = Infer<typeof GetFrameworksFramework>;

export const GetFrameworks = message('mesos.v1.master.Response.GetFrameworks', () => ({
  frameworks: repeated(1, GetFrameworksFramework),
  completed_frameworks: repeated(2, GetFrameworksFramework),
}));
export type GetFrameworks = Infer<typeof GetFrameworks>;

export const GetExecutorsExecutor = message('mesos.v1.master.Response.GetExecutors.Executor', () => ({
  executor_info: field(1, ExecutorInfo, { required: true }),
  agent_id: field(2, AgentID, { required: true }),
}));
export type GetExecutorsExecutor = Infer<typeof GetExecutorsExecutor>;

export const GetExecutors = message('mesos.v1.master.Response.GetExecutors', () => ({
  executors: repeated(1, GetExecutorsExecutor),
}));
export type GetExecutors = Infer<typeof GetExecutors>;

export const GetTasks = message('mesos.v1.master.Response.GetTasks', () => ({
  pending_tasks: repeated(1, Task),
  tasks: repeated(2, Task),
  unreachable_tasks: repeated(5, Task),
  completed_tasks: repeated(3, Task),
}));
export type GetTasks = Infer<typeof GetTasks>;

export const GetState = message('mesos.v1.master.Response.GetState', () => ({
  get_tasks: field(1, GetTasks),
  get_executors: field(2, GetExecutors),
  get_frameworks: field(3, GetFrameworks),
  get_agents: field(4, GetAgents),
}));
export type GetState = Infer<typeof GetState>;

export const GetRoles = message('mesos.v1.master.Response.GetRoles', () => ({
  roles: repeated(1, Role),
}));
export type GetRoles = Infer<typeof GetRoles>;

export const GetWeights = message('mesos.v1.master.Response.GetWeights', () => ({
  weight_infos: repeated(1, WeightInfo),
}));
export type GetWeights = Infer<typeof GetWeights>;

export const GetMaster = message('mesos.v1.master.Response.GetMaster', () => ({
  master_info: field(1, MasterInfo),
  /** Seconds since the epoch. */
  start_time: field(2, double()),
  elected_time: field(3, double()),
}));
export type GetMaster = Infer<typeof GetMaster>;

export const GetOperations = message('mesos.v1.master.Response.GetOperations', () => ({
  operations: repeated(1, Operation),
}));
export type GetOperations = Infer<typeof GetOperations>;

export const OperatorResponse = message('mesos.v1.master.Response', () => ({
  type: field(1, OperatorResponseType),
  get_health: field(2, GetHealth),
  get_flags: field(3, GetFlags),
  get_version: field(4, GetVersion),
  get_metrics: field(5, GetMetrics),
  get_logging_level: field(6, GetLoggingLevel),
  list_files: field(7, ListFiles),
  read_file: field(8, ReadFile),
  get_state: field(9, GetState),
  get_agents: field(10, GetAgents),
  get_frameworks: field(11, GetFrameworks),
  get_executors: field(12, GetExecutors),
  get_tasks: field(13, GetTasks),
  get_roles: field(14, GetRoles),
  get_weights: field(15, GetWeights),
  get_master: field(16, GetMaster),
  get_operations: field(20, GetOperations),
}));
export type OperatorResponse = Infer<typeof OperatorResponse>;

// --- Event (the SUBSCRIBE stream) ------------------------------------------------------------

export const OperatorEventType = enumOf('mesos.v1.master.Event.Type', {
  UNKNOWN: 0,
  SUBSCRIBED: 1,
  TASK_ADDED: 2,
  TASK_UPDATED: 3,
  AGENT_ADDED: 4,
  AGENT_REMOVED: 5,
  FRAMEWORK_ADDED: 6,
  FRAMEWORK_UPDATED: 7,
  FRAMEWORK_REMOVED: 8,
  HEARTBEAT: 9,
} as const);
export type OperatorEventType = Infer<typeof OperatorEventType>;

export const OperatorEventSubscribed = message('mesos.v1.master.Event.Subscribed', () => ({
  get_state: field(1, GetState, { required: true }),
  heartbeat_interval_seconds: field(2, double()),
}));
export type OperatorEventSubscribed = Infer<typeof OperatorEventSubscribed>;

export const OperatorEventTaskAdded = message('mesos.v1.master.Event.TaskAdded', () => ({
  task: field(1, Task, { required: true }),
}));
export type OperatorEventTaskAdded = Infer<typeof OperatorEventTaskAdded>;

export const OperatorEventTaskUpdated = message('mesos.v1.master.Event.TaskUpdated', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
  status: field(2, TaskStatus, { required: true }),
  state: field(3, TaskState, { required: true }),
}));
export type OperatorEventTaskUpdated = Infer<typeof OperatorEventTaskUpdated>;

export const OperatorEventAgentAdded = message('mesos.v1.master.Event.AgentAdded', () => ({
  agent: field(1, GetAgentsAgent, { required: true }),
}));
export type OperatorEventAgentAdded = Infer<typeof OperatorEventAgentAdded>;

export const OperatorEventAgentRemoved = message('mesos.v1.master.Event.AgentRemoved', () => ({
  agent_id: field(1, AgentID, { required: true }),
}));
export type OperatorEventAgentRemoved = Infer<typeof OperatorEventAgentRemoved>;

export const OperatorEventFrameworkAdded = message('mesos.v1.master.Event.FrameworkAdded', () => ({
  framework: field(1, GetFrameworksFramework, { required: true }),
}));
export type OperatorEventFrameworkAdded = Infer<typeof OperatorEventFrameworkAdded>;

export const OperatorEventFrameworkUpdated = message('mesos.v1.master.Event.FrameworkUpdated', () => ({
  framework: field(1, GetFrameworksFramework, { required: true }),
}));
export type OperatorEventFrameworkUpdated = Infer<typeof OperatorEventFrameworkUpdated>;

export const OperatorEventFrameworkRemoved = message('mesos.v1.master.Event.FrameworkRemoved', () => ({
  framework_info: field(1, FrameworkInfo, { required: true }),
}));
export type OperatorEventFrameworkRemoved = Infer<typeof OperatorEventFrameworkRemoved>;

export const OperatorEvent = message('mesos.v1.master.Event', () => ({
  type: field(1, OperatorEventType),
  subscribed: field(2, OperatorEventSubscribed),
  task_added: field(3, OperatorEventTaskAdded),
  task_updated: field(4, OperatorEventTaskUpdated),
  agent_added: field(5, OperatorEventAgentAdded),
  agent_removed: field(6, OperatorEventAgentRemoved),
  framework_added: field(7, OperatorEventFrameworkAdded),
  framework_updated: field(8, OperatorEventFrameworkUpdated),
  framework_removed: field(9, OperatorEventFrameworkRemoved),
}));
export type OperatorEvent = Infer<typeof OperatorEvent>;
