/**
 * Task and offer validation for ACCEPT (Mesos' master/validation.cpp, in spirit). Input is
 * untrusted JSON, so every access is checked; validators return every problem, each naming its
 * field, and the caller turns them into TASK_ERROR / TASK_LOST updates.
 */
import type { FieldProblem } from '../../lib/errors.ts';
import { Resources } from '../../lib/resources/index.ts';
import type { ResourceWire } from '../wire.ts';
import type { FrameworkRecord, OfferRecord } from './model.ts';
import type { MasterRegistry } from './registry.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The `value` of an `{value: string}` id, or undefined if it is not one. */
export function idValue(v: unknown): string | undefined {
  return isObject(v) && typeof v['value'] === 'string' ? v['value'] : undefined;
}

/** Mesos' ID rules: non-empty, no '/', no whitespace, not '.' or '..'. */
export function idProblem(value: string | undefined): string | undefined {
  if (value === undefined) return 'is required and must be {"value": "<id>"}';
  if (value === '') return 'must not be empty';
  if (value === '.' || value === '..') return `'${value}' is not allowed`;
  if (/[/\s]/.test(value) || [...value].some((c) => c.charCodeAt(0) < 0x20)) return `'${value}' must not contain '/', whitespace or control characters`;
  return undefined;
}

export interface OfferCheck {
  readonly offers: OfferRecord[];
  readonly problems: FieldProblem[];
}

/** ACCEPT's offer rules: each outstanding, this framework's, one agent, one role, no repeats. */
export function validateOffers(registry: MasterRegistry, framework: FrameworkRecord, offerIds: unknown): OfferCheck {
  const problems: FieldProblem[] = [];
  const offers: OfferRecord[] = [];
  if (!Array.isArray(offerIds) || offerIds.length === 0) {
    return { offers, problems: [{ path: 'offer_ids', message: 'must list at least one offer' }] };
  }
  const seen = new Set<string>();
  offerIds.forEach((raw, index) => {
    const path = `offer_ids[${index}]`;
    const id = idValue(raw);
    if (id === undefined) return void problems.push({ path, message: 'must be {"value": "<offer id>"}' });
    if (seen.has(id)) return void problems.push({ path, message: `offer '${id}' is listed more than once` });
    seen.add(id);
    const offer = registry.offers.get(id);
    if (!offer || offer.state !== 'outstanding') return void problems.push({ path, message: `offer '${id}' is no longer valid` });
    if (offer.frameworkId !== framework.id) return void problems.push({ path, message: `offer '${id}' belongs to another framework` });
    offers.push(offer);
  });
  const first = offers[0];
  if (first) {
    if (offers.some((o) => o.agentId !== first.agentId)) problems.push({ path: 'offer_ids', message: 'offers must all be for the same agent' });
    if (offers.some((o) => o.role !== first.role)) problems.push({ path: 'offer_ids', message: 'offers must all have the same allocation role' });
    if (registry.agents.get(first.agentId)?.state !== 'registered') problems.push({ path: 'offer_ids', message: `agent '${first.agentId}' is not registered` });
  }
  return { offers, problems };
}

export interface TaskCheckInput {
  readonly task: unknown;
  /** Path prefix for problems, e.g. `launch.task_infos[0]`. */
  readonly path: string;
  readonly framework: FrameworkRecord;
  readonly agentId: string;
  readonly role: string;
  /** What remains of the offered resources (allocated to `role`). */
  readonly available: Resources;
  /** Task ids already used in this ACCEPT. */
  readonly idsInCall: ReadonlySet<string>;
  /** Executor ids already running on the agent for this framework (their resources are held). */
  readonly knownExecutors: ReadonlySet<string>;
  /** A task group runs under a given executor instead of its own command. */
  readonly groupExecutor?: unknown;
}

export interface TaskCheck {
  readonly problems: FieldProblem[];
  /** What the task plus a new executor consume, allocated to the role; set when valid. */
  readonly consumes?: Resources;
  /** The task's own part of `consumes`. */
  readonly taskResources?: Resources;
  /** A new executor's part of `consumes` (empty when the executor already runs). */
  readonly executorResources?: Resources;
}

