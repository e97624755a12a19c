/**
 * The allocator's read side: shares, a snapshot of the books, and the "why no offers?" report.
 * None of this runs during a round; it only reads what the round left behind.
 */
import { describe, freshNote } from './diagnostics.ts';
import type { NoOfferReport } from './diagnostics.ts';
import type { Ledger } from './ledger.ts';
import { addInto, toRecord } from './quantity-vector.ts';
import type { QuantityVector } from './quantity-vector.ts';

/** A read-only view for tests, metrics and operators. */
export interface AllocatorSnapshot {
  agents: number;
  frameworks: number;
  roles: string[];
  filters: number;
  /** Per agent id: what is allocated (offered or used), in natural units. */
  allocatedByAgent: Map<string, Record<string, number>>;
}

export function explainOffers(ledger: Ledger, frameworkId: string, round: number, now: number): NoOfferReport | undefined {
  const framework = ledger.frameworks.get(frameworkId);
  if (!framework) return undefined;
  const agentIds = new Map<number, string>();
  for (const agent of ledger.agents.values()) agentIds.set(agent.index, agent.id);
  const filters = [...framework.filters.live(now)].map((f) => ({ role: f.role, agentId: agentIds.get(f.agentIndex) ?? `#${f.agentIndex}`, expiresAt: f.expiresAt }));
  // a framework the last round never reached has a stale note: it got nothing and met no obstacle
  const note = framework.note.round === round ? framework.note : freshNote(round);
  let refusedByAll = 0;
  for (const agent of ledger.agents.values()) {
    const skip = agent.nobodyTakes;
    if (skip && framework.roles.has(skip.role.name) && skip.roleVersion === skip.role.version && skip.freeVersion === agent.freeVersion && now < skip.until) refusedByAll++;
  }
  return describe(
    {
      frameworkId,
      round: note.round,
      active: framework.active,
      offers: note.offers,
      suppressedRoles: [...framework.suppressed].filter((r) => framework.roles.has(r)),
      filters,
      filtered: note.filtered,
      belowMinimum: note.belowMinimum,
      quotaCapped: note.quotaCapped,
      gpuOnly: note.gpuOnly,
      refusedByAll,
    },
    [...framework.roles],
  );
}

export function roleShare(ledger: Ledger, role: string): number {
  ledger.roleSorter.refresh();
  return ledger.roles.get(role)?.client.share ?? 0;
}

export function frameworkShare(ledger: Ledger, frameworkId: string, role: string): number {
  const state = ledger.roles.get(role);
  const client = ledger.frameworks.get(frameworkId)?.clients.get(role);
  if (!state || !client) return 0;
  state.frameworks.refresh();
  return client.share;
}

export function snapshotOf(ledger: Ledger): AllocatorSnapshot {
  const allocatedByAgent = new Map<string, Record<string, number>>();
  let filters = 0;
  for (const framework of ledger.frameworks.values()) filters += framework.filters.size;
  for (const agent of ledger.agents.values()) {
    const sum: QuantityVector = [];
    for (const [, allocation] of ledger.allocationsOf(agent)) addInto(sum, allocation.q);
    allocatedByAgent.set(agent.id, toRecord(sum, ledger.kinds));
  }
  return { agents: ledger.agents.size, frameworks: ledger.frameworks.size, roles: [...ledger.roles.keys()].sort(), filters, allocatedByAgent };
}
