/**
 * Framework lifecycle: SUBSCRIBE (new, resubscribe, failover), stream loss and the failover
 * timer, TEARDOWN/removal, UPDATE_FRAMEWORK, SUPPRESS and REVIVE. Reference §1.1, §1.6.
 */
import type { FieldProblem } from '../../lib/errors.ts';
import { roleProblem } from '../../lib/resources/index.ts';
import { frameworkMachine } from '../state/framework.ts';
import { isTerminalTaskState } from '../state/task.ts';
import type { FrameworkInfoWire } from '../wire.ts';
import { type MasterContext, sendToAgent } from './context.ts';
import { errorEvent, heartbeatEvent, subscribedEvent } from './events.ts';
import { setLongTimer } from './long-timer.ts';
import { type EventSink, type FrameworkRecord, hasCapability, rolesOf } from './model.ts';
import { rescindFrameworkOffers } from './offers.ts';
import type { FrameworkAllocation } from './ports.ts';
import { completeTask, endTaskByMaster } from './tasks.ts';

/** Every problem with a FrameworkInfo's roles and identity. */
export function validateFrameworkInfo(info: FrameworkInfoWire): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const multiRole = hasCapability(info, 'MULTI_ROLE');
  if (multiRole && info.role !== undefined) problems.push({ path: 'framework_info.role', message: "'FrameworkInfo.role' must not be set when the MULTI_ROLE capability is present" });
  if (!multiRole && info.roles !== undefined && info.roles.length > 0) problems.push({ path: 'framework_info.roles', message: "'FrameworkInfo.roles' requires the MULTI_ROLE capability" });
  for (const role of multiRole ? info.roles ?? [] : [info.role ?? '*']) {
    const problem = roleProblem(role);
    if (problem) problems.push({ path: 'framework_info.roles', message: `role '${role}': ${problem}` });
  }
  if (info.failover_timeout !== undefined && !(info.failover_timeout >= 0)) problems.push({ path: 'framework_info.failover_timeout', message: 'must be a non-negative number of seconds' });
  for (const [role, sets] of Object.entries(minAllocatableOf(info))) {
    sets.forEach((set, i) => {
      for (const [name, value] of Object.entries(set)) {
        if (!(value >= 0) || !Number.isFinite(value)) {
          problems.push({ path: `framework_info.offer_filters["${role}"].min_allocatable_resources.quantities[${i}].quantities["${name}"]`, message: 'must be a finite number >= 0' });
        }
      }
    });
  }
  return problems;
}

/** FrameworkInfo.offer_filters as the allocator takes them: per role, OR-ed sets of minimums. */
export function minAllocatableOf(info: FrameworkInfoWire): Record<string, Record<string, number>[]> {
  const out: Record<string, Record<string, number>[]> = {};
  for (const [role, filters] of Object.entries(info.offer_filters ?? {})) {
    const quantities = filters.min_allocatable_resources?.quantities;
    if (quantities === undefined) continue;
    out[role] = quantities.map((q) => Object.fromEntries(Object.entries(q.quantities ?? {}).map(([name, scalar]) => [name, scalar.value])));
  }
  return out;
}

function allocationOf(framework: FrameworkRecord): FrameworkAllocation {
  return {
    roles: framework.roles,
    suppressedRoles: [...framework.suppressedRoles],
    capabilities: (framework.info.capabilities ?? []).map((c) => c.type ?? 'UNKNOWN'),
    minAllocatable: minAllocatableOf(framework.info),
  };
}

export type SubscribeResult = { readonly ok: true; readonly frameworkId: string } | { readonly ok: false; readonly message: string };

/**
 * SUBSCRIBE on a fresh stream. On success the stream has SUBSCRIBED then HEARTBEAT; on failure
 * the caller sends ERROR with `message` and closes the stream.
 */
