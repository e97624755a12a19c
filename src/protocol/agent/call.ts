/**
 * Agent -> master calls (`POST /api/v1/agent` on the master); see docs/protocol.md.
 * Field numbers are ours and stable, chosen in the style of the scheduler API:
 *
 *   Call: agent_id=1, type=2, subscribe=3, status_update=4, executor_exited=5,
 *         framework_message=6, update_resources=7 (PONG has no body)
 *   Call.Type: UNKNOWN 0, SUBSCRIBE 1, STATUS_UPDATE 2, EXECUTOR_EXITED 3, FRAMEWORK_MESSAGE 4,
 *              PONG 5, UPDATE_RESOURCES 6
 *   Subscribe: agent_info=1 req, resources=2[], agent_id=3, version=4 req, tasks=5[],
 *              executors=6[], frameworks=7[], unacknowledged_updates=8[]
 *   StatusUpdate: framework_id=1 req, status=2 req
 *   ExecutorExited: framework_id=1 req, executor_id=2 req, status=3
 *   FrameworkMessage: framework_id=1 req, executor_id=2 req, data=3 req
 *   UpdateResources: resources=1[]
 */
import { bytes, enumOf, field, int32, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { ExecutorInfo } from '../v1/executor-info.ts';
import { FrameworkInfo } from '../v1/framework.ts';
import { AgentID, ExecutorID, FrameworkID } from '../v1/ids.ts';
import { AgentInfo } from '../v1/master-info.ts';
import { Task, TaskStatus } from '../v1/task.ts';
import { Resource } from '../v1/values.ts';

export const AgentCallType = enumOf('mesos_ts.agent.Call.Type', {
  UNKNOWN: 0,
  SUBSCRIBE: 1,
  STATUS_UPDATE: 2,
  EXECUTOR_EXITED: 3,
  FRAMEWORK_MESSAGE: 4,
  PONG: 5,
  UPDATE_RESOURCES: 6,
} as const);
export type AgentCallType = Infer<typeof AgentCallType>;

/** With `agent_id` it is a re-registration carrying what the agent still runs. */
export const AgentCallSubscribe = message('mesos_ts.agent.Call.Subscribe', () => ({
  agent_info: field(1, AgentInfo, { required: true }),
  resources: repeated(2, Resource),
  agent_id: field(3, AgentID),
  version: field(4, str(), { required: true }),
  tasks: repeated(5, Task),
  executors: repeated(6, ExecutorInfo),
  frameworks: repeated(7, FrameworkInfo),
  unacknowledged_updates: repeated(8, TaskStatus),
}));
export type AgentCallSubscribe = Infer<typeof AgentCallSubscribe>;

/** `status.uuid` is set; the agent retries until the scheduler's ACKNOWLEDGE comes back. */
export const AgentCallStatusUpdate = message('mesos_ts.agent.Call.StatusUpdate', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
  status: field(2, TaskStatus, { required: true }),
}));
export type AgentCallStatusUpdate = Infer<typeof AgentCallStatusUpdate>;

/** `status` is the wait status of the executor process, absent when it is not known. */
export const AgentCallExecutorExited = message('mesos_ts.agent.Call.ExecutorExited', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
  executor_id: field(2, ExecutorID, { required: true }),
  status: field(3, int32()),
}));
export type AgentCallExecutorExited = Infer<typeof AgentCallExecutorExited>;

export const AgentCallFrameworkMessage = message('mesos_ts.agent.Call.FrameworkMessage', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
  executor_id: field(2, ExecutorID, { required: true }),
  data: field(3, bytes(), { required: true }),
}));
export type AgentCallFrameworkMessage = Infer<typeof AgentCallFrameworkMessage>;

/** The agent's new total resources. */
export const AgentCallUpdateResources = message('mesos_ts.agent.Call.UpdateResources', () => ({
  resources: repeated(1, Resource),
}));
export type AgentCallUpdateResources = Infer<typeof AgentCallUpdateResources>;

export const AgentCall = message('mesos_ts.agent.Call', () => ({
  agent_id: field(1, AgentID),
  type: field(2, AgentCallType),
  subscribe: field(3, AgentCallSubscribe),
  status_update: field(4, AgentCallStatusUpdate),
  executor_exited: field(5, AgentCallExecutorExited),
  framework_message: field(6, AgentCallFrameworkMessage),
  update_resources: field(7, AgentCallUpdateResources),
}));
export type AgentCall = Infer<typeof AgentCall>;
