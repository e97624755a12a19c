/**
 * One allocation round, Mesos' hierarchical allocator in two stages:
 *
 *   stage 1  roles whose quota guarantee is not yet met take their reservations plus unreserved
 *            resources chopped to what is still guaranteed (and to their limits);
 *   stage 2  for each agent (in random order), roles in weighted-DRF order, and inside a role its
 *            frameworks in DRF order: the first framework that is not suppressed, not filtered for
 *            this agent, and for which the remainder meets its minimum takes everything the agent
 *            has for that role. Unreserved resources are held back when giving them would eat the
 *            headroom that unmet guarantees still need, and chopped at a role's limits.
 *
 * Shares are updated as allocations happen: a framework's position in its role's heap right away,
 * the role's position once the agent is done (its heap is being walked while the agent is served).
 */
import type { Resources } from '../../lib/resources/index.ts';
import { OrderedWalk } from './client-heap.ts';
import { freshNote } from './diagnostics.ts';
import type { Ledger } from './ledger.ts';
import { meetsMinimum } from './min-allocatable.ts';
import { addInto, isZero } from './quantity-vector.ts';
import type { QuantityVector } from './quantity-vector.ts';
import { limitOf } from './quota.ts';
import { capUnreservedScalars, vectorOf } from './resource-helpers.ts';
import type { AgentState, FrameworkClient, FrameworkState, RoleClient, RoleState } from './state.ts';

/** Frameworks that got offers this round; each one's offers are in `framework.offers`. */
export type RoundOffers = FrameworkState[];

export interface RoundInput {
  readonly ledger: Ledger;
  readonly now: number;
  readonly round: number;
  readonly defaultMinimum: readonly QuantityVector[];
  readonly random: () => number;
}

interface QuotaRole {
  readonly role: RoleState;
  /** Guaranteed minus consumed, per kind, floored at 0. */
  readonly unmet: QuantityVector;
}

export class AllocationRound {
  private readonly ledger: Ledger;
  private readonly offers: RoundOffers = [];
  private readonly roleWalk = new OrderedWalk<RoleClient>();
  private readonly frameworkWalk = new OrderedWalk<FrameworkClient>();
  private readonly deferred: Array<[RoleClient, QuantityVector]> = [];
  private readonly unmetByRole = new Map<string, QuantityVector>();
  private required: QuantityVector = [];
  private available: QuantityVector = [];
  private guaranteesRan = false;
  /** After a walk where nobody took the offer: when the first filter that blocked it expires. */
  private blockedUntil = Infinity;

  constructor(private readonly input: RoundInput) {
    this.ledger = input.ledger;
  }

  run(): RoundOffers {
    const ledger = this.ledger;
    ledger.roleSorter.refresh();
    for (const role of ledger.roles.values()) role.frameworks.refresh();
    const agents = this.agentOrder();
    const quotaRoles = this.quotaRoles();
    if (quotaRoles.length > 0) {
      this.guaranteesRan = true;
      this.guaranteeStage(agents, quotaRoles);
    }
    this.prepareHeadroom(agents);
    this.fairShareStage(agents);
    return this.offers;
  }