export function subscribe(ctx: MasterContext, info: FrameworkInfoWire, suppressedRoles: readonly string[], sink: EventSink): SubscribeResult {
  const problems = validateFrameworkInfo(info);
  if (problems.length > 0) return { ok: false, message: problems.map((p) => `${p.path}: ${p.message}`).join('; ') };
  const requestedId = info.id?.value;
  if (requestedId !== undefined && ctx.registry.isRemovedFramework(requestedId)) return { ok: false, message: 'Framework has been removed' };
  const existing = requestedId !== undefined ? ctx.registry.frameworks.get(requestedId) : undefined;
  const now = ctx.clock.now();
  let framework: FrameworkRecord;
  if (existing) {
    framework = existing;
    const previous = framework.sink;
    framework.sink = sink;
    previous?.send(errorEvent('Framework failed over'));
    previous?.close();
    framework.failoverTimer?.cancel();
    framework.failoverTimer = null;
    framework.state = frameworkMachine.transition(framework.state, 'resubscribe');
    rescindFrameworkOffers(ctx, framework);
    framework.info = { ...info, id: { value: framework.id } };
    framework.roles = rolesOf(framework.info);
    framework.suppressedRoles = new Set(suppressedRoles);
    framework.reregisteredTime = now;
    ctx.allocator.updateFramework(framework.id, allocationOf(framework));
    ctx.allocator.activateFramework(framework.id);
  } else {
    const id = requestedId ?? ctx.registry.nextFrameworkId();
    framework = {
      id,
      info: { ...info, id: { value: id } },
      state: 'active',
      roles: rolesOf(info),
      suppressedRoles: new Set(suppressedRoles),
      sink,
      registeredTime: now,
      ...(requestedId !== undefined ? { reregisteredTime: now } : {}),
      failoverTimer: null,
      heartbeatTimer: null,
      tasks: new Map(),
      completedTasks: [],
      offers: new Set(),
      executors: new Map(),
    };
    ctx.registry.frameworks.set(id, framework);
    ctx.allocator.addFramework(id, allocationOf(framework), true);
  }
  ctx.logger.info({ frameworkId: framework.id, name: info.name, failover: existing !== undefined }, 'framework subscribed');
  sink.send(subscribedEvent(framework.id, ctx.config.heartbeat_interval / 1000, ctx.masterInfo));
  startHeartbeats(ctx, framework, sink);
  return { ok: true, frameworkId: framework.id };
}

function startHeartbeats(ctx: MasterContext, framework: FrameworkRecord, sink: EventSink): void {
  framework.heartbeatTimer?.cancel();
  const beat = (): void => {
    if (framework.sink !== sink || sink.closed) return;
    sink.send(heartbeatEvent);
    framework.heartbeatTimer = ctx.clock.setTimer(ctx.config.heartbeat_interval, beat);
  };
  beat();
}

/** The framework's stream ended: deactivate, rescind offers, start the failover timer. */
export function streamClosed(ctx: MasterContext, frameworkId: string, sink: EventSink): void {
  const framework = ctx.registry.frameworks.get(frameworkId);
  if (!framework || framework.sink !== sink) return;
  framework.sink = null;
  framework.heartbeatTimer?.cancel();
  framework.heartbeatTimer = null;
  framework.state = frameworkMachine.transition(framework.state, 'disconnect');
  framework.unregisteredTime = ctx.clock.now();
  ctx.allocator.deactivateFramework(framework.id);
  rescindFrameworkOffers(ctx, framework);
  const timeoutMs = Math.max(0, (framework.info.failover_timeout ?? 0) * 1000);
  ctx.logger.info({ frameworkId, failoverTimeoutMs: timeoutMs }, 'framework disconnected');
  framework.failoverTimer = setLongTimer(ctx.clock, timeoutMs, () => {
    framework.failoverTimer = null;
    if (framework.state !== 'disconnected') return;
    framework.state = frameworkMachine.transition(framework.state, 'failover_timeout');
    removeFramework(ctx, framework, 'failover timeout elapsed');
  });
}