/** Every problem with one TaskInfo, and the resources it would consume. */
export function validateTask(input: TaskCheckInput): TaskCheck {
  const { task, path, framework } = input;
  if (!isObject(task)) return { problems: [{ path, message: 'must be a TaskInfo object' }] };
  const problems: FieldProblem[] = [];
  const taskId = idValue(task['task_id']);
  const taskIdProblem = idProblem(taskId);
  if (taskIdProblem) problems.push({ path: `${path}.task_id`, message: taskIdProblem });
  else if (taskId !== undefined && (framework.tasks.has(taskId) || input.idsInCall.has(taskId))) {
    problems.push({ path: `${path}.task_id`, message: `Task has duplicate ID: '${taskId}'` });
  }
  if (typeof task['name'] !== 'string') problems.push({ path: `${path}.name`, message: 'is required and must be a string' });
  const agentId = idValue(task['agent_id']);
  if (agentId !== input.agentId) {
    problems.push({ path: `${path}.agent_id`, message: `Task uses agent '${agentId ?? '(none)'}' but the offers are for '${input.agentId}'` });
  }
  const hasCommand = task['command'] !== undefined && task['command'] !== null;
  const executor = input.groupExecutor ?? task['executor'];
  const hasExecutor = executor !== undefined && executor !== null;
  if (input.groupExecutor === undefined && hasCommand === hasExecutor) {
    problems.push({ path, message: 'Task should have at least one (but not both) of CommandInfo or ExecutorInfo present' });
  }
  if (hasCommand && !isObject(task['command'])) problems.push({ path: `${path}.command`, message: 'must be a CommandInfo object' });
  const taskResources = resourcesAt(task['resources'], `${path}.resources`, problems);
  let executorResources = Resources.empty();
  if (hasExecutor && input.groupExecutor === undefined) {
    executorResources = checkExecutor(executor, `${path}.executor`, framework.id, input.knownExecutors, problems);
  }
  if (problems.length > 0) return { problems };
  const consumes = taskResources.plus(executorResources).allocate(input.role);
  if (consumes.isEmpty() && input.groupExecutor === undefined) {
    return { problems: [{ path: `${path}.resources`, message: 'Task and its executor use no resources' }] };
  }
  if (!input.available.contains(consumes)) {
    return { problems: [{ path: `${path}.resources`, message: `Task uses more resources (${consumes.unallocate().toString()}) than available (${input.available.unallocate().toString()})` }] };
  }
  return { problems, consumes, taskResources: taskResources.allocate(input.role), executorResources: executorResources.allocate(input.role) };
}

/** The resources of a new executor (none for one already running), problems recorded. */
export function checkExecutor(executor: unknown, path: string, frameworkId: string, known: ReadonlySet<string>, problems: FieldProblem[]): Resources {
  if (!isObject(executor)) {
    problems.push({ path, message: 'must be an ExecutorInfo object' });
    return Resources.empty();
  }
  const executorId = idValue(executor['executor_id']);
  const executorIdProblem = idProblem(executorId);
  if (executorIdProblem) problems.push({ path: `${path}.executor_id`, message: executorIdProblem });
  const fid = executor['framework_id'];
  if (fid !== undefined && fid !== null && idValue(fid) !== frameworkId) {
    problems.push({ path: `${path}.framework_id`, message: `ExecutorInfo has an invalid FrameworkID (expected '${frameworkId}')` });
  }
  const resources = resourcesAt(executor['resources'] ?? [], `${path}.resources`, problems);
  return executorId !== undefined && known.has(executorId) ? Resources.empty() : resources;
}

function resourcesAt(list: unknown, path: string, problems: FieldProblem[]): Resources {
  if (list === undefined || list === null) return Resources.empty();
  const own = Resources.validate(list as ResourceWire[], path);
  if (own.length > 0) {
    problems.push(...own);
    return Resources.empty();
  }
  return Resources.fromWire(list as ResourceWire[], path);
}
