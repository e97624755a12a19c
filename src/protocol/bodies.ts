/**
 * Which body field each call or event type needs. The codec cannot express "field X is required
 * when type is Y", so validators use these tables: a SchedulerCall with type ACCEPT and no
 * `accept` is a 400 naming `accept`. Types absent from a table need no body (TEARDOWN, PING ...)
 * or have an optional one (REVIVE, SUPPRESS).
 */
import type { Problem } from './codec/index.ts';
import type { AgentCallType, AgentEventType } from './agent/index.ts';
import type {
  ExecutorCallType,
  ExecutorEventType,
  OperatorCallType,
  OperatorEventType,
  OperatorResponseType,
  SchedulerCallType,
  SchedulerEventType,
} from './v1/index.ts';

export const SCHEDULER_CALL_BODY: Readonly<Partial<Record<SchedulerCallType, string>>> = {
  SUBSCRIBE: 'subscribe',
  ACCEPT: 'accept',
  DECLINE: 'decline',
  ACCEPT_INVERSE_OFFERS: 'accept_inverse_offers',
  DECLINE_INVERSE_OFFERS: 'decline_inverse_offers',
  KILL: 'kill',
  SHUTDOWN: 'shutdown',
  ACKNOWLEDGE: 'acknowledge',
  ACKNOWLEDGE_OPERATION_STATUS: 'acknowledge_operation_status',
  RECONCILE: 'reconcile',
  RECONCILE_OPERATIONS: 'reconcile_operations',
  MESSAGE: 'message',
  REQUEST: 'request',
  UPDATE_FRAMEWORK: 'update_framework',
};

export const SCHEDULER_EVENT_BODY: Readonly<Partial<Record<SchedulerEventType, string>>> = {
  SUBSCRIBED: 'subscribed',
  OFFERS: 'offers',
  INVERSE_OFFERS: 'inverse_offers',
  RESCIND: 'rescind',
  RESCIND_INVERSE_OFFER: 'rescind_inverse_offer',
  UPDATE: 'update',
  UPDATE_OPERATION_STATUS: 'update_operation_status',
  MESSAGE: 'message',
  FAILURE: 'failure',
  ERROR: 'error',
};

export const EXECUTOR_CALL_BODY: Readonly<Partial<Record<ExecutorCallType, string>>> = {
  SUBSCRIBE: 'subscribe',
  UPDATE: 'update',
  MESSAGE: 'message',
};

export const EXECUTOR_EVENT_BODY: Readonly<Partial<Record<ExecutorEventType, string>>> = {
  SUBSCRIBED: 'subscribed',
  LAUNCH: 'launch',
  LAUNCH_GROUP: 'launch_group',
  KILL: 'kill',
  ACKNOWLEDGED: 'acknowledged',
  MESSAGE: 'message',
  ERROR: 'error',
};

export const AGENT_CALL_BODY: Readonly<Partial<Record<AgentCallType, string>>> = {
  SUBSCRIBE: 'subscribe',
  STATUS_UPDATE: 'status_update',
  EXECUTOR_EXITED: 'executor_exited',
  FRAMEWORK_MESSAGE: 'framework_message',
  UPDATE_RESOURCES: 'update_resources',
};

export const AGENT_EVENT_BODY: Readonly<Partial<Record<AgentEventType, string>>> = {
  SUBSCRIBED: 'subscribed',
  RUN_TASK: 'run_task',
  RUN_TASK_GROUP: 'run_task_group',
  KILL_TASK: 'kill_task',
  ACKNOWLEDGE: 'acknowledge',
  SHUTDOWN_EXECUTOR: 'shutdown_executor',
  SHUTDOWN_FRAMEWORK: 'shutdown_framework',
  FRAMEWORK_MESSAGE: 'framework_message',
  SHUTDOWN: 'shutdown',
  ERROR: 'error',
};

export const OPERATOR_CALL_BODY: Readonly<Partial<Record<OperatorCallType, string>>> = {
  SET_LOGGING_LEVEL: 'set_logging_level',
  LIST_FILES: 'list_files',
  READ_FILE: 'read_file',
  UPDATE_WEIGHTS: 'update_weights',
  RESERVE_RESOURCES: 'reserve_resources',
  UNRESERVE_RESOURCES: 'unreserve_resources',
  CREATE_VOLUMES: 'create_volumes',
  DESTROY_VOLUMES: 'destroy_volumes',
  TEARDOWN: 'teardown',
  MARK_AGENT_GONE: 'mark_agent_gone',
  GROW_VOLUME: 'grow_volume',
  SHRINK_VOLUME: 'shrink_volume',
  UPDATE_QUOTA: 'update_quota',
  DRAIN_AGENT: 'drain_agent',
  DEACTIVATE_AGENT: 'deactivate_agent',
  REACTIVATE_AGENT: 'reactivate_agent',
};

export const OPERATOR_RESPONSE_BODY: Readonly<Partial<Record<OperatorResponseType, string>>> = {
  GET_HEALTH: 'get_health',
  GET_FLAGS: 'get_flags',
  GET_VERSION: 'get_version',
  GET_METRICS: 'get_metrics',
  GET_LOGGING_LEVEL: 'get_logging_level',
  LIST_FILES: 'list_files',
  READ_FILE: 'read_file',
  GET_STATE: 'get_state',
  GET_AGENTS: 'get_agents',
  GET_FRAMEWORKS: 'get_frameworks',
  GET_EXECUTORS: 'get_executors',
  GET_TASKS: 'get_tasks',
  GET_ROLES: 'get_roles',
  GET_WEIGHTS: 'get_weights',
  GET_MASTER: 'get_master',
  GET_OPERATIONS: 'get_operations',
};

export const OPERATOR_EVENT_BODY: Readonly<Partial<Record<OperatorEventType, string>>> = {
  SUBSCRIBED: 'subscribed',
  TASK_ADDED: 'task_added',
  TASK_UPDATED: 'task_updated',
  AGENT_ADDED: 'agent_added',
  AGENT_REMOVED: 'agent_removed',
  FRAMEWORK_ADDED: 'framework_added',
  FRAMEWORK_UPDATED: 'framework_updated',
  FRAMEWORK_REMOVED: 'framework_removed',
};

/**
 * Problems with a decoded call's type/body pairing: `type` missing, or the body its type needs
 * missing. Returns [] when the pairing is fine (UNKNOWN is the caller's to answer, e.g. 501).
 */
export function bodyProblems<T extends string>(
  value: { readonly type?: T | undefined },
  bodies: Readonly<Partial<Record<T, string>>>,
): Problem[] {
  if (value.type === undefined) return [{ path: 'type', message: 'required field is missing' }];
  const body = bodies[value.type];
  if (body === undefined) return [];
  const present = (value as Record<string, unknown>)[body];
  return present === undefined || present === null ? [{ path: body, message: `required when type is ${value.type}` }] : [];
}