/** TEARDOWN from the scheduler. */
export function teardown(ctx: MasterContext, framework: FrameworkRecord): void {
  framework.state = frameworkMachine.transition(framework.state, 'teardown');
  removeFramework(ctx, framework, 'torn down');
}

/** Kills the framework's tasks and executors, forgets its offers, keeps it as completed. */
function removeFramework(ctx: MasterContext, framework: FrameworkRecord, why: string): void {
  ctx.logger.info({ frameworkId: framework.id, why }, 'removing framework');
  framework.failoverTimer?.cancel();
  framework.heartbeatTimer?.cancel();
  rescindFrameworkOffers(ctx, framework);
  const agents = new Set<string>([...framework.executors.keys()]);
  for (const task of [...framework.tasks.values()]) {
    agents.add(task.agentId);
    if (isTerminalTaskState(task.state)) completeTask(ctx, task);
    else endTaskByMaster(ctx, task, 'TASK_KILLED', 'REASON_FRAMEWORK_REMOVED', 'Framework removed');
  }
  for (const agentId of agents) {
    sendToAgent(ctx, agentId, { type: 'SHUTDOWN_FRAMEWORK', shutdown_framework: { framework_id: { value: framework.id } } });
  }
  ctx.allocator.removeFramework(framework.id);
  const sink = framework.sink;
  framework.sink = null;
  sink?.close();
  ctx.registry.frameworks.delete(framework.id);
  ctx.registry.completedFrameworks.push(framework);
  const excess = ctx.registry.completedFrameworks.length - ctx.config.max_completed_frameworks;
  if (excess > 0) ctx.registry.completedFrameworks.splice(0, excess);
}

/** UPDATE_FRAMEWORK: principal, user and checkpoint cannot change; removed roles lose their offers. */
export function updateFramework(ctx: MasterContext, framework: FrameworkRecord, info: FrameworkInfoWire, suppressedRoles: readonly string[]): FieldProblem[] {
  const problems = validateFrameworkInfo(info);
  if (info.id?.value !== framework.id) problems.push({ path: 'framework_info.id', message: `must be the framework's id '${framework.id}'` });
  for (const field of ['principal', 'user', 'checkpoint'] as const) {
    if ((info[field] ?? undefined) !== (framework.info[field] ?? undefined)) problems.push({ path: `framework_info.${field}`, message: 'cannot be changed by UPDATE_FRAMEWORK' });
  }
  if (problems.length > 0) return problems;
  const newRoles = rolesOf(info);
  const removed = new Set(framework.roles.filter((r) => !newRoles.includes(r)));
  const unsuppressed = [...framework.suppressedRoles].filter((r) => !suppressedRoles.includes(r) && newRoles.includes(r));
  framework.info = { ...info, id: { value: framework.id } };
  framework.roles = newRoles;
  framework.suppressedRoles = new Set(suppressedRoles);
  if (removed.size > 0) rescindFrameworkOffers(ctx, framework, removed);
  ctx.allocator.updateFramework(framework.id, allocationOf(framework));
  if (unsuppressed.length > 0) ctx.allocator.reviveOffers(framework.id, unsuppressed);
  return [];
}

/** SUPPRESS / REVIVE: `roles` empty means all the framework's roles. */
export function suppress(ctx: MasterContext, framework: FrameworkRecord, roles: readonly string[]): void {
  const target = roles.length > 0 ? roles : framework.roles;
  for (const role of target) framework.suppressedRoles.add(role);
  ctx.allocator.suppressOffers(framework.id, target);
}

export function revive(ctx: MasterContext, framework: FrameworkRecord, roles: readonly string[]): void {
  const target = roles.length > 0 ? roles : framework.roles;
  for (const role of target) framework.suppressedRoles.delete(role);
  ctx.allocator.reviveOffers(framework.id, target);
}
