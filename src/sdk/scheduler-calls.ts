/**
 * Builders for `/api/v1/scheduler` calls. Pure: they only shape JSON, so what a client sends can
 * be checked without a network. Field names and nesting follow Mesos' scheduler.proto.
 */
import { toId } from './wire.ts';
import type { Filters, FrameworkInfo, IdLike, KillPolicy, Offer, OfferOperation, SchedulerCall, TaskInfo, TaskStatus } from './wire.ts';

/** A call with its type always set (the protocol type leaves it optional for decoding). */
export type SchedulerCallBody = SchedulerCall & { readonly type: NonNullable<SchedulerCall['type']> };

export function subscribeCall(frameworkInfo: FrameworkInfo, frameworkId: string | undefined, suppressedRoles?: readonly string[]): SchedulerCallBody {
  const info = frameworkId === undefined ? frameworkInfo : { ...frameworkInfo, id: { value: frameworkId } };
  return {
    ...(frameworkId === undefined ? {} : { framework_id: { value: frameworkId } }),
    type: 'SUBSCRIBE',
    subscribe: { framework_info: info, ...(suppressedRoles?.length ? { suppressed_roles: [...suppressedRoles] } : {}) },
  };
}

export function acceptCall(offerIds: readonly IdLike[], operations: readonly OfferOperation[], filters?: Filters): SchedulerCallBody {
  return {
    type: 'ACCEPT',
    accept: { offer_ids: offerIds.map(toId), operations: [...operations], ...(filters ? { filters } : {}) },
  };
}

/** A task for `launch`: `agent_id` may be left out, the offer's agent is the only valid one. */
export type TaskToLaunch = Omit<TaskInfo, 'agent_id'> & { readonly agent_id?: TaskInfo['agent_id'] };

/** A LAUNCH operation for `tasks` on `offer`'s agent; tasks without `agent_id` get the offer's. */
export function launchOperation(offer: Offer, tasks: readonly TaskToLaunch[]): OfferOperation {
  return {
    type: 'LAUNCH',
    launch: { task_infos: tasks.map((task) => ({ ...task, agent_id: task.agent_id ?? offer.agent_id })) },
  };
}

export function declineCall(offerIds: readonly IdLike[], filters?: Filters): SchedulerCallBody {
  return { type: 'DECLINE', decline: { offer_ids: offerIds.map(toId), ...(filters ? { filters } : {}) } };
}

export function killCall(taskId: IdLike, agentId?: IdLike, killPolicy?: KillPolicy): SchedulerCallBody {
  return {
    type: 'KILL',
    kill: {
      task_id: toId(taskId),
      ...(agentId === undefined ? {} : { agent_id: toId(agentId) }),
      ...(killPolicy ? { kill_policy: killPolicy } : {}),
    },
  };
}

/** Undefined when the update carried no uuid: Mesos forbids acknowledging those. */
export function acknowledgeCall(status: TaskStatus): SchedulerCallBody | undefined {
  if (status.uuid === undefined || status.uuid === '' || status.agent_id === undefined) return undefined;
  return { type: 'ACKNOWLEDGE', acknowledge: { agent_id: status.agent_id, task_id: status.task_id, uuid: status.uuid } };
}

export interface ReconcileTask {
  readonly task_id: IdLike;
  readonly agent_id?: IdLike;
}

/** An empty list asks for implicit reconciliation: the master reports every task it knows. */
export function reconcileCall(tasks: readonly ReconcileTask[]): SchedulerCallBody {
  return {
    type: 'RECONCILE',
    reconcile: {
      tasks: tasks.map((t) => ({ task_id: toId(t.task_id), ...(t.agent_id === undefined ? {} : { agent_id: toId(t.agent_id) }) })),
    },
  };
}

/** Mesos reads `roles` (plural); an empty list means every role the framework is subscribed to. */
export function reviveCall(roles?: readonly string[]): SchedulerCallBody {
  return { type: 'REVIVE', ...(roles?.length ? { revive: { roles: [...roles] } } : {}) };
}

export function suppressCall(roles?: readonly string[]): SchedulerCallBody {
  return { type: 'SUPPRESS', ...(roles?.length ? { suppress: { roles: [...roles] } } : {}) };
}

export function teardownCall(): SchedulerCallBody {
  return { type: 'TEARDOWN' };
}

/** `data` is sent as Mesos' bytes: base64 of the given buffer or of the string's UTF-8. */
export function messageCall(agentId: IdLike, executorId: IdLike, data: string | Uint8Array): SchedulerCallBody {
  return {
    type: 'MESSAGE',
    message: { agent_id: toId(agentId), executor_id: toId(executorId), data: Buffer.from(data).toString('base64') },
  };
}

export function shutdownCall(executorId: IdLike, agentId: IdLike): SchedulerCallBody {
  return { type: 'SHUTDOWN', shutdown: { executor_id: toId(executorId), agent_id: toId(agentId) } };
}

export function updateFrameworkCall(frameworkInfo: FrameworkInfo, frameworkId: string, suppressedRoles?: readonly string[]): SchedulerCallBody {
  return {
    type: 'UPDATE_FRAMEWORK',
    update_framework: {
      framework_info: { ...frameworkInfo, id: { value: frameworkId } },
      ...(suppressedRoles?.length ? { suppressed_roles: [...suppressedRoles] } : {}),
    },
  };
}

/** Every call but SUBSCRIBE names its framework at the top level. */
export function withFrameworkId(call: SchedulerCallBody, frameworkId: string): SchedulerCallBody {
  return { framework_id: { value: frameworkId }, ...call };
}
