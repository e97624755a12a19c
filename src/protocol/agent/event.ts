/**
 * Master -> agent events, sent on the agent's subscription stream; see docs/protocol.md.
 * Field numbers are ours and stable:
 *
 *   Event: type=1, subscribed=2, run_task=3, run_task_group=4, kill_task=5, acknowledge=6,
 *          shutdown_executor=7, shutdown_framework=8, framework_message=9, shutdown=10, error=11
 *          (PING has no body)
 *   Event.Type: UNKNOWN 0, SUBSCRIBED 1, RUN_TASK 2, RUN_TASK_GROUP 3, KILL_TASK 4, ACKNOWLEDGE 5,
 *               SHUTDOWN_EXECUTOR 6, SHUTDOWN_FRAMEWORK 7, FRAMEWORK_MESSAGE 8, PING 9,
 *               SHUTDOWN 10, ERROR 11
 *   Subscribed: agent_id=1 req, master_info=2, ping_interval_seconds=3
 *   RunTask: framework_info=1 req, task=2 req
 *   RunTaskGroup: framework_info=1 req, executor=2 req, task_group=3 req
 *   KillTask: framework_id=1 req, task_id=2 req, kill_policy=3
 *   Acknowledge: framework_id=1 req, task_id=2 req, uuid=3 req
 *   ShutdownExecutor: framework_id=1 req, executor_id=2 req
 *   ShutdownFramework: framework_id=1 req
 *   FrameworkMessage: framework_id=1 req, executor_id=2 req, data=3 req
 *   Shutdown: message=1
 *   Error: message=1 req
 */
import { bytes, double, enumOf, field, message, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { ExecutorInfo } from '../v1/executor-info.ts';
import { FrameworkInfo } from '../v1/framework.ts';
import { AgentID, ExecutorID, FrameworkID, TaskID } from '../v1/ids.ts';
import { MasterInfo } from '../v1/master-info.ts';
import { KillPolicy, TaskGroupInfo, TaskInfo } from '../v1/task.ts';

export const AgentEventType = enumOf('mesos_ts.agent.Event.Type', {
  UNKNOWN: 0,
  SUBSCRIBED: 1,
  RUN_TASK: 2,
  RUN_TASK_GROUP: 3,
  KILL_TASK: 4,
  ACKNOWLEDGE: 5,
  SHUTDOWN_EXECUTOR: 6,
  SHUTDOWN_FRAMEWORK: 7,
  FRAMEWORK_MESSAGE: 8,
  PING: 9,
  SHUTDOWN: 10,
  ERROR: 11,
} as const);
export type AgentEventType = Infer<typeof AgentEventType>;

/** First event on the stream: the agent's id, new or kept. */
export const AgentEventSubscribed = message('mesos_ts.agent.Event.Subscribed', () => ({
  agent_id: field(1, AgentID, { required: true }),
  master_info: field(2, MasterInfo),
  ping_interval_seconds: field(3, double()),
}));
export type AgentEventSubscribed = Infer<typeof AgentEventSubscribed>;

export const AgentEventRunTask = message('mesos_ts.agent.Event.RunTask', () => ({
  framework_info: field(1, FrameworkInfo, { required: true }),
  task: field(2, TaskInfo, { required: true }),
}));
export type AgentEventRunTask = Infer<typeof AgentEventRunTask>;

export const AgentEventRunTaskGroup = message('mesos_ts.agent.Event.RunTaskGroup', () => ({
  framework_info: field(1, FrameworkInfo, { required: true }),
  executor: field(2, ExecutorInfo, { required: true }),
  task_group: field(3, TaskGroupInfo, { required: true }),
}));
export type AgentEventRunTaskGroup = Infer<typeof AgentEventRunTaskGroup>;

export const AgentEventKillTask = message('mesos_ts.agent.Event.KillTask', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
  task_id: field(2, TaskID, { required: true }),
  kill_policy: field(3, KillPolicy),
}));
export type AgentEventKillTask = Infer<typeof AgentEventKillTask>;

/** The scheduler acknowledged the update with this uuid; the agent may forward the next one. */
export const AgentEventAcknowledge = message('mesos_ts.agent.Event.Acknowledge', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
  task_id: field(2, TaskID, { required: true }),
  uuid: field(3, bytes(), { required: true }),
}));
export type AgentEventAcknowledge = Infer<typeof AgentEventAcknowledge>;

export const AgentEventShutdownExecutor = message('mesos_ts.agent.Event.ShutdownExecutor', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
  executor_id: field(2, ExecutorID, { required: true }),
}));
export type AgentEventShutdownExecutor = Infer<typeof AgentEventShutdownExecutor>;

export const AgentEventShutdownFramework = message('mesos_ts.agent.Event.ShutdownFramework', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
}));
export type AgentEventShutdownFramework = Infer<typeof AgentEventShutdownFramework>;

export const AgentEventFrameworkMessage = message('mesos_ts.agent.Event.FrameworkMessage', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
  executor_id: field(2, ExecutorID, { required: true }),
  data: field(3, bytes(), { required: true }),
}));
export type AgentEventFrameworkMessage = Infer<typeof AgentEventFrameworkMessage>;

/** The master removed this agent; `message` says why. */
export const AgentEventShutdown = message('mesos_ts.agent.Event.Shutdown', () => ({
  message: field(1, str()),
}));
export type AgentEventShutdown = Infer<typeof AgentEventShutdown>;

export const AgentEventError = message('mesos_ts.agent.Event.Error', () => ({
  message: field(1, str(), { required: true }),
}));
export type AgentEventError = Infer<typeof AgentEventError>;

export const AgentEvent = message('mesos_ts.agent.Event', () => ({
  type: field(1, AgentEventType),
  subscribed: field(2, AgentEventSubscribed),
  run_task: field(3, AgentEventRunTask),
  run_task_group: field(4, AgentEventRunTaskGroup),
  kill_task: field(5, AgentEventKillTask),
  acknowledge: field(6, AgentEventAcknowledge),
  shutdown_executor: field(7, AgentEventShutdownExecutor),
  shutdown_framework: field(8, AgentEventShutdownFramework),
  framework_message: field(9, AgentEventFrameworkMessage),
  shutdown: field(10, AgentEventShutdown),
  error: field(11, AgentEventError),
}));
export type AgentEvent = Infer<typeof AgentEvent>;
