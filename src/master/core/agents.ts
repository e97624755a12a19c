/**
 * Agents as the master sees them (docs/protocol.md): SUBSCRIBE and re-registration with running
 * tasks, the stream breaking, PING/PONG liveness and the move to unreachable, and the agent's
 * calls (executor exited, framework message, resource changes).
 */
import { Resources } from '../../lib/resources/index.ts';
import { agentMachine } from '../state/agent.ts';
import { isTaskState, isTerminalTaskState } from '../state/task.ts';
import type { RegistryOperation } from '../registrar/operations.ts';
import type { AgentInfoWire, ExecutorInfoWire, ResourceWire, TaskInfoWire } from '../wire.ts';
import { type MasterContext, sendToFramework } from './context.ts';
import { failureEvent, messageEvent } from './events.ts';
import { type AgentRecord, type EventSink, type ExecutorRecord, inAllocator, type TaskRecord, taskKey } from './model.ts';
import { rescindAgentOffers } from './offers.ts';
import { endTaskByMaster } from './tasks.ts';

/** A task the agent reports it runs, as sent in SUBSCRIBE's `tasks[]` (a mesos.v1.Task). */
export interface ReportedTask {
  readonly framework_id: { value: string };
  readonly task_id: { value: string };
  readonly name?: string;
  readonly state: string;
  readonly resources?: ResourceWire[];
  readonly executor_id?: { value: string };
  readonly [key: string]: unknown;
}

export interface AgentSubscribeInput {
  readonly info: AgentInfoWire;
  readonly resources: ResourceWire[];
  readonly agentId?: string;
  readonly version: string;
  readonly tasks: readonly ReportedTask[];
  /** Executors the agent runs (re-registration), each with its framework_id. */
  readonly executors?: readonly ExecutorInfoWire[];
  /** Where the agent's own HTTP API is; ip from the connection when the agent does not say. */
  readonly ip: string;
}

/** A refusal with `shutdown` means the agent must not come back (SHUTDOWN); otherwise it may retry (ERROR). */
export type AgentSubscribeResult = { readonly ok: true; readonly agentId: string } | { readonly ok: false; readonly message: string; readonly shutdown: boolean };

export type AdmissionPlan =
  | { readonly ok: true; readonly agentId: string; readonly fresh: boolean; readonly operation?: RegistryOperation }
  | { readonly ok: false; readonly message: string; readonly shutdown: boolean };

/**
 * What the registry must record before this SUBSCRIBE may take effect: a new agent is admitted
 * under a fresh id; an unreachable one is marked reachable; a gone or removed one is refused.
 */
export function planAdmission(ctx: MasterContext, input: AgentSubscribeInput): AdmissionPlan {
  if (input.agentId === undefined) {
    const agentId = ctx.registry.nextAgentId();
    return { ok: true, agentId, fresh: true, operation: { type: 'admitAgent', agentId, info: { ...input.info, id: { value: agentId } } } };
  }
  const agentId = input.agentId;
  const info = { ...input.info, id: { value: agentId } };
  const known = ctx.registry.agents.get(agentId);
  if (known?.state === 'removed') return { ok: false, message: `Agent ${agentId} has been removed`, shutdown: true };
  if (known?.state === 'unreachable') return { ok: true, agentId, fresh: false, operation: { type: 'markAgentReachable', agentId, info } };
  if (known) return { ok: true, agentId, fresh: false };
  const persisted = ctx.registrar.registry;
  if (persisted.gone.has(agentId)) return { ok: false, message: `Agent ${agentId} has been marked gone`, shutdown: true };
  if (persisted.unreachable.has(agentId)) return { ok: true, agentId, fresh: false, operation: { type: 'markAgentReachable', agentId, info } };
  if (persisted.agents.has(agentId)) return { ok: true, agentId, fresh: false };
  return { ok: true, agentId, fresh: false, operation: { type: 'admitAgent', agentId, info } };
}

