/**
 * The hierarchical DRF allocator: Mesos' allocator semantics behind a pure, event-fed API. The
 * master calls the event methods (all synchronous, all returning void); offers come out through
 * the one `onOffers` callback, once per framework per round. Time comes from the injected Clock;
 * there is no I/O. Unknown ids in events that can race with removal (recover, activate, ...) are
 * ignored; malformed input (bad weights, quota, minimums, duplicate adds) throws a
 * ValidationError naming the field.
 *
 * Roles are flat: 'a/b' is its own leaf in the role sorter (no hierarchical share aggregation),
 * though resources reserved to 'a' are still allocatable to 'a/b' (Resources.allocatableTo).
 */
import type { Clock, TimerHandle } from '../../lib/clock.ts';
import { ValidationError } from '../../lib/errors.ts';
import { Resources, roleProblem } from '../../lib/resources/index.ts';
import type { NoOfferReport } from './diagnostics.ts';
import { Ledger } from './ledger.ts';
import { compileMinAllocatable, DEFAULT_MIN_ALLOCATABLE } from './min-allocatable.ts';
import type { QuantityVector } from './quantity-vector.ts';
import { compileQuota, validateWeights } from './quota.ts';
import type { QuotaInput, WeightInput } from './quota.ts';
import { filterDurationMs } from './refuse-duration.ts';
import { allocationRoles, reservationRoles, vectorOf } from './resource-helpers.ts';
import { explainOffers, frameworkShare, roleShare, snapshotOf } from './inspection.ts';
import type { AllocatorSnapshot } from './inspection.ts';
import { heldRoles, plainOf, splitByRole } from './recovery.ts';
import { AllocationRound } from './round.ts';
import { AgentState, FrameworkState } from './state.ts';
import type { FrameworkClient } from './state.ts';
import type { AgentOptions, AllocatorOptions, FrameworkOptions, OfferCallback, OfferSet, RecoverFilters } from './types.ts';

export const DEFAULT_ALLOCATION_INTERVAL_MS = 1000;

export class HierarchicalAllocator {
  private readonly ledger = new Ledger();
  private readonly clock: Clock;
  private readonly onOffers: OfferCallback;
  private readonly onError: ((error: unknown) => void) | undefined;
  private readonly intervalMs: number;
  private readonly random: () => number;
  private readonly defaultMinimum: QuantityVector[];
  private round = 0;
  private pendingRound: TimerHandle | undefined;
  private periodic: TimerHandle | undefined;

  constructor(options: AllocatorOptions) {
    this.clock = options.clock;
    this.onOffers = options.onOffers;
    this.onError = options.onError;
    const interval = options.allocationIntervalMs ?? DEFAULT_ALLOCATION_INTERVAL_MS;
    if (!Number.isFinite(interval) || interval <= 0) throw ValidationError.of('allocationIntervalMs', `must be a positive number of ms, got ${String(interval)}`);
    this.intervalMs = interval;
    this.random = options.random ?? Math.random;
    this.defaultMinimum = compileMinAllocatable(options.minAllocatable ?? DEFAULT_MIN_ALLOCATABLE, this.ledger.kinds, 'minAllocatable');
  }

  // ---- frameworks ----

  addFramework(id: string, options: FrameworkOptions, used: ReadonlyMap<string, Resources> = new Map(), active = true): void {
    if (this.ledger.frameworks.has(id)) throw ValidationError.of('framework_id', `framework '${id}' is already added`);
    const framework = new FrameworkState(id, this.ledger.newFrameworkIndex());
    framework.active = active;
    this.applyFrameworkOptions(framework, options, options.suppressedRoles ?? []);
    this.ledger.frameworks.set(id, framework);
    for (const role of framework.roles) this.ledger.syncClient(framework, role);
    for (const [agentId, resources] of used) {
      const agent = this.ledger.agents.get(agentId);
      if (agent) this.trackUsed(agent, framework, resources);
    }
  }

  removeFramework(id: string): void {
    const framework = this.ledger.frameworks.get(id);
    if (!framework) return;
    const clients = [...framework.clients.values()];
    // A scan of all agents: removal is rare, and not indexing agents per framework keeps every
    // offer and recover on the hot path cheaper.
    for (const agent of this.ledger.agents.values()) {
      if (agent.allocations.size === 0) continue;
      for (const client of clients) {
        const allocation = agent.allocations.get(client);
        if (allocation) this.ledger.release(agent, client, allocation.resources);
      }
    }
    framework.roles.clear();
    framework.active = false;
    for (const role of [...framework.clients.keys()]) this.ledger.syncClient(framework, role);
    this.ledger.frameworks.delete(id);
    this.ledger.customMinimums.delete(framework);
    this.allocate();
  }

