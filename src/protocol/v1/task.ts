/** Tasks: what a scheduler launches (TaskInfo), what is reported about it (TaskStatus), and the
 *  master's view of it (Task). */
import { bool, bytes, double, enumOf, field, mapOf, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { CheckInfo, CheckStatusInfo, HealthCheck } from './checks.ts';
import { CommandInfo } from './command.ts';
import { DurationInfo, Labels, TimeInfo } from './common.ts';
import { ContainerInfo, ContainerStatus } from './container.ts';
import { DiscoveryInfo } from './discovery.ts';
import { ExecutorInfo } from './executor-info.ts';
import { AgentID, ExecutorID, FrameworkID, TaskID } from './ids.ts';
import { Resource, ValueScalar } from './values.ts';

/**
 * STAGING is the master/agent's initial state and never comes from an executor. Terminal:
 * FINISHED, FAILED, KILLED, ERROR, LOST, DROPPED, GONE, GONE_BY_OPERATOR.
 */
export const TaskState = enumOf('mesos.v1.TaskState', {
  TASK_STAGING: 6,
  TASK_STARTING: 0,
  TASK_RUNNING: 1,
  TASK_KILLING: 8,
  TASK_FINISHED: 2,
  TASK_FAILED: 3,
  TASK_KILLED: 4,
  TASK_ERROR: 7,
  TASK_LOST: 5,
  TASK_DROPPED: 9,
  TASK_UNREACHABLE: 10,
  TASK_GONE: 11,
  TASK_GONE_BY_OPERATOR: 12,
  TASK_UNKNOWN: 13,
} as const);
export type TaskState = Infer<typeof TaskState>;

export const TaskStatusSource = enumOf('mesos.v1.TaskStatus.Source', { SOURCE_MASTER: 0, SOURCE_AGENT: 1, SOURCE_EXECUTOR: 2 } as const);
export type TaskStatusSource = Infer<typeof TaskStatusSource>;

export const TaskStatusReason = enumOf('mesos.v1.TaskStatus.Reason', {
  REASON_COMMAND_EXECUTOR_FAILED: 0,
  REASON_CONTAINER_LAUNCH_FAILED: 21,
  REASON_CONTAINER_LIMITATION: 19,
  REASON_CONTAINER_LIMITATION_DISK: 20,
  REASON_CONTAINER_LIMITATION_MEMORY: 8,
  REASON_CONTAINER_PREEMPTED: 17,
  REASON_CONTAINER_UPDATE_FAILED: 22,
  REASON_MAX_COMPLETION_TIME_REACHED: 33,
  REASON_EXECUTOR_REGISTRATION_TIMEOUT: 23,
  REASON_EXECUTOR_REREGISTRATION_TIMEOUT: 24,
  REASON_EXECUTOR_TERMINATED: 1,
  REASON_EXECUTOR_UNREGISTERED: 2,
  REASON_FRAMEWORK_REMOVED: 3,
  REASON_GC_ERROR: 4,
  REASON_INVALID_FRAMEWORKID: 5,
  REASON_INVALID_OFFERS: 6,
  REASON_IO_SWITCHBOARD_EXITED: 27,
  REASON_MASTER_DISCONNECTED: 7,
  REASON_RECONCILIATION: 9,
  REASON_RESOURCES_UNKNOWN: 18,
  REASON_AGENT_DISCONNECTED: 10,
  REASON_AGENT_REMOVED: 11,
  REASON_AGENT_REMOVED_BY_OPERATOR: 31,
  REASON_AGENT_REREGISTERED: 32,
  REASON_AGENT_RESTARTED: 12,
  REASON_AGENT_UNKNOWN: 13,
  REASON_AGENT_DRAINING: 34,
  REASON_TASK_KILLED_DURING_LAUNCH: 30,
  REASON_TASK_CHECK_STATUS_UPDATED: 28,
  REASON_TASK_HEALTH_CHECK_STATUS_UPDATED: 29,
  REASON_TASK_GROUP_INVALID: 25,
  REASON_TASK_GROUP_UNAUTHORIZED: 26,
  REASON_TASK_INVALID: 14,
  REASON_TASK_UNAUTHORIZED: 15,
  REASON_TASK_UNKNOWN: 16,
} as const);
export type TaskStatusReason = Infer<typeof TaskStatusReason>;

/** Short aliases for the two TaskStatus enums. */
export const Source = TaskStatusSource;
export type Source = TaskStatusSource;
export const Reason = TaskStatusReason;
export type Reason = TaskStatusReason;

export const KillPolicy = message('mesos.v1.KillPolicy', () => ({
  grace_period: field(1, DurationInfo),
}));
export type KillPolicy = Infer<typeof KillPolicy>;

/** The resources that a container limitation (e.g. OOM) was about. */
export const TaskResourceLimitation = message('mesos.v1.TaskResourceLimitation', () => ({
  resources: repeated(1, Resource),
}));
export type TaskResourceLimitation = Infer<typeof TaskResourceLimitation>;

export const TaskInfo = message('mesos.v1.TaskInfo', () => ({
  name: field(1, str(), { required: true }),
  task_id: field(2, TaskID, { required: true }),
  agent_id: field(3, AgentID, { required: true }),
  resources: repeated(4, Resource),
  executor: field(5, ExecutorInfo),
  command: field(7, CommandInfo),
  container: field(9, ContainerInfo),
  health_check: field(8, HealthCheck),
  check: field(13, CheckInfo),
  kill_policy: field(12, KillPolicy),
  data: field(6, bytes()),
  labels: field(10, Labels),
  discovery: field(11, DiscoveryInfo),
  max_completion_time: field(14, DurationInfo),
  // map<string, Value.Scalar> in mesos.proto: `{"cpus": {"value": 2}}`; Infinity allowed.
  limits: mapOf(15, ValueScalar),
}));
export type TaskInfo = Infer<typeof TaskInfo>;

export const TaskGroupInfo = message('mesos.v1.TaskGroupInfo', () => ({
  tasks: repeated(1, TaskInfo),
}));
export type TaskGroupInfo = Infer<typeof TaskGroupInfo>;

export const TaskStatus = message('mesos.v1.TaskStatus', () => ({
  task_id: field(1, TaskID, { required: true }),
  state: field(2, TaskState, { required: true }),
  message: field(4, str()),
  source: field(9, TaskStatusSource),
  reason: field(10, TaskStatusReason),
  data: field(3, bytes()),
  agent_id: field(5, AgentID),
  executor_id: field(7, ExecutorID),
  /** Seconds since the epoch. */
  timestamp: field(6, double()),
  /** 16 raw bytes; present only on updates that must be acknowledged. */
  uuid: field(11, bytes()),
  healthy: field(8, bool()),
  check_status: field(15, CheckStatusInfo),
  labels: field(12, Labels),
  container_status: field(13, ContainerStatus),
  unreachable_time: field(14, TimeInfo),
  limitation: field(16, TaskResourceLimitation),
}));
export type TaskStatus = Infer<typeof TaskStatus>;

/** The master's and agent's record of a task (state endpoints, operator API, agent re-registration). */
export const Task = message('mesos.v1.Task', () => ({
  name: field(1, str(), { required: true }),
  task_id: field(2, TaskID, { required: true }),
  framework_id: field(3, FrameworkID, { required: true }),
  executor_id: field(4, ExecutorID),
  agent_id: field(5, AgentID, { required: true }),
  state: field(6, TaskState, { required: true }),
  resources: repeated(7, Resource),
  statuses: repeated(8, TaskStatus),
  status_update_state: field(9, TaskState),
  status_update_uuid: field(10, bytes()),
  labels: field(11, Labels),
  discovery: field(12, DiscoveryInfo),
  container: field(13, ContainerInfo),
  user: field(14, str()),
  health_check: field(15, HealthCheck),
  kill_policy: field(16, KillPolicy),
  limits: mapOf(17, ValueScalar),
}));
export type Task = Infer<typeof Task>;