/** Applies an admitted SUBSCRIBE (see planAdmission); `fresh` marks a first registration. */
export function subscribeAgent(ctx: MasterContext, input: AgentSubscribeInput & { readonly fresh?: boolean }, sink: EventSink): AgentSubscribeResult {
  const now = ctx.clock.now();
  const known = input.agentId !== undefined ? ctx.registry.agents.get(input.agentId) : undefined;
  if (known?.state === 'removed') return { ok: false, message: `Agent ${known.id} has been removed`, shutdown: true };
  let agent: AgentRecord;
  if (known) {
    agent = known;
    const previousState = agent.state;
    const previousSink = agent.sink;
    agent.sink = sink;
    previousSink?.close();
    agent.state = agentMachine.transition(agent.state, 'resubscribe');
    agent.info = { ...input.info, id: { value: agent.id } };
    agent.total = input.resources;
    agent.ip = input.ip;
    agent.port = input.info.port ?? 5051;
    agent.reregisteredTime = now;
    agent.missedPongs = 0;
    agent.awaitingPong = false;
    agent.version = input.version;
    rescindAgentOffers(ctx, agent);
    adoptReportedExecutors(ctx, agent, input.executors ?? []);
    adoptReportedTasks(ctx, agent, input.tasks);
    if (previousState === 'unreachable') {
      agent.unreachableTime = undefined;
      ctx.allocator.addAgent(agent.id, agent.info.hostname, agent.total, usedOn(ctx, agent));
    } else {
      ctx.allocator.updateAgentTotal(agent.id, agent.total);
      ctx.allocator.activateAgent(agent.id);
    }
  } else {
    const id = input.agentId ?? ctx.registry.nextAgentId();
    agent = {
      id,
      info: { ...input.info, id: { value: id } },
      state: 'registered',
      ip: input.ip,
      port: input.info.port ?? 5051,
      total: input.resources,
      sink,
      missedPongs: 0,
      awaitingPong: false,
      pingTimer: null,
      registeredTime: now,
      ...(input.fresh ? {} : { reregisteredTime: now }),
      version: input.version,
      offers: new Set(),
      tasks: new Set(),
    };
    ctx.registry.agents.set(id, agent);
    adoptReportedExecutors(ctx, agent, input.executors ?? []);
    adoptReportedTasks(ctx, agent, input.tasks);
    ctx.allocator.addAgent(id, agent.info.hostname, agent.total, usedOn(ctx, agent));
  }
  ctx.logger.info({ agentId: agent.id, hostname: agent.info.hostname, reregistered: known !== undefined }, 'agent subscribed');
  sink.send({
    type: 'SUBSCRIBED',
    subscribed: { agent_id: { value: agent.id }, master_info: ctx.masterInfo, ping_interval_seconds: ctx.config.agent_ping_timeout / 1000 },
  });
  startPings(ctx, agent);
  return { ok: true, agentId: agent.id };
}

/** Resources held on the agent by live tasks, by framework (for the allocator). */
function usedOn(ctx: MasterContext, agent: AgentRecord): Map<string, ResourceWire[]> {
  const used = new Map<string, ResourceWire[]>();
  for (const task of ctx.registry.tasksOnAgent(agent.id)) {
    if (task.resourcesRecovered) continue;
    used.set(task.frameworkId, [...(used.get(task.frameworkId) ?? []), ...task.resources]);
  }
  for (const framework of ctx.registry.frameworks.values()) {
    for (const executor of framework.executors.get(agent.id)?.values() ?? []) {
      used.set(framework.id, [...(used.get(framework.id) ?? []), ...executor.resources]);
    }
  }
  return used;
}

/**
 * Brings the master's view of the agent's tasks in line with the agent's report: tasks the
 * agent runs are (re)adopted with the state it reports; tasks the master thought were there
 * but the agent does not know are gone (TASK_LOST, or TASK_DROPPED when partition aware).
 */
