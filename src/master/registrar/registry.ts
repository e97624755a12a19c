/**
 * The registry: what the master must remember across failover about agents, so a new leader
 * knows which agents may re-register, which are unreachable (and since when) and which are gone
 * for good. Immutable values; changes go through `applyOperation` (operations.ts) only.
 */
import type { AgentInfoWire } from '../wire.ts';

export interface Registry {
  /** Admitted agents by id, with the AgentInfo they registered with. */
  readonly agents: ReadonlyMap<string, AgentInfoWire>;
  /** Unreachable agents by id: when they were marked (ms since the epoch). */
  readonly unreachable: ReadonlyMap<string, number>;
  /** Gone agents by id (never to return): when they were marked. */
  readonly gone: ReadonlyMap<string, number>;
}

export const EMPTY_REGISTRY: Registry = Object.freeze({
  agents: new Map<string, AgentInfoWire>(),
  unreachable: new Map<string, number>(),
  gone: new Map<string, number>(),
});

/** A registry being built up by a batch: the maps are owned by the batch and may be mutated. */
export interface DraftRegistry {
  readonly agents: Map<string, AgentInfoWire>;
  readonly unreachable: Map<string, number>;
  readonly gone: Map<string, number>;
}

export function draftOf(registry: Registry): DraftRegistry {
  return { agents: new Map(registry.agents), unreachable: new Map(registry.unreachable), gone: new Map(registry.gone) };
}

export function sameRegistry(a: Registry, b: Registry): boolean {
  return sameMap(a.agents, b.agents, (x, y) => JSON.stringify(x) === JSON.stringify(y)) && sameMap(a.unreachable, b.unreachable) && sameMap(a.gone, b.gone);
}

function sameMap<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>, equal: (x: V, y: V) => boolean = Object.is): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    if (!b.has(key) || !equal(value, b.get(key) as V)) return false;
  }
  return true;
}
