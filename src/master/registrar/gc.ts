/**
 * Registry garbage collection, as Mesos does it every `--registry_gc_interval`: unreachable and
 * gone entries older than `--registry_max_agent_age` are forgotten, and of the rest only the
 * newest `--registry_max_agent_count` of each list are kept. Pure: returns the operation to
 * apply through the Registrar, or null when there is nothing to prune.
 */
import type { RegistryOperation } from './operations.ts';
import type { Registry } from './registry.ts';

/** Mesos' defaults: 15 minutes, 2 weeks, 102400. */
export const DEFAULT_REGISTRY_GC_INTERVAL_MS = 15 * 60_000;
export const DEFAULT_REGISTRY_MAX_AGENT_AGE_MS = 14 * 24 * 3_600_000;
export const DEFAULT_REGISTRY_MAX_AGENT_COUNT = 102_400;

export interface PruneLimits {
  readonly maxAgeMs: number;
  readonly maxCount: number;
}

export function pruneOperation(registry: Registry, nowMs: number, limits: PruneLimits): Extract<RegistryOperation, { type: 'pruneAgents' }> | null {
  const unreachable = expired(registry.unreachable, nowMs, limits);
  const gone = expired(registry.gone, nowMs, limits);
  return unreachable.length === 0 && gone.length === 0 ? null : { type: 'pruneAgents', unreachable, gone };
}

function expired(entries: ReadonlyMap<string, number>, nowMs: number, limits: PruneLimits): string[] {
  // Newest first, so whatever lies past maxCount is the oldest.
  const byAge = [...entries].sort((a, b) => b[1] - a[1]);
  return byAge.filter(([, markedMs], index) => index >= limits.maxCount || nowMs - markedMs > limits.maxAgeMs).map(([id]) => id);
}