  activateFramework(id: string): void {
    this.setFrameworkActive(id, true);
  }

  deactivateFramework(id: string): void {
    this.setFrameworkActive(id, false);
  }

  /**
   * New roles (and, when given, capabilities and minimums: omitted ones are kept);
   * `suppressedRoles` replaces the suppressed set.
   */
  updateFramework(id: string, options: FrameworkOptions, suppressedRoles: readonly string[] = options.suppressedRoles ?? []): void {
    const framework = this.ledger.frameworks.get(id);
    if (!framework) return;
    const before = new Set([...framework.roles, ...framework.clients.keys()]);
    this.applyFrameworkOptions(framework, options, suppressedRoles);
    for (const role of new Set([...before, ...framework.roles])) this.ledger.syncClient(framework, role);
    // new capabilities or minimums may make it take what it could not before
    for (const client of framework.clients.values()) client.roleState.version++;
    this.allocate();
  }

  /** Stops offers for `roles` (all of the framework's roles when empty). */
  suppressOffers(frameworkId: string, roles: readonly string[] = []): void {
    const framework = this.ledger.frameworks.get(frameworkId);
    if (!framework) return;
    for (const role of roles.length > 0 ? roles : [...framework.roles]) {
      framework.suppressed.add(role);
      this.ledger.syncClient(framework, role);
    }
  }

  /** Unsuppresses `roles` (all when empty) and clears their decline filters, then asks for a round. */
  reviveOffers(frameworkId: string, roles: readonly string[] = []): void {
    const framework = this.ledger.frameworks.get(frameworkId);
    if (!framework) return;
    const targets = roles.length > 0 ? roles : [...framework.roles];
    for (const role of targets) {
      framework.suppressed.delete(role);
      this.ledger.syncClient(framework, role);
    }
    framework.filters.clear(roles.length > 0 ? roles : undefined);
    for (const client of framework.clients.values()) client.roleState.version++;
    this.allocate();
  }

  // ---- agents ----

  addAgent(id: string, info: AgentOptions, total: Resources, used: ReadonlyMap<string, Resources> = new Map()): void {
    if (this.ledger.agents.has(id)) throw ValidationError.of('agent_id', `agent '${id}' is already added`);
    const agent = new AgentState(id, this.ledger.newAgentIndex(), info.hostname, info.attributes);
    this.ledger.agents.set(id, agent);
    this.setAgentTotal(agent, total);
    for (const [frameworkId, resources] of used) {
      const framework = this.ledger.frameworks.get(frameworkId);
      if (framework) this.trackUsed(agent, framework, resources);
    }
    this.allocate();
  }

  removeAgent(id: string): void {
    const agent = this.ledger.agents.get(id);
    if (!agent) return;
    for (const [client, allocation] of [...this.ledger.allocationsOf(agent)]) {
      this.ledger.forget(agent, client);
      this.ledger.unshare(client, allocation.q, allocation.uq);
    }
    this.ledger.changeTotals(agent.totalQ, -1);
    this.ledger.changeReservations(agent, -1);
    for (const framework of this.ledger.frameworks.values()) framework.filters.forgetAgent(agent.index);
    this.ledger.agents.delete(id);
  }

  /** The agent's resources changed (e.g. operator reservation, resize); allocations stay as they are. */
  updateAgent(id: string, total: Resources): void {
    const agent = this.ledger.agents.get(id);
    if (!agent) return;
    this.ledger.changeTotals(agent.totalQ, -1);
    this.ledger.changeReservations(agent, -1);
    this.setAgentTotal(agent, total);
    this.allocate();
  }

  activateAgent(id: string): void {
    const agent = this.ledger.agents.get(id);
    if (!agent || agent.active) return;
    agent.active = true;
    this.allocate();
  }

  deactivateAgent(id: string): void {
    const agent = this.ledger.agents.get(id);
    if (agent) agent.active = false;
  }

  // ---- resources coming back ----

