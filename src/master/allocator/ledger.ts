/**
 * The allocator's books: agents, frameworks, roles, the two DRF levels, cluster totals, quota and
 * weights, and the one pair of operations that moves resources between "free on an agent" and
 * "allocated to (framework, role)". Every share, free vector and quota counter changes only in
 * `allocate`/`release`, so they cannot drift apart.
 */
import { Resources } from '../../lib/resources/index.ts';
import { DrfSorter } from './drf-sorter.ts';
import type { ClusterTotals } from './drf-sorter.ts';
import { addInto, isZero, ScalarKinds } from './quantity-vector.ts';
import type { QuantityVector } from './quantity-vector.ts';
import type { CompiledQuota } from './quota.ts';
import { RoleState } from './state.ts';
import type { AgentState, Allocation, FrameworkClient, FrameworkState, RoleClient } from './state.ts';
import { vectorOf } from './resource-helpers.ts';

function copyInto(target: QuantityVector, source: QuantityVector): QuantityVector {
  // writing .length is a slow runtime call even when unchanged
  if (target.length !== source.length) target.length = source.length;
  for (let k = 0; k < source.length; k++) target[k] = source[k] as number;
  return target;
}

export class Ledger {
  readonly kinds = new ScalarKinds();
  readonly totals: ClusterTotals = { values: [], version: 0 };
  readonly roleSorter = new DrfSorter<RoleClient>(this.totals);
  readonly agents = new Map<string, AgentState>();
  readonly frameworks = new Map<string, FrameworkState>();
  readonly roles = new Map<string, RoleState>();
  readonly weights = new Map<string, number>();
  readonly quotas = new Map<string, CompiledQuota>();
  /** Scalars reserved to each role across all agents (quota counts them as consumed). */
  readonly reservedByRole = new Map<string, QuantityVector>();
  /** Frameworks with their own minimum allocatable sizes; while empty, the round can pre-check the global one. */
  readonly customMinimums = new Set<FrameworkState>();
  /** The last `allocate(role)` result per role, shared by agents whose free resources are equal. */
  readonly lastAllocatedForm = new Map<string, { plain: Resources; allocated: Resources }>();
  private nextAgentIndex = 0;
  private nextFrameworkIndex = 0;

  newAgentIndex(): number {
    return this.nextAgentIndex++;
  }

  newFrameworkIndex(): number {
    return this.nextFrameworkIndex++;
  }

  // ---- roles and clients ----

  role(name: string): RoleState {
    let role = this.roles.get(name);
    if (!role) {
      role = new RoleState(name, this.totals, this.weights.get(name) ?? 1);
      this.roles.set(name, role);
      this.roleSorter.add(role.client, false);
    }
    return role;
  }

  /** Drops a role nobody uses any more, so removed frameworks leave no trace. */
  dropRoleIfUnused(role: RoleState): void {
    if (role.frameworks.clientCount > 0 || !isZero(role.client.allocated)) return;
    this.roleSorter.remove(role.client);
    this.roles.delete(role.name);
  }

  client(framework: FrameworkState, roleName: string): FrameworkClient {
    let client = framework.clients.get(roleName);
    if (!client) {
      const roleState = this.role(roleName);
      client = { name: framework.id, share: 0, allocations: 0, heapIndex: -1, allocated: [], weight: 1, framework, role: roleName, roleState };
      framework.clients.set(roleName, client);
      roleState.frameworks.add(client, false);
    }
    return client;
  }

  /**
   * Puts a (framework, role) client in or out of its role's heap to match the framework's state,
   * and the role in or out of the role heap to match whether anyone in it wants offers. A client
   * that neither wants offers nor holds anything is removed.
   */
  syncClient(framework: FrameworkState, roleName: string): void {
    const wants = framework.wantsOffers(roleName);
    let client = framework.clients.get(roleName);
    if (!client) {
      if (!wants && !framework.roles.has(roleName)) return;
      client = this.client(framework, roleName);
    }
    const role = this.role(roleName);
    // a new candidate may take what everyone else refused (see AgentState.nobodyTakes)
    if (wants && !role.frameworks.isActive(client)) role.version++;
    role.frameworks.setActive(client, wants);
    if (!framework.roles.has(roleName) && isZero(client.allocated)) {
      role.frameworks.remove(client);
      framework.clients.delete(roleName);
    }
    this.syncRole(role);
  }

  syncRole(role: RoleState): void {
    const active = role.frameworks.activeCount > 0;
    if (active !== this.roleSorter.isActive(role.client)) this.roleSorter.setActive(role.client, active);
    if (!active) this.dropRoleIfUnused(role);
  }

  // ---- totals ----

  changeTotals(delta: QuantityVector, sign: 1 | -1): void {
    if (isZero(delta)) return;
    addInto(this.totals.values, delta, sign);
    this.totals.version++;
  }

  changeReservations(agent: AgentState, sign: 1 | -1): void {
    for (const [role, q] of agent.reservedQ) {
      let sum = this.reservedByRole.get(role);
      if (!sum) {
        sum = [];
        this.reservedByRole.set(role, sum);
      }
      addInto(sum, q, sign);
      if (isZero(sum)) this.reservedByRole.delete(role);
    }
  }

