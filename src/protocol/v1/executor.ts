/** The v1 executor API (`POST /api/v1/executor` on the agent): mesos.v1.executor.Call and Event. */
import { bytes, enumOf, field, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { ExecutorInfo } from './executor-info.ts';
import { FrameworkInfo } from './framework.ts';
import { ContainerID, ExecutorID, FrameworkID, TaskID } from './ids.ts';
import { AgentInfo } from './master-info.ts';
import { KillPolicy, TaskGroupInfo, TaskInfo, TaskStatus } from './task.ts';

export const ExecutorCallType = enumOf('mesos.v1.executor.Call.Type', { UNKNOWN: 0, SUBSCRIBE: 1, UPDATE: 2, MESSAGE: 3, HEARTBEAT: 4 } as const);
export type ExecutorCallType = Infer<typeof ExecutorCallType>;

export const ExecutorCallUpdate = message('mesos.v1.executor.Call.Update', () => ({
  status: field(1, TaskStatus, { required: true }),
}));
export type ExecutorCallUpdate = Infer<typeof ExecutorCallUpdate>;

/** On (re)subscription the executor hands back what the agent may not have seen acknowledged. */
export const ExecutorCallSubscribe = message('mesos.v1.executor.Call.Subscribe', () => ({
  unacknowledged_tasks: repeated(1, TaskInfo),
  unacknowledged_updates: repeated(2, ExecutorCallUpdate),
}));
export type ExecutorCallSubscribe = Infer<typeof ExecutorCallSubscribe>;

export const ExecutorCallMessage = message('mesos.v1.executor.Call.Message', () => ({
  data: field(2, bytes(), { required: true }),
}));
export type ExecutorCallMessage = Infer<typeof ExecutorCallMessage>;

export const ExecutorCall = message('mesos.v1.executor.Call', () => ({
  executor_id: field(1, ExecutorID, { required: true }),
  framework_id: field(2, FrameworkID, { required: true }),
  type: field(3, ExecutorCallType),
  subscribe: field(4, ExecutorCallSubscribe),
  update: field(5, ExecutorCallUpdate),
  message: field(6, ExecutorCallMessage),
}));
export type ExecutorCall = Infer<typeof ExecutorCall>;

export const ExecutorEventType = enumOf('mesos.v1.executor.Event.Type', {
  UNKNOWN: 0,
  SUBSCRIBED: 1,
  LAUNCH: 2,
  LAUNCH_GROUP: 8,
  KILL: 3,
  ACKNOWLEDGED: 4,
  MESSAGE: 5,
  ERROR: 6,
  SHUTDOWN: 7,
  HEARTBEAT: 9,
} as const);
export type ExecutorEventType = Infer<typeof ExecutorEventType>;

export const ExecutorEventSubscribed = message('mesos.v1.executor.Event.Subscribed', () => ({
  executor_info: field(1, ExecutorInfo, { required: true }),
  framework_info: field(2, FrameworkInfo, { required: true }),
  agent_info: field(3, AgentInfo, { required: true }),
  container_id: field(4, ContainerID),
}));
export type ExecutorEventSubscribed = Infer<typeof ExecutorEventSubscribed>;

export const ExecutorEventLaunch = message('mesos.v1.executor.Event.Launch', () => ({
  task: field(1, TaskInfo, { required: true }),
}));
export type ExecutorEventLaunch = Infer<typeof ExecutorEventLaunch>;

export const ExecutorEventLaunchGroup = message('mesos.v1.executor.Event.LaunchGroup', () => ({
  task_group: field(1, TaskGroupInfo, { required: true }),
}));
export type ExecutorEventLaunchGroup = Infer<typeof ExecutorEventLaunchGroup>;

export const ExecutorEventKill = message('mesos.v1.executor.Event.Kill', () => ({
  task_id: field(1, TaskID, { required: true }),
  kill_policy: field(2, KillPolicy),
}));
export type ExecutorEventKill = Infer<typeof ExecutorEventKill>;

export const ExecutorEventAcknowledged = message('mesos.v1.executor.Event.Acknowledged', () => ({
  task_id: field(1, TaskID, { required: true }),
  uuid: field(2, bytes(), { required: true }),
}));
export type ExecutorEventAcknowledged = Infer<typeof ExecutorEventAcknowledged>;

export const ExecutorEventMessage = message('mesos.v1.executor.Event.Message', () => ({
  data: field(1, bytes(), { required: true }),
}));
export type ExecutorEventMessage = Infer<typeof ExecutorEventMessage>;

export const ExecutorEventError = message('mesos.v1.executor.Event.Error', () => ({
  message: field(1, str(), { required: true }),
}));
export type ExecutorEventError = Infer<typeof ExecutorEventError>;

export const ExecutorEvent = message('mesos.v1.executor.Event', () => ({
  type: field(1, ExecutorEventType),
  subscribed: field(2, ExecutorEventSubscribed),
  acknowledged: field(3, ExecutorEventAcknowledged),
  launch: field(4, ExecutorEventLaunch),
  launch_group: field(8, ExecutorEventLaunchGroup),
  kill: field(5, ExecutorEventKill),
  message: field(6, ExecutorEventMessage),
  error: field(7, ExecutorEventError),
}));
export type ExecutorEvent = Infer<typeof ExecutorEvent>;