  /**
   * Resources a framework no longer holds on an agent: declined or rescinded offers, the unused
   * part of an accept, resources of finished tasks. With `filters`, the framework will not be
   * offered a subset of these on this agent (for this role) until the filter expires or it revives.
   */
  recoverResources(frameworkId: string, agentId: string, resources: Resources, filters?: RecoverFilters): void {
    const framework = this.ledger.frameworks.get(frameworkId);
    const agent = this.ledger.agents.get(agentId);
    if (!framework || !agent || resources.isEmpty()) return;
    const duration = filters ? filterDurationMs(filters.refuseSeconds, this.intervalMs) : 0;
    if (framework.clients.size === 1) {
      // the common case, kept free of intermediate maps: one role, so everything belongs to it
      const client = framework.clients.values().next().value as FrameworkClient;
      if (!agent.allocations.has(client)) return;
      this.releaseAndFilter(agent, client, plainOf(agent, client.role, resources), duration);
    } else {
      const held = heldRoles(agent, framework);
      for (const [role, plain] of splitByRole(agent, held, resources)) {
        const client = held.get(role);
        if (client) this.releaseAndFilter(agent, client, plain, duration);
      }
    }
    this.allocate();
  }

  private releaseAndFilter(agent: AgentState, client: FrameworkClient, plain: Resources, filterMs: number): void {
    const released = this.ledger.release(agent, client, plain);
    if (filterMs > 0 && !released.isEmpty()) client.framework.filters.install(client.role, agent.index, released, this.clock.now() + filterMs);
  }

  // ---- weights and quota ----

  updateWeights(weights: readonly WeightInput[]): void {
    validateWeights(weights);
    for (const { role, weight } of weights) {
      if (weight === 1) this.ledger.weights.delete(role);
      else this.ledger.weights.set(role, weight);
      const state = this.ledger.roles.get(role);
      if (state) this.ledger.roleSorter.setWeight(state.client, weight);
    }
  }

  /** Sets a role's guarantees and limits; both empty removes its quota. */
  updateQuota(role: string, quota: QuotaInput): void {
    if (typeof role !== 'string' || role === '*') throw ValidationError.of('role', `quota needs a named role, got '${String(role)}'`);
    const problem = roleProblem(role);
    if (problem) throw ValidationError.of('role', problem);
    const compiled = compileQuota(quota, this.ledger.kinds);
    if (!compiled.hasGuarantees && !compiled.hasLimits) this.ledger.quotas.delete(role);
    else this.ledger.quotas.set(role, compiled);
    this.allocate();
  }

  // ---- rounds ----

  /** Asks for a round soon; requests made before it runs are coalesced into it. */
  allocate(): void {
    if (this.pendingRound) return;
    this.pendingRound = this.clock.setTimer(0, () => {
      this.pendingRound = undefined;
      this.runRound();
    });
  }

  /** Runs one full round now and delivers its offers. */
  runRound(): void {
    this.round++;
    const offers = new AllocationRound({
      ledger: this.ledger,
      now: this.clock.now(),
      round: this.round,
      defaultMinimum: this.defaultMinimum,
      random: this.random,
    }).run();
    let failure: unknown;
    for (const framework of offers) {
      const byRole = framework.offers;
      framework.offers = undefined;
      if (!byRole) continue;
      try {
        this.onOffers(framework.id, byRole);
      } catch (error) {
        // The master never saw these offers, so nobody would ever hand them back: take them back now.
        this.takeBack(framework.id, byRole);
        failure ??= error;
      }
    }
    if (failure !== undefined) {
      if (this.onError) this.onError(failure);
      else throw failure;
    }
  }

  private takeBack(frameworkId: string, byRole: OfferSet): void {
    for (const byAgent of byRole.values()) {
      for (const [agentId, resources] of byAgent) this.recoverResources(frameworkId, agentId, resources);
    }
  }

  /** Batch rounds every allocation interval until `stop()`. */
  start(): void {
    if (this.periodic) return;
    const tick = (): void => {
      this.periodic = this.clock.setTimer(this.intervalMs, tick);
      this.runRound();
    };
    this.periodic = this.clock.setTimer(this.intervalMs, tick);
  }

  stop(): void {
    this.periodic?.cancel();
    this.periodic = undefined;
    this.pendingRound?.cancel();
    this.pendingRound = undefined;
  }

  // ---- reading ----

  /** Why `frameworkId` got what it got in the last round it was considered. */
  whyNoOffers(frameworkId: string): NoOfferReport | undefined {
    return explainOffers(this.ledger, frameworkId, this.round, this.clock.now());
  }

