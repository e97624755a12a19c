/**
 * Scheduler events in Mesos' v1 JSON shapes (mesos.v1.scheduler.Event), and the TaskStatus the
 * master itself writes (source MASTER, no uuid: such updates are never acknowledged).
 */
import type { MasterInfoWire, OfferWire, SchedulerEventWire, TaskState, TaskStatusWire } from '../wire.ts';
import type { TaskRecord } from './model.ts';

export function subscribedEvent(frameworkId: string, heartbeatSeconds: number, masterInfo: MasterInfoWire): SchedulerEventWire {
  return {
    type: 'SUBSCRIBED',
    subscribed: { framework_id: { value: frameworkId }, heartbeat_interval_seconds: heartbeatSeconds, master_info: masterInfo },
  };
}

export const heartbeatEvent: SchedulerEventWire = Object.freeze({ type: 'HEARTBEAT' });

export function offersEvent(offers: OfferWire[]): SchedulerEventWire {
  return { type: 'OFFERS', offers: { offers } };
}

export function rescindEvent(offerId: string): SchedulerEventWire {
  return { type: 'RESCIND', rescind: { offer_id: { value: offerId } } };
}

export function updateEvent(status: TaskStatusWire): SchedulerEventWire {
  return { type: 'UPDATE', update: { status } };
}

export function errorEvent(message: string): SchedulerEventWire {
  return { type: 'ERROR', error: { message } };
}

export function messageEvent(agentId: string, executorId: string, data: string): SchedulerEventWire {
  return { type: 'MESSAGE', message: { agent_id: { value: agentId }, executor_id: { value: executorId }, data } };
}

export function failureEvent(agentId: string, executorId?: string, status?: number): SchedulerEventWire {
  return {
    type: 'FAILURE',
    failure: {
      agent_id: { value: agentId },
      ...(executorId !== undefined ? { executor_id: { value: executorId } } : {}),
      ...(status !== undefined ? { status } : {}),
    },
  };
}

export interface MasterStatusInput {
  readonly taskId: string;
  readonly state: TaskState;
  readonly reason: string;
  readonly message: string;
  readonly nowMs: number;
  readonly agentId?: string;
  readonly executorId?: string;
  readonly unreachableTimeMs?: number;
}

/** A status the master writes on its own authority. */
export function masterStatus(input: MasterStatusInput): TaskStatusWire {
  return {
    task_id: { value: input.taskId },
    state: input.state,
    source: 'SOURCE_MASTER',
    reason: input.reason,
    message: input.message,
    timestamp: input.nowMs / 1000,
    ...(input.agentId !== undefined ? { agent_id: { value: input.agentId } } : {}),
    ...(input.executorId !== undefined ? { executor_id: { value: input.executorId } } : {}),
    ...(input.unreachableTimeMs !== undefined ? { unreachable_time: { nanoseconds: input.unreachableTimeMs * 1e6 } } : {}),
  };
}

/** The status a task's latest known state is reported with (reconciliation, re-registration). */
export function latestStatusOf(task: TaskRecord, nowMs: number, reason: string, message: string): TaskStatusWire {
  const latest = task.statuses[task.statuses.length - 1];
  const state = task.pendingUpdate?.state ?? task.state;
  return {
    ...masterStatus({ taskId: task.info.task_id.value, state, reason, message, nowMs, agentId: task.agentId, ...(task.executorId ? { executorId: task.executorId } : {}) }),
    ...(latest?.healthy !== undefined ? { healthy: latest.healthy } : {}),
  };
}
