/** The master's operator event stream (SUBSCRIBE on `/api/v1`, mesos.v1.master.Event). */
import { double, enumOf, field, message } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { FrameworkInfo } from './framework.ts';
import { AgentID, FrameworkID } from './ids.ts';
import { GetAgentsAgent, GetFrameworksFramework, GetState } from './operator-response.ts';
import { Task, TaskState, TaskStatus } from './task.ts';

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