function adoptReportedTasks(ctx: MasterContext, agent: AgentRecord, reported: readonly ReportedTask[]): void {
  const reportedKeys = new Set<string>();
  for (const r of reported) {
    const framework = ctx.registry.frameworks.get(r.framework_id.value);
    if (!framework || !isTaskState(r.state)) continue;
    const key = taskKey(framework.id, r.task_id.value);
    reportedKeys.add(key);
    const existing = framework.tasks.get(r.task_id.value);
    if (existing && existing.agentId === agent.id) {
      if (!isTerminalTaskState(r.state)) existing.state = r.state;
      continue;
    }
    if (isTerminalTaskState(r.state)) continue;
    const role = r.resources?.find((res) => res.allocation_info?.role !== undefined)?.allocation_info?.role ?? framework.roles[0] ?? '*';
    const record: TaskRecord = {
      frameworkId: framework.id,
      agentId: agent.id,
      info: taskInfoOf(r, agent.id),
      role,
      resources: Resources.fromWire(r.resources ?? []).allocate(role).toWire(),
      ...(r.executor_id ? { executorId: r.executor_id.value } : {}),
      state: r.state,
      statuses: [],
      resourcesRecovered: false,
    };
    framework.tasks.set(r.task_id.value, record);
    agent.tasks.add(key);
  }
  for (const task of ctx.registry.tasksOnAgent(agent.id)) {
    if (reportedKeys.has(taskKey(task.frameworkId, task.info.task_id.value)) || isTerminalTaskState(task.state)) continue;
    if (task.state === 'TASK_STAGING') continue;
    endTaskByMaster(ctx, task, 'TASK_DROPPED', 'REASON_AGENT_RESTARTED', 'Task is unknown to the re-registered agent');
  }
}

/** The TaskInfo view of a reported mesos.v1.Task (the fields the state endpoints show). */
function taskInfoOf(r: ReportedTask, agentId: string): TaskInfoWire {
  const info: TaskInfoWire = { name: r.name ?? '', task_id: r.task_id, agent_id: { value: agentId } };
  for (const key of ['labels', 'container', 'kill_policy', 'health_check', 'discovery'] as const) {
    if (r[key] !== undefined) info[key] = r[key];
  }
  return info;
}

/** Executors the agent still runs are the master's again, holding their resources. */
function adoptReportedExecutors(ctx: MasterContext, agent: AgentRecord, executors: readonly ExecutorInfoWire[]): void {
  for (const info of executors) {
    const framework = info.framework_id ? ctx.registry.frameworks.get(info.framework_id.value) : undefined;
    if (!framework) continue;
    const onAgent = framework.executors.get(agent.id) ?? new Map<string, ExecutorRecord>();
    if (onAgent.has(info.executor_id.value)) continue;
    const resources = info.resources ?? [];
    const role = resources.find((r) => r.allocation_info?.role !== undefined)?.allocation_info?.role ?? framework.roles[0] ?? '*';
    onAgent.set(info.executor_id.value, { info, resources: Resources.fromWire(resources).allocate(role).toWire() });
    framework.executors.set(agent.id, onAgent);
  }
}

function startPings(ctx: MasterContext, agent: AgentRecord): void {
  agent.pingTimer?.cancel();
  const tick = (): void => {
    agent.pingTimer = null;
    if (agent.state !== 'registered' && agent.state !== 'disconnected') return;
    if (agent.awaitingPong) agent.missedPongs += 1;
    if (agent.missedPongs >= ctx.config.max_agent_ping_timeouts) {
      persistUnreachable(ctx, agent.id);
      return;
    }
    agent.awaitingPong = true;
    if (agent.sink && !agent.sink.closed) agent.sink.send({ type: 'PING' });
    agent.pingTimer = ctx.clock.setTimer(ctx.config.agent_ping_timeout, tick);
  };
  agent.missedPongs = 0;
  agent.awaitingPong = false;
  tick();
}

