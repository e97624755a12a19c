/**
 * Mesos resource arithmetic: the public surface of `src/lib/resources`.
 *
 * - `Resources` is an immutable value. Entries combine only when their identity matches: name,
 *   type, reservation stack (legacy `role`/`reservation` are read as a one-level stack), disk,
 *   revocable, shared, provider and allocation role. Scalars are exact thousandths (Mesos'
 *   three-decimal fixed point); ranges and sets are unions.
 * - `minus` throws `InsufficientResourcesError` unless the subtrahend is contained;
 *   `minusClamped` takes away only what is there.
 * - Shared resources and atomic disks (persistent volumes, MOUNT/BLOCK sources) are counted
 *   copies, never split or merged.
 * - `ScalarQuantities` is the mutable, map-backed scalar total for hot bookkeeping.
 */
export { Resources, InsufficientResourcesError } from './resources.ts';
export { ScalarQuantities } from './scalar-quantities.ts';
export { parseAttributes } from './attributes.ts';
export { isRoleOrAncestor, isStrictDescendant, roleProblem, ANY_ROLE } from './roles.ts';
export { toMilli, fromMilli } from './fixed-point.ts';
export { normalizeRanges, addRanges, subtractRanges, rangesContain, rangesSize, takeRanges, formatRanges } from './ranges.ts';
export type { Range, RangeList } from './ranges.ts';
export type { ResourceWire, ResourceWire as Resource, AttributeWire, AttributeWire as Attribute, ReservationInfoWire, RangeWire, DiskInfoWire } from './wire.ts';
