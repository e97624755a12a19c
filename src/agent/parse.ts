/**
 * Checks the JSON the agent receives (master events, executor calls) before anything acts on it.
 * Only the fields the agent relies on are checked, and every problem is reported with its path;
 * the rest of each message is passed through untouched, as Mesos ignores what it does not know.
 */
import type { FieldProblem } from '../lib/errors.ts';
import type { ExecutorInfoWire, FrameworkInfoWire, KillPolicyWire, TaskInfoWire, TaskStatusWire } from './wire.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Checker {
  readonly problems: FieldProblem[] = [];

  object(value: unknown, path: string): Json | undefined {
    if (isObject(value)) return value;
    this.problems.push({ path, message: value === undefined ? 'is required' : 'must be an object' });
    return undefined;
  }

  string(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value !== '') return value;
    this.problems.push({ path, message: value === undefined ? 'is required' : 'must be a non-empty string' });
    return undefined;
  }

  id(value: unknown, path: string): string | undefined {
    const object = this.object(value, path);
    return object ? this.string(object['value'], `${path}.value`) : undefined;
  }

  optionalObject(value: unknown, path: string): Json | undefined {
    if (value === undefined || value === null) return undefined;
    return this.object(value, path);
  }

  result<T>(value: T): Parsed<T> {
    return this.problems.length > 0 ? { ok: false, problems: this.problems } : { ok: true, value };
  }
}

function checkTaskInfo(c: Checker, value: unknown, path: string): TaskInfoWire | undefined {
  const task = c.object(value, path);
  if (!task) return undefined;
  c.string(task['name'], `${path}.name`);
  c.id(task['task_id'], `${path}.task_id`);
  if (task['executor'] !== undefined && task['executor'] !== null) checkExecutorInfo(c, task['executor'], `${path}.executor`);
  c.optionalObject(task['command'], `${path}.command`);
  if (task['resources'] !== undefined && !Array.isArray(task['resources'])) c.problems.push({ path: `${path}.resources`, message: 'must be an array' });
  return task as TaskInfoWire;
}

function checkExecutorInfo(c: Checker, value: unknown, path: string): ExecutorInfoWire | undefined {
  const executor = c.object(value, path);
  if (!executor) return undefined;
  c.id(executor['executor_id'], `${path}.executor_id`);
  return executor as unknown as ExecutorInfoWire;
}

function checkFrameworkInfo(c: Checker, value: unknown, path: string): FrameworkInfoWire | undefined {
  const info = c.object(value, path);
  if (!info) return undefined;
  c.id(info['id'], `${path}.id`);
  return info as FrameworkInfoWire;
}

export type MasterEvent =
  | { type: 'SUBSCRIBED'; agentId: string; pingIntervalSeconds: number | undefined }
  | { type: 'RUN_TASK'; framework: FrameworkInfoWire; task: TaskInfoWire }
  | { type: 'RUN_TASK_GROUP'; framework: FrameworkInfoWire; executor: ExecutorInfoWire; tasks: TaskInfoWire[] }
  | { type: 'KILL_TASK'; frameworkId: string; taskId: string; killPolicy: KillPolicyWire | undefined }
  | { type: 'ACKNOWLEDGE'; frameworkId: string; taskId: string; uuid: string }
  | { type: 'SHUTDOWN_EXECUTOR'; frameworkId: string; executorId: string }
  | { type: 'SHUTDOWN_FRAMEWORK'; frameworkId: string }
  | { type: 'FRAMEWORK_MESSAGE'; frameworkId: string; executorId: string; data: string }
  | { type: 'PING' }
  | { type: 'SHUTDOWN'; message: string }
  | { type: 'ERROR'; message: string }
  | { type: 'UNKNOWN'; name: string };