  private agentOrder(): AgentState[] {
    const order: AgentState[] = [];
    for (const agent of this.ledger.agents.values()) if (agent.active && !agent.free.isEmpty()) order.push(agent);
    const random = this.input.random;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as AgentState;
      order[i] = order[j] as AgentState;
      order[j] = t;
    }
    return order;
  }

  private consumed(role: RoleState, k: number): number {
    return (role.allocatedUnreservedQ[k] ?? 0) + (this.ledger.reservedByRole.get(role.name)?.[k] ?? 0);
  }

  private quotaRoles(): QuotaRole[] {
    const out: QuotaRole[] = [];
    for (const [name, quota] of this.ledger.quotas) {
      if (!quota.hasGuarantees) continue;
      const role = this.ledger.roles.get(name);
      const unmet: QuantityVector = [];
      let any = false;
      for (let k = 0; k < quota.guarantees.length; k++) {
        const g = quota.guarantees[k] as number;
        const missing = role ? g - this.consumed(role, k) : g;
        unmet[k] = missing > 0 ? missing : 0;
        if (missing > 0) any = true;
      }
      if (!any) continue;
      this.unmetByRole.set(name, unmet);
      if (role && role.frameworks.activeCount > 0) out.push({ role, unmet });
    }
    out.sort((a, b) => a.role.client.share - b.role.client.share || (a.role.name < b.role.name ? -1 : 1));
    return out;
  }

  /** Stage 1: unmet guarantees first, chopping agents so a role gets no more than it is owed. */
  private guaranteeStage(agents: readonly AgentState[], quotaRoles: readonly QuotaRole[]): void {
    const kinds = this.ledger.kinds;
    for (const agent of agents) {
      for (const { role, unmet } of quotaRoles) {
        if (agent.free.isEmpty()) break;
        if (isZero(unmet)) continue;
        const quota = this.ledger.quotas.get(role.name);
        if (!quota) continue;
        const caps: QuantityVector = [];
        for (let k = 0; k < kinds.count; k++) {
          const guaranteed = (quota.guarantees[k] ?? 0) > 0;
          const room = limitOf(quota, k) - this.consumed(role, k);
          caps[k] = guaranteed ? Math.min(unmet[k] ?? 0, room) : room;
        }
        const allocatable = agent.free.allocatableTo(role.name);
        if (allocatable.isEmpty()) continue;
        const offer = capUnreservedScalars(allocatable, caps, kinds);
        if (offer.isEmpty()) continue;
        const q = vectorOf(offer, kinds);
        const uq = vectorOf(offer.unreserved(), kinds);
        if (this.offerToFirstTaker(agent, role, offer, q, uq, true)) {
          for (let k = 0; k < unmet.length; k++) unmet[k] = Math.max(0, (unmet[k] as number) - (uq[k] ?? 0));
        }
      }
      this.applyDeferredRoleShares();
    }
  }

  private prepareHeadroom(agents: readonly AgentState[]): void {
    this.required = [];
    for (const unmet of this.unmetByRole.values()) addInto(this.required, unmet);
    this.available = [];
    if (isZero(this.required)) return;
    for (const agent of agents) addInto(this.available, agent.freeUnreservedQ);
  }

  /** Stage 2: weighted DRF over roles, DRF over each role's frameworks. */
  private fairShareStage(agents: readonly AgentState[]): void {
    const ledger = this.ledger;
    const kinds = ledger.kinds;
    const headroomActive = !isZero(this.required);
    for (const agent of agents) {
      if (agent.free.isEmpty()) continue;
      const walk = this.roleWalk.start(ledger.roleSorter.heap);
      for (let roleClient = walk.next(); roleClient; roleClient = walk.next()) {
        const role = roleClient.roleState;
        let offer: Resources = agent.hasReservations ? agent.free.allocatableTo(role.name) : agent.free;
        if (offer.isEmpty()) continue;
        let q = agent.hasReservations ? vectorOf(offer, kinds) : agent.freeQ;
        let uq = agent.hasReservations ? vectorOf(offer.unreserved(), kinds) : q;
        let held = false;

        const quota = ledger.quotas.get(role.name);
        if (quota?.hasLimits) {
          const caps: QuantityVector = [];
          let over = false;
          for (let k = 0; k < kinds.count; k++) {
            caps[k] = limitOf(quota, k) - this.consumed(role, k);
            if ((uq[k] ?? 0) > (caps[k] as number)) over = true;
          }
          if (over) {
            offer = capUnreservedScalars(offer, caps, kinds);
            q = vectorOf(offer, kinds);
            uq = vectorOf(offer.unreserved(), kinds);
            held = true;
          }
        }

        const ownUnmet = this.unmetByRole.get(role.name);
        if (headroomActive && !isZero(uq) && !this.leavesHeadroom(uq, ownUnmet)) {
          offer = offer.reserved();
          q = vectorOf(offer, kinds);
          uq = [];
          held = true;
        }

        if (offer.isEmpty() || isZero(q)) {
          if (held) this.noteQuotaHeld(role);
          continue;
        }
        // A remainder nobody could take (e.g. only ports left): skip it without walking every framework.
        const globalMinimumMet = meetsMinimum(q, this.input.defaultMinimum);
        if (!globalMinimumMet && ledger.customMinimums.size === 0) continue;
        const skip = agent.nobodyTakes;
        if (skip && skip.role === role && skip.roleVersion === role.version && skip.freeVersion === agent.freeVersion && this.input.now < skip.until) continue;
        // uq may alias the agent's free vector, which the allocation zeroes
        const given = headroomActive ? uq.slice() : uq;
        const taken = this.offerToFirstTaker(agent, role, offer, q, uq, false, globalMinimumMet);
        // Remember a refusal by everyone, unless quota shrank the offer: a bigger one might be taken.
        if (!taken && !held) agent.nobodyTakes = { role, roleVersion: role.version, freeVersion: agent.freeVersion, until: this.blockedUntil };
        if (taken && headroomActive) {
          uq = given;
          addInto(this.available, uq, -1);
          if (ownUnmet) {
            for (let k = 0; k < ownUnmet.length; k++) {
              const used = Math.min(ownUnmet[k] as number, uq[k] ?? 0);
              ownUnmet[k] = (ownUnmet[k] as number) - used;
              this.required[k] = (this.required[k] ?? 0) - used;
            }
          }
        }
        if (agent.free.isEmpty()) break;
      }
      this.applyDeferredRoleShares();
    }
  }

  /** True when giving `uq` away still leaves enough unreserved free for everyone else's unmet guarantees. */
  private leavesHeadroom(uq: QuantityVector, ownUnmet: QuantityVector | undefined): boolean {
    for (let k = 0; k < uq.length; k++) {
      const give = uq[k] as number;
      if (give <= 0) continue;
      const needForOthers = (this.required[k] ?? 0) - Math.min(give, ownUnmet?.[k] ?? 0);
      if ((this.available[k] ?? 0) - give < needForOthers) return false;
    }
    return true;
  }

  private noteQuotaHeld(role: RoleState): void {
    const top = role.frameworks.heap.peek();
    if (top) this.note(top.framework).quotaCapped++;
  }

  private note(framework: FrameworkState) {
    if (framework.note.round !== this.input.round) framework.note = freshNote(this.input.round);
    return framework.note;
  }

  /**
   * Offers `offer` to the first framework of `role` (in DRF order) that will take it. Returns
   * whether someone did. Frameworks without REVOCABLE_RESOURCES see the offer without its revocable
   * part. The role's share is re-positioned at once only when the offer empties the agent (the
   * role walk ends there); `alwaysDefer` forces deferral (stage 1 walks its own role list).
   * `globalMinimumMet` spares frameworks without their own minimum a second check of the global one.
   */
  private offerToFirstTaker(agent: AgentState, role: RoleState, offer: Resources, q: QuantityVector, uq: QuantityVector, alwaysDefer: boolean, globalMinimumMet = false): boolean {
    const { now, defaultMinimum } = this.input;
    this.blockedUntil = Infinity;
    let stable: { offer: Resources; q: QuantityVector; uq: QuantityVector } | undefined;
    const walk = this.frameworkWalk.start(role.frameworks.heap);
    for (let client = walk.next(); client; client = walk.next()) {
      const framework = client.framework;
      if (agent.hasGpus && !framework.capabilities.has('GPU_RESOURCES')) {
        this.note(framework).gpuOnly++;
        continue;
      }
      let given = offer;
      let givenQ = q;
      let givenUq = uq;
      let minimumMet = globalMinimumMet;
      if (agent.hasRevocable && !framework.capabilities.has('REVOCABLE_RESOURCES')) {
        stable ??= this.withoutRevocable(offer);
        if (stable.offer.isEmpty()) continue;
        ({ offer: given, q: givenQ, uq: givenUq } = stable);
        minimumMet = false;
      }
      const own = framework.minAllocatable.size > 0 ? framework.minAllocatable.get(role.name) : undefined;
      if ((own || !minimumMet) && !meetsMinimum(givenQ, own ?? defaultMinimum)) {
        this.note(framework).belowMinimum++;
        continue;
      }
      const filter = framework.filters.active(role.name, agent.index, now);
      // whole-offer declines hand back the very object re-offered next time: identity first
      if (filter && (filter.refused === given || filter.refused.contains(given))) {
        this.note(framework).filtered++;
        if (filter.expiresAt < this.blockedUntil) this.blockedUntil = filter.expiresAt;
        continue;
      }
      const defer = alwaysDefer || given !== agent.free;
      this.ledger.allocate(agent, client, given, givenQ, givenUq, defer ? this.deferred : undefined);
      this.record(framework, role.name, agent, given);
      this.note(framework).offers++;
      return true;
    }
    return false;
  }

  private withoutRevocable(offer: Resources): { offer: Resources; q: QuantityVector; uq: QuantityVector } {
    const kinds = this.ledger.kinds;
    const stable = offer.nonRevocable();
    return { offer: stable, q: vectorOf(stable, kinds), uq: vectorOf(stable.unreserved(), kinds) };
  }

  private applyDeferredRoleShares(): void {
    const deferred = this.deferred;
    if (deferred.length === 0) return;
    for (const [client, q] of deferred) this.ledger.roleSorter.change(client, q, 1);
    deferred.length = 0;
  }

  private record(framework: FrameworkState, role: string, agent: AgentState, plain: Resources): void {
    // Offers collect on the framework itself (one field read instead of a map lookup per offer).
    let byRole = framework.offers;
    if (framework.offersRound !== this.input.round || !byRole) {
      byRole = new Map();
      framework.offers = byRole;
      framework.offersRound = this.input.round;
      this.offers.push(framework);
    }
    let byAgent = byRole.get(role);
    if (!byAgent) {
      byAgent = new Map();
      byRole.set(role, byAgent);
    }
    const allocated = allocatedForm(this.ledger, agent, plain, role);
    // Stage 2 visits each role once per agent, so only a stage-1 offer can be topped up here.
    const existing = this.guaranteesRan ? byAgent.get(agent.id) : undefined;
    byAgent.set(agent.id, existing ? existing.plus(allocated) : allocated);
  }
}

/**
 * `plain.allocate(role)`, remembered per agent (see AgentState.cachePlain) and, across agents, the
 * last result per role: clusters are mostly alike, an equality check is far cheaper than
 * re-keying every entry, and Resources are immutable, so equal offers can share one object.
 */
function allocatedForm(ledger: Ledger, agent: AgentState, plain: Resources, role: string): Resources {
  if (agent.cachePlain === plain && agent.cacheRole === role && agent.cacheAllocated) return agent.cacheAllocated;
  const last = ledger.lastAllocatedForm.get(role);
  let allocated: Resources;
  if (last && (last.plain === plain || last.plain.equals(plain))) {
    allocated = last.allocated;
  } else {
    allocated = plain.allocate(role);
    ledger.lastAllocatedForm.set(role, { plain, allocated });
  }
  agent.cachePlain = plain;
  agent.cacheRole = role;
  agent.cacheAllocated = allocated;
  return allocated;
}
