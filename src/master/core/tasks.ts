/**
 * Task status: applying updates (from agents or made by the master), forwarding them to the
 * scheduler, acknowledgements, reconciliation (reference §1.5) and KILL.
 */
import { IllegalTransitionError } from '../../lib/errors.ts';
import { isTerminalTaskState, taskMachine } from '../state/task.ts';
import type { TaskState, TaskStatusWire } from '../wire.ts';
import { type MasterContext, sendToAgent, sendToFramework } from './context.ts';
import { latestStatusOf, masterStatus, updateEvent } from './events.ts';
import { type FrameworkRecord, hasCapability, inAllocator, type TaskRecord, taskKey } from './model.ts';

/** The state a non-PARTITION_AWARE framework is told instead of the partition-era states. */
export function stateFor(framework: FrameworkRecord, state: TaskState): TaskState {
  const partitionOnly: TaskState[] = ['TASK_DROPPED', 'TASK_UNREACHABLE', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR', 'TASK_UNKNOWN'];
  return partitionOnly.includes(state) && !hasCapability(framework.info, 'PARTITION_AWARE') ? 'TASK_LOST' : state;
}

/**
 * Applies `status` to the task, frees its resources when it ends, and forwards the update.
 * Returns false (and changes nothing) for an update the task's state machine refuses.
 */
export function applyStatus(ctx: MasterContext, task: TaskRecord, status: TaskStatusWire): boolean {
  try {
    task.state = taskMachine.transition(task.state, status.state);
  } catch (error) {
    if (!(error instanceof IllegalTransitionError)) throw error;
    ctx.logger.warn({ task: task.info.task_id.value, from: task.state, to: status.state }, 'ignoring status update the task cannot take');
    return false;
  }
  task.statuses.push(status);
  if (isTerminalTaskState(task.state)) recoverTaskResources(ctx, task);
  const framework = ctx.registry.frameworks.get(task.frameworkId);
  if (status.uuid !== undefined) task.pendingUpdate = status;
  sendToFramework(framework, updateEvent(status));
  if (isTerminalTaskState(task.state) && task.pendingUpdate === undefined) completeTask(ctx, task);
  return true;
}

function recoverTaskResources(ctx: MasterContext, task: TaskRecord): void {
  if (task.resourcesRecovered) return;
  task.resourcesRecovered = true;
  if (inAllocator(ctx.registry.agents.get(task.agentId))) {
    ctx.allocator.recoverResources(task.frameworkId, task.agentId, task.resources);
  }
}

/** Moves an ended task out of the live maps into its framework's completed list. */
export function completeTask(ctx: MasterContext, task: TaskRecord): void {
  recoverTaskResources(ctx, task);
  const framework = ctx.registry.frameworks.get(task.frameworkId);
  ctx.registry.agents.get(task.agentId)?.tasks.delete(taskKey(task.frameworkId, task.info.task_id.value));
  if (!framework) return;
  framework.tasks.delete(task.info.task_id.value);
  framework.completedTasks.push(task);
  const excess = framework.completedTasks.length - ctx.config.max_completed_tasks_per_framework;
  if (excess > 0) framework.completedTasks.splice(0, excess);
}

/** A status update an agent forwarded (it carries a uuid the scheduler must acknowledge). */
export function agentStatusUpdate(ctx: MasterContext, agentId: string, frameworkId: string, status: TaskStatusWire): void {
  const framework = ctx.registry.frameworks.get(frameworkId);
  if (!framework) {
    if (ctx.registry.isRemovedFramework(frameworkId)) {
      sendToAgent(ctx, agentId, { type: 'SHUTDOWN_FRAMEWORK', shutdown_framework: { framework_id: { value: frameworkId } } });
    }
    ctx.logger.warn({ agentId, frameworkId }, 'dropping status update for an unknown framework');
    return;
  }
  const task = framework.tasks.get(status.task_id.value);
  const update = { ...status, agent_id: { value: agentId } };
  if (!task || task.agentId !== agentId) {
    // As Mesos does: pass it on anyway, so the scheduler can acknowledge it and the agent can
    // stop retrying (e.g. a terminal update whose first ack was lost).
    ctx.logger.info({ agentId, frameworkId, taskId: status.task_id.value }, 'forwarding status update for a task the master does not track');
    sendToFramework(framework, updateEvent(update));
    return;
  }
  if (status.uuid !== undefined && task.statuses.some((s) => s.uuid === status.uuid)) {
    // A retry of an update already applied: forward it again, change nothing.
    task.pendingUpdate = update;
    sendToFramework(framework, updateEvent(update));
    return;
  }
  applyStatus(ctx, task, update);
}

/** ACKNOWLEDGE: clears the pending update, ends a terminal task, and relays the ack to the agent. */
export function acknowledge(ctx: MasterContext, framework: FrameworkRecord, agentId: string, taskId: string, uuid: string): void {
  const task = framework.tasks.get(taskId);
  if (task && task.agentId === agentId && task.pendingUpdate?.uuid === uuid) {
    task.pendingUpdate = undefined;
    if (isTerminalTaskState(task.state)) completeTask(ctx, task);
  }
  sendToAgent(ctx, agentId, {
    type: 'ACKNOWLEDGE',
    acknowledge: { framework_id: { value: framework.id }, task_id: { value: taskId }, uuid },
  });
}

export interface ReconcileItem {
  readonly taskId: string;
  readonly agentId?: string;
}

/** RECONCILE: implicit (empty list) or explicit, answered with master-made UPDATEs. */
export function reconcile(ctx: MasterContext, framework: FrameworkRecord, items: readonly ReconcileItem[]): void {
  const now = ctx.clock.now();
  if (items.length === 0) {
    for (const task of framework.tasks.values()) {
      sendToFramework(framework, updateEvent(latestStatusOf(task, now, 'REASON_RECONCILIATION', 'Reconciliation: Latest task state')));
    }
    return;
  }
  for (const item of items) {
    const status = explicitAnswer(ctx, framework, item, now);
    if (status) sendToFramework(framework, updateEvent(status));
  }
}

function explicitAnswer(ctx: MasterContext, framework: FrameworkRecord, item: ReconcileItem, now: number): TaskStatusWire | undefined {
  const task = framework.tasks.get(item.taskId);
  if (task && (item.agentId === undefined || item.agentId === task.agentId)) {
    return latestStatusOf(task, now, 'REASON_RECONCILIATION', 'Reconciliation: Latest task state');
  }
  const agent = item.agentId !== undefined ? ctx.registry.agents.get(item.agentId) : undefined;
  const persisted = ctx.registrar.recovered ? ctx.registrar.registry : undefined;
  if (!agent && persisted) {
    // Agents a previous leader admitted that have not re-registered yet may still run the task:
    // Mesos stays silent rather than guess.
    const recovering = (id: string): boolean => persisted.agents.has(id) && !ctx.registry.agents.has(id);
    if (item.agentId === undefined ? [...persisted.agents.keys()].some(recovering) : recovering(item.agentId)) return undefined;
  }
  const base = { taskId: item.taskId, nowMs: now, reason: 'REASON_RECONCILIATION', ...(item.agentId !== undefined ? { agentId: item.agentId } : {}) };
  const unreachableSince = agent?.state === 'unreachable' ? agent.unreachableTime : item.agentId !== undefined && !agent ? persisted?.unreachable.get(item.agentId) : undefined;
  if (agent?.state === 'unreachable' || unreachableSince !== undefined) {
    return masterStatus({ ...base, state: stateFor(framework, 'TASK_UNREACHABLE'), message: 'Reconciliation: Task is unreachable', ...(unreachableSince !== undefined ? { unreachableTimeMs: unreachableSince } : {}) });
  }
  if (agent?.state === 'removed' || (item.agentId !== undefined && !agent && persisted?.gone.has(item.agentId))) {
    return masterStatus({ ...base, state: stateFor(framework, 'TASK_GONE_BY_OPERATOR'), message: 'Reconciliation: Task is gone' });
  }
  if (agent) return masterStatus({ ...base, state: stateFor(framework, 'TASK_GONE'), message: 'Reconciliation: Task is unknown to the agent' });
  return masterStatus({ ...base, state: stateFor(framework, 'TASK_UNKNOWN'), message: 'Reconciliation: Task is unknown' });
}

/** KILL: forwarded to the task's agent; an unknown task gets the explicit reconciliation answer. */
export function kill(ctx: MasterContext, framework: FrameworkRecord, taskId: string, agentId: string | undefined, killPolicy: unknown): void {
  const task = framework.tasks.get(taskId);
  if (!task) {
    reconcile(ctx, framework, [{ taskId, ...(agentId !== undefined ? { agentId } : {}) }]);
    return;
  }
  sendToAgent(ctx, task.agentId, {
    type: 'KILL_TASK',
    kill_task: { framework_id: { value: framework.id }, task_id: { value: taskId }, ...(killPolicy !== undefined ? { kill_policy: killPolicy } : {}) },
  });
}

/** Ends a task on the master's own authority (framework removed, agent lost, launch refused). */
export function endTaskByMaster(ctx: MasterContext, task: TaskRecord, state: TaskState, reason: string, message: string, unreachableTimeMs?: number): void {
  const framework = ctx.registry.frameworks.get(task.frameworkId);
  const shown = framework ? stateFor(framework, state) : state;
  const status = masterStatus({ taskId: task.info.task_id.value, state: shown, reason, message, nowMs: ctx.clock.now(), agentId: task.agentId, ...(task.executorId ? { executorId: task.executorId } : {}), ...(unreachableTimeMs !== undefined ? { unreachableTimeMs } : {}) });
  task.pendingUpdate = undefined;
  if (!applyStatus(ctx, task, status)) completeTask(ctx, task);
}