/** Parses one event of the agent stream (docs/protocol.md). Unknown types are passed on, not errors. */
export function parseMasterEvent(json: unknown): Parsed<MasterEvent> {
  const c = new Checker();
  const event = c.object(json, '');
  if (!event) return c.result({ type: 'UNKNOWN', name: '' });
  const type = c.string(event['type'], 'type') ?? '';
  const body = (name: string): Json => c.object(event[name], name) ?? {};
  switch (type) {
    case 'SUBSCRIBED': {
      const b = body('subscribed');
      const ping = b['ping_interval_seconds'];
      return c.result({ type, agentId: c.id(b['agent_id'], 'subscribed.agent_id') ?? '', pingIntervalSeconds: typeof ping === 'number' && ping > 0 ? ping : undefined });
    }
    case 'RUN_TASK': {
      const b = body('run_task');
      const framework = checkFrameworkInfo(c, b['framework_info'], 'run_task.framework_info');
      const task = checkTaskInfo(c, b['task'], 'run_task.task');
      return c.result({ type, framework: framework as FrameworkInfoWire, task: task as TaskInfoWire });
    }
    case 'RUN_TASK_GROUP': {
      const b = body('run_task_group');
      const framework = checkFrameworkInfo(c, b['framework_info'], 'run_task_group.framework_info');
      const executor = checkExecutorInfo(c, b['executor'], 'run_task_group.executor');
      const group = c.object(b['task_group'], 'run_task_group.task_group');
      const list = group?.['tasks'];
      if (group && (!Array.isArray(list) || list.length === 0)) c.problems.push({ path: 'run_task_group.task_group.tasks', message: 'must list at least one task' });
      const tasks = Array.isArray(list) ? list.map((t, i) => checkTaskInfo(c, t, `run_task_group.task_group.tasks[${i}]`)) : [];
      return c.result({ type, framework: framework as FrameworkInfoWire, executor: executor as ExecutorInfoWire, tasks: tasks as TaskInfoWire[] });
    }
    case 'KILL_TASK': {
      const b = body('kill_task');
      const policy = c.optionalObject(b['kill_policy'], 'kill_task.kill_policy') as KillPolicyWire | undefined;
      return c.result({ type, frameworkId: c.id(b['framework_id'], 'kill_task.framework_id') ?? '', taskId: c.id(b['task_id'], 'kill_task.task_id') ?? '', killPolicy: policy });
    }
    case 'ACKNOWLEDGE': {
      const b = body('acknowledge');
      return c.result({
        type, frameworkId: c.id(b['framework_id'], 'acknowledge.framework_id') ?? '', taskId: c.id(b['task_id'], 'acknowledge.task_id') ?? '',
        uuid: c.string(b['uuid'], 'acknowledge.uuid') ?? '',
      });
    }
    case 'SHUTDOWN_EXECUTOR': {
      const b = body('shutdown_executor');
      return c.result({ type, frameworkId: c.id(b['framework_id'], 'shutdown_executor.framework_id') ?? '', executorId: c.id(b['executor_id'], 'shutdown_executor.executor_id') ?? '' });
    }
    case 'SHUTDOWN_FRAMEWORK':
      return c.result({ type, frameworkId: c.id(body('shutdown_framework')['framework_id'], 'shutdown_framework.framework_id') ?? '' });
    case 'FRAMEWORK_MESSAGE': {
      const b = body('framework_message');
      return c.result({
        type, frameworkId: c.id(b['framework_id'], 'framework_message.framework_id') ?? '',
        executorId: c.id(b['executor_id'], 'framework_message.executor_id') ?? '', data: typeof b['data'] === 'string' ? b['data'] : '',
      });
    }
    case 'PING':
      return c.result({ type });
    case 'SHUTDOWN':
    case 'ERROR': {
      const b = isObject(event[type.toLowerCase()]) ? (event[type.toLowerCase()] as Json) : {};
      return c.result({ type, message: typeof b['message'] === 'string' ? b['message'] : '' });
    }
    default:
      return c.result({ type: 'UNKNOWN', name: type });
  }
}

export type ExecutorCall =
  | { type: 'SUBSCRIBE'; frameworkId: string; executorId: string }
  | { type: 'UPDATE'; frameworkId: string; executorId: string; status: TaskStatusWire }
  | { type: 'MESSAGE'; frameworkId: string; executorId: string; data: string }
  | { type: 'HEARTBEAT'; frameworkId: string; executorId: string };

const UUID_BYTES_BASE64 = /^[A-Za-z0-9+/]{22}==$/;

/** Parses a v1 executor Call with Mesos' rules for UPDATE (uuid, SOURCE_EXECUTOR, not STAGING). */
export function parseExecutorCall(json: unknown): Parsed<ExecutorCall> {
  const c = new Checker();
  const call = c.object(json, '') ?? {};
  const frameworkId = c.id(call['framework_id'], 'framework_id') ?? '';
  const executorId = c.id(call['executor_id'], 'executor_id') ?? '';
  const type = c.string(call['type'], 'type');
  const base = { frameworkId, executorId };
  switch (type) {
    case 'SUBSCRIBE':
    case 'HEARTBEAT':
      return c.result({ type, ...base });
    case 'MESSAGE': {
      const message = c.object(call['message'], 'message');
      const data = message?.['data'];
      if (message && typeof data !== 'string') c.problems.push({ path: 'message.data', message: 'is required (base64 bytes)' });
      return c.result({ type, ...base, data: typeof data === 'string' ? data : '' });
    }
    case 'UPDATE': {
      const update = c.object(call['update'], 'update');
      const status = update ? c.object(update['status'], 'update.status') : undefined;
      if (status) {
        c.id(status['task_id'], 'update.status.task_id');
        const state = c.string(status['state'], 'update.status.state');
        if (state === 'TASK_STAGING') c.problems.push({ path: 'update.status.state', message: 'TASK_STAGING is not a state an executor may report' });
        const uuid = status['uuid'];
        if (typeof uuid !== 'string' || !UUID_BYTES_BASE64.test(uuid)) c.problems.push({ path: 'update.status.uuid', message: 'is required: 16 bytes, base64' });
        if (status['source'] !== 'SOURCE_EXECUTOR') c.problems.push({ path: 'update.status.source', message: 'must be SOURCE_EXECUTOR' });
      }
      return c.result({ type, ...base, status: (status ?? {}) as TaskStatusWire });
    }
    case undefined:
      return c.result({ type: 'HEARTBEAT', ...base });
    default:
      c.problems.push({ path: 'type', message: `unknown call type '${type}'` });
      return c.result({ type: 'HEARTBEAT', ...base });
  }
}
