/**
 * The master's state in Mesos' legacy JSON shapes (reference §5): "slave" naming, flattened
 * resources, float-second timestamps, capability names as strings. Pure functions of the registry.
 */
import { formatRanges, Resources } from '../../lib/resources/index.ts';
import type { MasterConfig } from '../config.ts';
import { MESOS_VERSION } from '../version.ts';
import type { AgentRecord, FrameworkRecord, OfferRecord, TaskRecord } from '../core/model.ts';
import type { MasterRegistry } from '../core/registry.ts';
import type { AttributeWire, MasterInfoWire, ResourceWire } from '../wire.ts';


export interface StateContext {
  readonly registry: MasterRegistry;
  readonly masterInfo: MasterInfoWire;
  readonly config: MasterConfig;
  readonly startTimeMs: number;
  readonly electedTimeMs: number;
}

type Json = Record<string, unknown>;

function legacy(list: readonly ResourceWire[]): Record<string, number | string> {
  return Resources.fromWire(list).toLegacyJson();
}

function secs(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

export function versionJson(): Json {
  return { version: MESOS_VERSION, build_date: '', build_time: 0, build_user: 'mesos-ts' };
}

function attributesJson(attributes: readonly AttributeWire[] | undefined): Json {
  const out: Json = {};
  for (const a of attributes ?? []) {
    if (a.type === 'SCALAR') out[a.name] = a.scalar?.value ?? 0;
    else if (a.type === 'TEXT') out[a.name] = a.text?.value ?? '';
    else if (a.type === 'RANGES') out[a.name] = formatRanges((a.ranges?.range ?? []).map((r) => [r.begin, r.end] as const));
    else if (a.type === 'SET') out[a.name] = `{${(a.set?.item ?? []).join(', ')}}`;
  }
  return out;
}

// A task's resources never change, so their flattened form is worked out once per task.
const taskResourcesJson = new WeakMap<TaskRecord, Record<string, number | string>>();

function taskResources(task: TaskRecord): Record<string, number | string> {
  let json = taskResourcesJson.get(task);
  if (json === undefined) {
    json = legacy(task.resources);
    taskResourcesJson.set(task, json);
  }
  return json;
}

export function taskJson(task: TaskRecord): Json {
  return {
    id: task.info.task_id.value,
    name: task.info.name,
    framework_id: task.frameworkId,
    executor_id: task.executorId ?? '',
    slave_id: task.agentId,
    state: task.state,
    resources: taskResources(task),
    role: task.role,
    statuses: task.statuses.map((s) => ({
      state: s.state,
      timestamp: s.timestamp ?? 0,
      ...(s.healthy !== undefined ? { healthy: s.healthy } : {}),
      ...(s['container_status'] !== undefined ? { container_status: s['container_status'] } : {}),
    })),
    ...(task.info.labels !== undefined ? { labels: task.info.labels } : {}),
    ...(task.info.container !== undefined ? { container: task.info.container } : {}),
  };
}

function offerJson(offer: OfferRecord): Json {
  return { id: offer.id, framework_id: offer.frameworkId, slave_id: offer.agentId, allocation_info: { role: offer.role }, resources: legacy(offer.resources) };
}

function offersOf(registry: MasterRegistry, ids: Iterable<string>): OfferRecord[] {
  return [...ids].flatMap((id) => registry.offers.get(id) ?? []);
}

export function frameworkJson(registry: MasterRegistry, framework: FrameworkRecord): Json {
  const live = [...framework.tasks.values()];
  const executorResources = [...framework.executors.values()].flatMap((byId) => [...byId.values()].flatMap((e) => e.resources));
  const used = [...live.filter((t) => !t.resourcesRecovered).flatMap((t) => t.resources), ...executorResources];
  const offers = offersOf(registry, framework.offers);
  const info = framework.info;
  const multiRole = (info.capabilities ?? []).some((c) => c.type === 'MULTI_ROLE');
  return {
    id: framework.id,
    name: info.name,
    used_resources: legacy(used),
    offered_resources: legacy(offers.flatMap((o) => o.resources)),
    resources: legacy([...used, ...offers.flatMap((o) => o.resources)]),
    capabilities: (info.capabilities ?? []).map((c) => c.type ?? 'UNKNOWN'),
    hostname: info.hostname ?? '',
    webui_url: info.webui_url ?? '',
    active: framework.state === 'active',
    connected: framework.sink !== null,
    recovered: false,
    user: info.user,
    failover_timeout: info.failover_timeout ?? 0,
    checkpoint: info.checkpoint ?? false,
    registered_time: secs(framework.registeredTime),
    unregistered_time: secs(framework.unregisteredTime) ?? 0,
    ...(framework.reregisteredTime !== undefined ? { reregistered_time: secs(framework.reregisteredTime) } : {}),
    ...(info.principal !== undefined ? { principal: info.principal } : {}),
    ...(multiRole ? { roles: framework.roles } : { role: framework.roles[0] ?? '*' }),
    tasks: live.filter((t) => t.state !== 'TASK_UNREACHABLE').map(taskJson),
    unreachable_tasks: live.filter((t) => t.state === 'TASK_UNREACHABLE').map(taskJson),
    completed_tasks: framework.completedTasks.map(taskJson),
    offers: offers.map(offerJson),
    executors: [...framework.executors].flatMap(([agentId, executors]) => [...executors.values()].map((e) => ({ ...e.info, slave_id: agentId }))),
    ...(info.labels !== undefined ? { labels: info.labels } : {}),
    offer_constraints: {},
  };
}

export function agentJson(registry: MasterRegistry, agent: AgentRecord): Json {
  const executorResources = [...registry.frameworks.values()].flatMap((f) => [...(f.executors.get(agent.id)?.values() ?? [])].flatMap((e) => e.resources));
  const used = [...registry.tasksOnAgent(agent.id).filter((t) => !t.resourcesRecovered).flatMap((t) => t.resources), ...executorResources];
  const total = Resources.fromWire(agent.total);
  return {
    id: agent.id,
    hostname: agent.info.hostname,
    port: agent.port,
    attributes: attributesJson(agent.info.attributes),
    pid: `slave(1)@${agent.ip}:${agent.port}`,
    registered_time: secs(agent.registeredTime),
    ...(agent.reregisteredTime !== undefined ? { reregistered_time: secs(agent.reregisteredTime) } : {}),
    resources: total.toLegacyJson(),
    used_resources: legacy(used),
    offered_resources: legacy(offersOf(registry, agent.offers).flatMap((o) => o.resources)),
    reserved_resources: {},
    unreserved_resources: total.unreserved().toLegacyJson(),
    active: agent.state === 'registered',
    deactivated: false,
    version: agent.version,
    capabilities: [],
  };
}

export function stateJson(ctx: StateContext): Json {
  const { registry, masterInfo, config } = ctx;
  const agents = [...registry.agents.values()];
  const leaderInfo = { id: masterInfo.id, pid: masterInfo.pid, port: masterInfo.port, hostname: masterInfo.hostname };
  return {
    ...versionJson(),
    start_time: ctx.startTimeMs / 1000,
    elected_time: ctx.electedTimeMs / 1000,
    id: masterInfo.id,
    pid: masterInfo.pid,
    hostname: masterInfo.hostname,
    capabilities: (masterInfo.capabilities ?? []).map((c) => c.type),
    activated_slaves: agents.filter((a) => a.state === 'registered').length,
    deactivated_slaves: 0,
    unreachable_slaves: agents.filter((a) => a.state === 'unreachable').length,
    leader: masterInfo.pid,
    leader_info: leaderInfo,
    ...(config.cluster !== '' ? { cluster: config.cluster } : {}),
    flags: flagsJson(config),
    slaves: agents.filter((a) => a.state === 'registered' || a.state === 'disconnected').map((a) => agentJson(registry, a)),
    recovered_slaves: [],
    frameworks: [...registry.frameworks.values()].map((f) => frameworkJson(registry, f)),
    completed_frameworks: registry.completedFrameworks.map((f) => frameworkJson(registry, f)),
    orphan_tasks: [],
    unregistered_frameworks: [],
  };
}

/** Flags as Mesos prints them: every value a string. */
export function flagsJson(config: MasterConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(config)) out[name] = value === null ? '' : String(value);
  return out;
}
