/**
 * ACCEPT and DECLINE: validate the offers, launch what is valid (RUN_TASK / RUN_TASK_GROUP to the
 * agent), answer what is not (TASK_ERROR / TASK_LOST / TASK_DROPPED), and return the unused
 * resources to the allocator with the call's filter.
 */
import { type FieldProblem, formatProblems } from '../../lib/errors.ts';
import { Resources } from '../../lib/resources/index.ts';
import type { ExecutorInfoWire, ResourceWire, TaskInfoWire } from '../wire.ts';
import { type MasterContext, sendToAgent, sendToFramework } from './context.ts';
import { masterStatus, updateEvent } from './events.ts';
import { type ExecutorRecord, type FrameworkRecord, type OfferRecord, type TaskRecord, taskKey } from './model.ts';
import { endOffer } from './offers.ts';
import { stateFor } from './tasks.ts';
import { type TaskCheck, idValue, validateOffers, validateTask } from './validation.ts';

/** Mesos' default refuse_seconds when the call carries no filters. */
const DEFAULT_REFUSE_SECONDS = 5;

export interface AcceptInput {
  readonly offerIds: unknown;
  readonly operations: readonly unknown[];
  readonly refuseSeconds?: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Task infos each LAUNCH / LAUNCH_GROUP operation carries (for answering invalid offers). */
function tasksOf(operation: unknown): unknown[] {
  if (!isObject(operation)) return [];
  const launch = operation['launch'];
  const group = operation['launch_group'];
  if (operation['type'] === 'LAUNCH' && isObject(launch) && Array.isArray(launch['task_infos'])) return launch['task_infos'];
  if (operation['type'] === 'LAUNCH_GROUP' && isObject(group) && isObject(group['task_group']) && Array.isArray(group['task_group']['tasks'])) {
    return group['task_group']['tasks'];
  }
  return [];
}

function answer(ctx: MasterContext, framework: FrameworkRecord, task: unknown, agentId: string | undefined, state: 'TASK_ERROR' | 'TASK_LOST' | 'TASK_DROPPED', reason: string, message: string): void {
  const taskId = isObject(task) ? idValue(task['task_id']) : undefined;
  if (taskId === undefined) return;
  sendToFramework(framework, updateEvent(masterStatus({ taskId, state: stateFor(framework, state), reason, message, nowMs: ctx.clock.now(), ...(agentId !== undefined ? { agentId } : {}) })));
}

export function accept(ctx: MasterContext, framework: FrameworkRecord, input: AcceptInput): void {
  const { offers, problems } = validateOffers(ctx.registry, framework, input.offerIds);
  if (problems.length > 0) {
    for (const offer of offers) {
      endOffer(ctx, offer, 'decline');
      ctx.allocator.recoverResources(offer.frameworkId, offer.agentId, offer.resources);
    }
    const message = `Task launched with invalid offers: ${formatProblems(problems)}`;
    for (const operation of input.operations) {
      for (const task of tasksOf(operation)) answer(ctx, framework, task, undefined, 'TASK_DROPPED', 'REASON_INVALID_OFFERS', message);
    }
    return;
  }
  const first = offers[0] as OfferRecord;
  let available = Resources.empty();
  for (const offer of offers) {
    available = available.plus(Resources.fromWire(offer.resources));
    endOffer(ctx, offer, 'accept');
  }
  const session: LaunchSession = { ctx, framework, agentId: first.agentId, role: first.role, available, idsInCall: new Set() };
  input.operations.forEach((operation, index) => runOperation(session, operation, `operations[${index}]`));
  if (!session.available.isEmpty()) {
    const refuse = input.refuseSeconds ?? DEFAULT_REFUSE_SECONDS;
    ctx.allocator.recoverResources(framework.id, first.agentId, session.available.toWire(), refuse);
  }
}

/** DECLINE = ACCEPT without operations. */
export function decline(ctx: MasterContext, framework: FrameworkRecord, offerIds: unknown, refuseSeconds?: number): void {
  const ids = Array.isArray(offerIds) ? offerIds : [];
  for (const raw of ids) {
    const offer = ctx.registry.offers.get(idValue(raw) ?? '');
    if (!offer || offer.frameworkId !== framework.id || offer.state !== 'outstanding') continue;
    endOffer(ctx, offer, 'decline');
    ctx.allocator.recoverResources(framework.id, offer.agentId, offer.resources, refuseSeconds ?? DEFAULT_REFUSE_SECONDS);
  }
}

interface LaunchSession {
  readonly ctx: MasterContext;
  readonly framework: FrameworkRecord;
  readonly agentId: string;
  readonly role: string;
  available: Resources;
  readonly idsInCall: Set<string>;
}

function knownExecutors(session: LaunchSession): Set<string> {
  return new Set(session.framework.executors.get(session.agentId)?.keys() ?? []);
}

function runOperation(session: LaunchSession, operation: unknown, path: string): void {
  const { ctx, framework } = session;
  if (!isObject(operation)) return;
  if (operation['type'] === 'LAUNCH') {
    const launch = operation['launch'];
    const infos = isObject(launch) && Array.isArray(launch['task_infos']) ? launch['task_infos'] : [];
    infos.forEach((task, index) => launchOne(session, task, `${path}.launch.task_infos[${index}]`));
    return;
  }
  if (operation['type'] === 'LAUNCH_GROUP') {
    launchGroup(session, operation['launch_group'], `${path}.launch_group`);
    return;
  }
  ctx.logger.warn({ frameworkId: framework.id, type: operation['type'] }, 'offer operation not supported yet; ignored');
}

function launchOne(session: LaunchSession, task: unknown, path: string): void {
  const { ctx, framework } = session;
  const check = validateTask({ task, path, framework, agentId: session.agentId, role: session.role, available: session.available, idsInCall: session.idsInCall, knownExecutors: knownExecutors(session) });
  if (!check.consumes) {
    answer(ctx, framework, task, session.agentId, 'TASK_ERROR', 'REASON_TASK_INVALID', `Task ${formatProblems(check.problems)}`);
    return;
  }
  const info = task as TaskInfoWire;
  session.available = session.available.minus(check.consumes);
  const record = admit(session, info, check.taskResources ?? Resources.empty(), info.executor, check.executorResources);
  sendToAgent(ctx, session.agentId, { type: 'RUN_TASK', run_task: { framework_info: framework.info, task: { ...info, resources: record.resources } } });
}

function launchGroup(session: LaunchSession, group: unknown, path: string): void {
  const { ctx, framework } = session;
  const executor = isObject(group) ? group['executor'] : undefined;
  const tasks = tasksOf({ type: 'LAUNCH_GROUP', launch_group: group });
  const problems: FieldProblem[] = [];
  const checks: TaskCheck[] = [];
  if (tasks.length === 0) problems.push({ path: `${path}.task_group.tasks`, message: 'must contain at least one task' });
  const executorResources = groupExecutorResources(session, executor, `${path}.executor`, problems);
  let available = session.available.minusClamped(executorResources);
  for (const [index, task] of tasks.entries()) {
    const check = validateTask({ task, path: `${path}.task_group.tasks[${index}]`, framework, agentId: session.agentId, role: session.role, available, idsInCall: session.idsInCall, knownExecutors: knownExecutors(session), groupExecutor: executor });
    checks.push(check);
    problems.push(...check.problems);
    if (check.consumes) available = available.minus(check.consumes);
    const id = isObject(task) ? idValue(task['task_id']) : undefined;
    if (id !== undefined) session.idsInCall.add(id);
  }
  if (problems.length > 0) {
    for (const task of tasks) answer(ctx, framework, task, session.agentId, 'TASK_ERROR', 'REASON_TASK_GROUP_INVALID', `Task group ${formatProblems(problems)}`);
    return;
  }
  const executorInfo = executor as ExecutorInfoWire;
  session.available = available;
  const launched = tasks.map((task, index) => admit(session, task as TaskInfoWire, checks[index]?.consumes ?? Resources.empty(), executorInfo, executorResources));
  sendToAgent(ctx, session.agentId, {
    type: 'RUN_TASK_GROUP',
    run_task_group: { framework_info: framework.info, executor: executorInfo, task_group: { tasks: launched.map((t) => ({ ...t.info, resources: t.resources })) } },
  });
}

/** A new group executor's resources (empty if it already runs), problems recorded. */
function groupExecutorResources(session: LaunchSession, executor: unknown, path: string, problems: FieldProblem[]): Resources {
  if (!isObject(executor)) {
    problems.push({ path, message: 'is required for LAUNCH_GROUP' });
    return Resources.empty();
  }
  const executorId = idValue(executor['executor_id']);
  if (executorId === undefined) {
    problems.push({ path: `${path}.executor_id`, message: 'is required' });
    return Resources.empty();
  }
  if (knownExecutors(session).has(executorId)) return Resources.empty();
  const list = (executor['resources'] ?? []) as ResourceWire[];
  const own = Resources.validate(list, `${path}.resources`);
  if (own.length > 0) {
    problems.push(...own);
    return Resources.empty();
  }
  const wanted = Resources.fromWire(list).allocate(session.role);
  if (!session.available.contains(wanted)) {
    problems.push({ path: `${path}.resources`, message: `Executor uses more resources (${wanted.unallocate().toString()}) than available` });
    return Resources.empty();
  }
  return wanted;
}

/**
 * Records a validated task as STAGING on the master, and its executor when new (resources
 * already taken from the offer: the task holds its own, the executor record holds the rest).
 */
function admit(session: LaunchSession, info: TaskInfoWire, taskResources: Resources, executor: ExecutorInfoWire | undefined, executorResources = Resources.empty()): TaskRecord {
  const { ctx, framework } = session;
  session.idsInCall.add(info.task_id.value);
  const record: TaskRecord = {
    frameworkId: framework.id,
    agentId: session.agentId,
    info,
    role: session.role,
    resources: taskResources.toWire(),
    ...(executor ? { executorId: executor.executor_id.value } : {}),
    state: 'TASK_STAGING',
    statuses: [],
    resourcesRecovered: false,
  };
  framework.tasks.set(info.task_id.value, record);
  ctx.registry.agents.get(session.agentId)?.tasks.add(taskKey(framework.id, info.task_id.value));
  const onAgent = framework.executors.get(session.agentId) ?? new Map<string, ExecutorRecord>();
  if (executor && !onAgent.has(executor.executor_id.value)) {
    onAgent.set(executor.executor_id.value, { info: executor, resources: executorResources.toWire() });
    framework.executors.set(session.agentId, onAgent);
  }
  return record;
}
