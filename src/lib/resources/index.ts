/**
 * Mesos resource arithmetic: the public surface of `src/lib/resources`.
 */
export { Resources, InsufficientResourcesError } from './resources.ts';
export { ScalarQuantities } from './scalar-quantities.ts';
export { parseAttributes } from './attributes.ts';
export { isRoleOrAncestor, roleProblem, ANY_ROLE } from './roles.ts';
export { toMilli, fromMilli } from './fixed-point.ts';
export { normalizeRanges, addRanges, subtractRanges, rangesContain, rangesSize, takeRanges, formatRanges } from './ranges.ts';
export type { Range, RangeList } from './ranges.ts';
export type { ResourceWire, ResourceWire as Resource, AttributeWire, AttributeWire as Attribute, ReservationInfoWire, RangeWire, DiskInfoWire } from './wire.ts';
