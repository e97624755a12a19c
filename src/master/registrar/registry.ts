/**
 * The registry: what the master must remember across failover about agents, so a new leader
 * knows which agents may re-register, which are unreachable (and since when) and which are gone
 * for good. Immutable values; changes go through `applyOperation` (operations.ts) only.
 */
import type { AgentInfoWire } from '../wire.ts';
import { VersionedMap } from './versioned-map.ts';

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

/**
 * A registry being built up by a batch: each change replaces a map with its next version, so
 * the registry the draft started from is left as it was without copying it (see versioned-map.ts).
 */
export interface DraftRegistry {
  agents: VersionedMap<string, AgentInfoWire>;
  unreachable: VersionedMap<string, number>;
  gone: VersionedMap<string, number>;
}

/** O(1) for registries a draft produced; one copy of each map for any other (e.g. just parsed). */
export function draftOf(registry: Registry): DraftRegistry {
  return { agents: VersionedMap.of(registry.agents), unreachable: VersionedMap.of(registry.unreachable), gone: VersionedMap.of(registry.gone) };
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