export function pong(agent: AgentRecord): void {
  agent.missedPongs = 0;
  agent.awaitingPong = false;
}

export function agentStreamClosed(ctx: MasterContext, agentId: string, sink: EventSink): void {
  const agent = ctx.registry.agents.get(agentId);
  if (!agent || agent.sink !== sink) return;
  agent.sink = null;
  if (agent.state !== 'registered') return;
  agent.state = agentMachine.transition(agent.state, 'disconnect');
  ctx.logger.warn({ agentId }, 'agent disconnected');
  ctx.allocator.deactivateAgent(agent.id);
  rescindAgentOffers(ctx, agent);
}

/**
 * Records the agent as unreachable in the registry first, then applies it. If the agent came
 * back while the write was in flight, it is marked reachable again instead.
 */
function persistUnreachable(ctx: MasterContext, agentId: string): void {
  const timeMs = ctx.clock.now();
  ctx.registrar.apply({ type: 'markAgentUnreachable', agentId, timeMs }).then(
    () => {
      const agent = ctx.registry.agents.get(agentId);
      if (!agent || agent.state === 'unreachable' || agent.state === 'removed') return;
      if (agent.missedPongs >= ctx.config.max_agent_ping_timeouts) {
        markUnreachable(ctx, agent);
        return;
      }
      void ctx.registrar.apply({ type: 'markAgentReachable', agentId, info: agent.info }).catch((error: unknown) => {
        ctx.logger.error({ err: error, agentId }, 'could not mark a returning agent reachable');
      });
    },
    (error: unknown) => ctx.logger.error({ err: error, agentId }, 'could not persist the agent as unreachable; it stays registered'),
  );
}

/** Too many missed pongs: the agent's resources leave the allocator, its tasks are reported lost. */
export function markUnreachable(ctx: MasterContext, agent: AgentRecord): void {
  agent.state = agentMachine.transition(agent.state, 'ping_timeout');
  agent.unreachableTime = ctx.clock.now();
  agent.pingTimer?.cancel();
  agent.pingTimer = null;
  ctx.logger.warn({ agentId: agent.id, missedPongs: agent.missedPongs }, 'agent unreachable');
  rescindAgentOffers(ctx, agent);
  ctx.allocator.removeAgent(agent.id);
  for (const task of ctx.registry.tasksOnAgent(agent.id)) {
    if (isTerminalTaskState(task.state)) continue;
    endTaskByMaster(ctx, task, 'TASK_UNREACHABLE', 'REASON_AGENT_REMOVED', `Agent ${agent.info.hostname} is unreachable`, agent.unreachableTime);
  }
  for (const framework of ctx.registry.frameworks.values()) sendToFramework(framework, failureEvent(agent.id));
  const sink = agent.sink;
  agent.sink = null;
  sink?.close();
}

export function executorExited(ctx: MasterContext, agent: AgentRecord, frameworkId: string, executorId: string, status: number | undefined): void {
  const framework = ctx.registry.frameworks.get(frameworkId);
  if (!framework) return;
  const executor = framework.executors.get(agent.id)?.get(executorId);
  framework.executors.get(agent.id)?.delete(executorId);
  if (executor && executor.resources.length > 0 && inAllocator(agent)) {
    ctx.allocator.recoverResources(frameworkId, agent.id, executor.resources);
  }
  sendToFramework(framework, failureEvent(agent.id, executorId, status));
}

export function frameworkMessageFromAgent(ctx: MasterContext, agent: AgentRecord, frameworkId: string, executorId: string, data: string): void {
  sendToFramework(ctx.registry.frameworks.get(frameworkId), messageEvent(agent.id, executorId, data));
}

export function updateAgentResources(ctx: MasterContext, agent: AgentRecord, resources: ResourceWire[]): void {
  agent.total = Resources.fromWire(resources).toWire();
  rescindAgentOffers(ctx, agent);
  ctx.allocator.updateAgentTotal(agent.id, agent.total);
}