  // ---- the two moves ----

  /**
   * Moves `plain` (no allocation_info, contained in `agent.free`) to (framework, role).
   * `q`/`uq` are its scalar vectors (read, never kept). `deferRoleShare` leaves the role's share
   * for the caller to apply (a round walking the role heap must not reorder it mid-walk).
   */
  allocate(agent: AgentState, client: FrameworkClient, plain: Resources, q: QuantityVector, uq: QuantityVector, deferRoleShare?: Array<[RoleClient, QuantityVector]>): void {
    const role = client.roleState;
    let qCopy: QuantityVector;
    const held = agent.allocations.get(client);
    if (held) {
      // a second allocation to the same client: the held vectors change, so the sorters get a copy
      qCopy = q.slice();
      held.resources = held.resources.plus(plain);
      // uq aliases q only while everything held is unreserved; split them when that stops
      if (held.uq === held.q && uq !== q) held.uq = held.q.slice();
      addInto(held.q, q);
      if (held.uq !== held.q) addInto(held.uq, uq);
    } else {
      const record = agent.spare ?? { resources: plain, q: [], uq: [] };
      agent.spare = undefined;
      record.resources = plain;
      qCopy = copyInto(record.q, q);
      record.uq = uq === q ? record.q : copyInto(record.uq === record.q ? [] : record.uq, uq);
      agent.allocations.set(client, record);
    }
    addInto(role.allocatedUnreservedQ, uq);
    addInto(agent.freeUnreservedQ, uq, -1);
    // q may be the agent's own free vector: subtract last, after every read of it
    agent.free = plain === agent.free ? Resources.empty() : agent.free.minusClamped(plain);
    agent.freeVersion++;
    addInto(agent.freeQ, qCopy, -1);

    role.frameworks.change(client, qCopy, 1);
    if (deferRoleShare) deferRoleShare.push([role.client, qCopy]);
    else this.roleSorter.change(role.client, qCopy, 1);
  }

  /** Allocation by framework and role name, creating the client when needed (recovery paths). */
  allocateByName(agent: AgentState, framework: FrameworkState, roleName: string, plain: Resources, q: QuantityVector, uq: QuantityVector): void {
    this.allocate(agent, this.client(framework, roleName), plain, q, uq);
  }

  /**
   * Returns part (or all) of what (framework, role) holds on `agent` to the agent's free pool.
   * `plain` is clamped to what is actually held, so a stale or duplicate recover is harmless.
   * Returns what was really released.
   */
  release(agent: AgentState, client: FrameworkClient, plain: Resources): Resources {
    const held = agent.allocations.get(client);
    if (!held) return Resources.empty();
    let released: Resources;
    let q: QuantityVector;
    let uq: QuantityVector;
    if (plain === held.resources || plain.equals(held.resources)) {
      released = held.resources;
      q = held.q;
      uq = held.uq;
      this.forget(agent, client);
    } else {
      const remaining = held.resources.minusClamped(plain);
      released = held.resources.minusClamped(remaining);
      if (released.isEmpty()) return released;
      q = vectorOf(released, this.kinds);
      uq = agent.hasReservations ? vectorOf(released.unreserved(), this.kinds) : q;
      held.resources = remaining;
      if (held.uq === held.q && uq !== q) held.uq = held.q.slice();
      if (held.uq !== held.q) addInto(held.uq, uq, -1);
      addInto(held.q, q, -1);
      if (remaining.isEmpty()) this.forget(agent, client);
    }
    agent.free = agent.free.isEmpty() ? released : agent.free.plus(released);
    agent.freeVersion++;
    addInto(agent.freeQ, q);
    addInto(agent.freeUnreservedQ, uq);
    this.unshare(client, q, uq);
    return released;
  }

  /** Drops the agent's record of a client's allocation (its shares are the caller's business). */
  forget(agent: AgentState, client: FrameworkClient): void {
    const record = agent.allocations.get(client);
    if (!record) return;
    agent.allocations.delete(client);
    // Kept for the agent's next allocation: in a busy cluster the same agent is offered again
    // within a round or two, and reuse spares the garbage collector an object and two arrays.
    // Callers read the record's vectors right after this, before any new allocation can reuse it.
    agent.spare = record;
  }

  /** Takes an allocation off the shares and quota counters (the agent side is the caller's). */
  unshare(client: FrameworkClient, q: QuantityVector, uq: QuantityVector): void {
    const role = client.roleState;
    role.frameworks.change(client, q, -1);
    this.roleSorter.change(role.client, q, -1);
    addInto(role.allocatedUnreservedQ, uq, -1);
    // only a client of a role the framework left can disappear when its allocation does
    if (!client.framework.roles.has(client.role)) this.syncClient(client.framework, client.role);
  }

  /** Everything held on `agent`, by (framework, role) client. */
  allocationsOf(agent: AgentState): IterableIterator<[FrameworkClient, Allocation]> {
    return agent.allocations.entries();
  }
}
