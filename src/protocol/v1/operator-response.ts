/** Answers to the master's operator calls (mesos.v1.master.Response): every GET_* the web UI and tools read. */
import { bool, bytes, double, enumOf, field, message, repeated, str, uint32, uint64 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { TimeInfo } from './common.ts';
import { ExecutorInfo } from './executor-info.ts';
import { FrameworkInfo } from './framework.ts';
import { AgentID } from './ids.ts';
import { AgentCapability, AgentInfo, MasterInfo } from './master-info.ts';
import { InverseOffer, Offer } from './offer.ts';
import { DrainInfo, FileInfo, Metric, Operation, OperatorFlag, Role, VersionInfo, WeightInfo } from './operator-common.ts';
import { OfferConstraints } from './scheduler.ts';
import { Task } from './task.ts';
import { Resource } from './values.ts';

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
