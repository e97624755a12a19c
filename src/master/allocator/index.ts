/** The allocator's public surface. */
export { HierarchicalAllocator, DEFAULT_ALLOCATION_INTERVAL_MS } from './allocator.ts';
export type { AllocatorSnapshot } from './inspection.ts';
export type { AllocatorOptions, AgentOptions, FrameworkOptions, OfferCallback, OfferSet, RecoverFilters } from './types.ts';
export type { QuotaInput, QuotaAmounts, WeightInput } from './quota.ts';
export type { MinAllocatableSpec } from './min-allocatable.ts';
export { DEFAULT_MIN_ALLOCATABLE } from './min-allocatable.ts';
export { DEFAULT_REFUSE_SECONDS, MAX_REFUSE_SECONDS, filterDurationMs } from './refuse-duration.ts';
export type { NoOfferReport, FilterDetail } from './diagnostics.ts';
