/**
 * The agent's legacy `/state` JSON (Mesos' shape, "slave" naming, flattened resources): enough
 * for UIs and tools to list frameworks, executors and tasks with their sandboxes.
 */
import type { Agent } from '../agent.ts';
import type { AgentConfig } from '../config.ts';
import type { AgentExecutor, AgentFramework, AgentTask } from '../model.ts';
import type { AttributeWire, ResourceWire } from '../wire.ts';

export const AGENT_VERSION = '1.11.0';

/** `{"cpus":4,"gpus":0,"mem":1024,"disk":0,"ports":"[31000-32000]"}`, as every legacy endpoint writes resources. */
export function flattenResources(resources: readonly ResourceWire[] | undefined): Record<string, number | string> {
  const out: Record<string, number | string> = { cpus: 0, gpus: 0, mem: 0, disk: 0 };
  for (const r of resources ?? []) {
    if (r.type === 'SCALAR' && r.scalar) out[r.name] = Math.round(((Number(out[r.name]) || 0) + r.scalar.value) * 1000) / 1000;
    else if (r.type === 'RANGES') out[r.name] = `[${(r.ranges?.range ?? []).map((x) => `${x.begin}-${x.end}`).join(', ')}]`;
    else if (r.type === 'SET') out[r.name] = `{${(r.set?.item ?? []).join(', ')}}`;
  }
  return out;
}

export function flattenAttributes(attributes: readonly AttributeWire[]): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const a of attributes) {
    if (a.type === 'SCALAR' && a.scalar) out[a.name] = a.scalar.value;
    else if (a.type === 'TEXT' && a.text) out[a.name] = a.text.value;
    else if (a.type === 'RANGES') out[a.name] = `[${(a.ranges?.range ?? []).map((x) => `${x.begin}-${x.end}`).join(', ')}]`;
    else if (a.type === 'SET') out[a.name] = `{${(a.set?.item ?? []).join(', ')}}`;
  }
  return out;
}

function taskJson(task: AgentTask, agentId: string): Record<string, unknown> {
  return {
    id: task.info.task_id.value,
    name: task.info.name,
    framework_id: task.frameworkId,
    executor_id: task.info.executor ? task.executorId : '',
    slave_id: agentId,
    state: task.state,
    resources: flattenResources(task.info.resources),
    statuses: task.statuses.map((s) => ({ state: s.state, timestamp: s.timestamp ?? 0 })),
    ...(task.info.labels ? { labels: task.info.labels } : {}),
  };
}

function executorJson(executor: AgentExecutor, agentId: string): Record<string, unknown> {
  const tasks = [...executor.tasks.values()];
  const queued = new Set(executor.queued.flatMap((q) => q.taskIds));
  return {
    id: executor.info.executor_id.value,
    name: executor.info.name ?? '',
    source: executor.info.source ?? '',
    container: executor.containerId,
    directory: executor.sandbox,
    resources: flattenResources(executor.info.resources),
    ...(executor.info.type ? { type: executor.info.type } : {}),
    tasks: tasks.filter((t) => !queued.has(t.info.task_id.value)).map((t) => taskJson(t, agentId)),
    queued_tasks: tasks.filter((t) => queued.has(t.info.task_id.value)).map((t) => taskJson(t, agentId)),
    completed_tasks: executor.completedTasks.map((t) => taskJson(t, agentId)),
  };
}

function frameworkJson(framework: AgentFramework, agentId: string): Record<string, unknown> {
  const info = framework.info;
  return {
    id: framework.id,
    name: info.name,
    user: info.user,
    failover_timeout: info.failover_timeout ?? 0,
    checkpoint: info.checkpoint ?? false,
    hostname: info.hostname ?? '',
    ...(info.principal ? { principal: info.principal } : {}),
    ...(info.roles ? { roles: info.roles } : { role: info.role ?? '*' }),
    executors: [...framework.executors.values()].map((e) => executorJson(e, agentId)),
    completed_executors: framework.completedExecutors.map((e) => executorJson(e, agentId)),
  };
}

export interface StateInput {
  readonly agent: Agent;
  readonly config: AgentConfig;
  readonly hostname: string;
  readonly endpoint: string;
  readonly resources: readonly ResourceWire[];
  readonly attributes: readonly AttributeWire[];
  readonly masterHostname: string | undefined;
}

export function stateJson(input: StateInput): Record<string, unknown> {
  const { agent } = input;
  const agentId = agent.agentId();
  return {
    version: AGENT_VERSION,
    build_date: '', build_time: 0, build_user: '',
    start_time: agent.startTime / 1000,
    id: agentId,
    pid: `slave(1)@${input.endpoint}`,
    hostname: input.hostname,
    capabilities: ['MULTI_ROLE', 'HIERARCHICAL_ROLE', 'RESERVATION_REFINEMENT', 'RESOURCE_PROVIDER', 'AGENT_OPERATION_FEEDBACK'],
    resources: flattenResources(input.resources),
    reserved_resources: {},
    unreserved_resources: flattenResources(input.resources),
    reserved_resources_full: {},
    unreserved_resources_full: input.resources,
    reserved_resources_allocated: {},
    unreserved_resources_allocated: {},
    resource_providers: [],
    attributes: flattenAttributes(input.attributes),
    ...(input.masterHostname ? { master_hostname: input.masterHostname } : {}),
    flags: Object.fromEntries(Object.entries(input.config).map(([k, v]) => [k, String(v)])),
    frameworks: [...agent.frameworks.values()].map((f) => frameworkJson(f, agentId)),
    completed_frameworks: agent.completedFrameworks.map((f) => frameworkJson(f, agentId)),
  };
}
