/**
 * The allocator's public shapes: what the master feeds in and what comes out.
 */
import type { Clock } from '../../lib/clock.ts';
import type { Resources } from '../../lib/resources/index.ts';
import type { MinAllocatableSpec } from './min-allocatable.ts';

/** role -> agentId -> resources (each carrying allocation_info.role = role). */
export type OfferSet = Map<string, Map<string, Resources>>;

export type OfferCallback = (frameworkId: string, offers: OfferSet) => void;

export interface AllocatorOptions {
  clock: Clock;
  onOffers: OfferCallback;
  /** Period of batch rounds after `start()`; also the shortest decline filter. Default 1000. */
  allocationIntervalMs?: number;
  /** Global minimum offer size (OR of AND-sets). Default `cpus:0.01` OR `mem:32`. */
  minAllocatable?: MinAllocatableSpec;
  /**
   * Called with the first error `onOffers` threw in a round (after the other frameworks got their
   * offers and the failed ones were taken back). Without it the error is rethrown from the round,
   * which for a timer-driven round means an uncaught exception: the master should pass one.
   */
  onError?: (error: unknown) => void;
  /** Source of randomness for the per-round agent order; inject a seeded one for repeatable tests. */
  random?: () => number;
}

export interface FrameworkOptions {
  roles: readonly string[];
  /** FrameworkInfo.capabilities type names, e.g. 'GPU_RESOURCES', 'MULTI_ROLE'. */
  capabilities?: readonly string[];
  suppressedRoles?: readonly string[];
  /** Per role, like FrameworkInfo.offer_filters[role].min_allocatable_resources; overrides the global. */
  minAllocatable?: Readonly<Record<string, MinAllocatableSpec>>;
}

export interface AgentOptions {
  hostname: string;
  attributes?: unknown;
}

export interface RecoverFilters {
  /** Seconds to refuse these resources; default 5, 0 = no filter, negative = default. */
  refuseSeconds?: number;
}