  /** Weighted dominant share of a role (0 when unknown). */
  roleShare(role: string): number {
    return roleShare(this.ledger, role);
  }

  /** Dominant share of a framework within a role (0 when unknown). */
  frameworkShare(frameworkId: string, role: string): number {
    return frameworkShare(this.ledger, frameworkId, role);
  }

  snapshot(): AllocatorSnapshot {
    return snapshotOf(this.ledger);
  }

  // ---- internals ----

  private setFrameworkActive(id: string, active: boolean): void {
    const framework = this.ledger.frameworks.get(id);
    if (!framework || framework.active === active) return;
    framework.active = active;
    for (const role of [...framework.clients.keys()]) this.ledger.syncClient(framework, role);
    if (active) this.allocate();
  }

  private applyFrameworkOptions(framework: FrameworkState, options: FrameworkOptions, suppressedRoles: readonly string[]): void {
    if (!Array.isArray(options.roles)) throw ValidationError.of('roles', 'must be a list of role names');
    const problems = options.roles.flatMap((role, i) => {
      const problem = typeof role === 'string' ? roleProblem(role) : 'must be a role name';
      return problem ? [{ path: `roles[${i}]`, message: problem }] : [];
    });
    if (problems.length > 0) throw new ValidationError(problems);
    // Omitted capabilities or minimums keep what the framework had (an update that only moves roles
    // must not strip GPU_RESOURCES); an empty list or record clears them.
    let minimums = framework.minAllocatable;
    if (options.minAllocatable) {
      minimums = new Map<string, QuantityVector[]>();
      for (const [role, spec] of Object.entries(options.minAllocatable)) {
        minimums.set(role, compileMinAllocatable(spec, this.ledger.kinds, `minAllocatable.${role}`));
      }
    }
    framework.roles = new Set(options.roles);
    if (options.capabilities) framework.capabilities = new Set(options.capabilities);
    framework.suppressed = new Set(suppressedRoles);
    framework.minAllocatable = minimums;
    if (minimums.size > 0) this.ledger.customMinimums.add(framework);
    else this.ledger.customMinimums.delete(framework);
  }

  private setAgentTotal(agent: AgentState, total: Resources): void {
    const kinds = this.ledger.kinds;
    const plainTotal = total.unallocate();
    agent.total = plainTotal;
    agent.totalQ = vectorOf(plainTotal, kinds);
    agent.hasReservations = !plainTotal.reserved().isEmpty();
    agent.hasGpus = plainTotal.scalar('gpus') > 0;
    agent.hasRevocable = !plainTotal.revocable().isEmpty();
    agent.reservedQ = new Map();
    if (agent.hasReservations) {
      for (const role of reservationRoles(plainTotal)) agent.reservedQ.set(role, vectorOf(plainTotal.reserved(role), kinds));
    }
    if (agent.allocations.size === 0) {
      agent.free = plainTotal;
      agent.freeQ = agent.totalQ.slice();
    } else {
      let allocated = Resources.empty();
      for (const [, allocation] of this.ledger.allocationsOf(agent)) allocated = allocated.plus(allocation.resources);
      agent.free = plainTotal.minusClamped(allocated);
      agent.freeQ = vectorOf(agent.free, kinds);
    }
    agent.freeUnreservedQ = agent.hasReservations ? vectorOf(agent.free.unreserved(), kinds) : agent.freeQ.slice();
    agent.cachePlain = agent.cacheAllocated = agent.cacheRole = undefined;
    agent.freeVersion++;
    this.ledger.changeTotals(agent.totalQ, 1);
    this.ledger.changeReservations(agent, 1);
  }

  /** Resources already in use when an agent or framework (re)appears: allocated without an offer. */
  private trackUsed(agent: AgentState, framework: FrameworkState, used: Resources): void {
    const kinds = this.ledger.kinds;
    const fallbackRole = framework.roles.values().next().value ?? '*';
    for (const role of allocationRoles(used)) {
      const plain = used.allocatedTo(role).unallocate();
      const fits = agent.free.minusClamped(agent.free.minusClamped(plain));
      if (fits.isEmpty()) continue;
      this.ledger.allocateByName(agent, framework, role ?? fallbackRole, fits, vectorOf(fits, kinds), vectorOf(fits.unreserved(), kinds));
    }
  }
}
