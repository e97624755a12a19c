/**
 * The few conversions between `Resources` and the allocator's vectors, plus one operation the
 * Resources API does not offer: shrinking unreserved scalars to a cap (quota limits and guarantees
 * "chop" an agent's resources). These are off the hot path: the round only calls them for agents
 * with reservations or roles with quota.
 */
import { Resources } from '../../lib/resources/index.ts';
import type { QuantityVector, ScalarKinds } from './quantity-vector.ts';

export function vectorOf(resources: Resources, kinds: ScalarKinds): QuantityVector {
  const vector: QuantityVector = [];
  if (resources.isEmpty()) return vector;
  const q = resources.quantities();
  for (const name of q.names()) vector[kinds.id(name)] = q.getMilli(name);
  for (let k = 0; k < vector.length; k++) if (vector[k] === undefined) vector[k] = 0;
  return vector;
}

/** Roles holding reservations in `resources` (the last role of each reservation stack). */
export function reservationRoles(resources: Resources): Set<string> {
  const roles = new Set<string>();
  for (const wire of resources.reserved().toWire()) {
    const role = Resources.reservationRole(wire);
    if (role !== undefined) roles.add(role);
  }
  return roles;
}

/** Allocation roles present in `resources`; `undefined` stands for entries without allocation_info. */
export function allocationRoles(resources: Resources): Set<string | undefined> {
  const roles = new Set<string | undefined>();
  for (const wire of resources.toWire()) roles.add(wire.allocation_info?.role ?? undefined);
  return roles;
}

/**
 * Reduces unreserved scalars so that, per kind, no more than `caps[k]` thousandths remain
 * (Infinity or a missing entry: no cap). Reserved resources and non-scalars are left alone.
 */
export function capUnreservedScalars(resources: Resources, caps: QuantityVector, kinds: ScalarKinds): Resources {
  const budget = new Map<string, number>();
  const wires = resources.toWire();
  let changed = false;
  const kept = [];
  for (const wire of wires) {
    const reserved = Resources.reservationRole(wire) !== undefined;
    const id = wire.type === 'SCALAR' && !reserved ? kinds.find(wire.name) : undefined;
    const cap = id === undefined ? Infinity : (caps[id] ?? Infinity);
    if (cap === Infinity || wire.scalar === undefined) {
      kept.push(wire);
      continue;
    }
    const left = budget.get(wire.name) ?? Math.max(0, cap);
    const milli = Math.round(wire.scalar.value * 1000);
    const take = Math.min(milli, left);
    budget.set(wire.name, left - take);
    if (take !== milli) changed = true;
    if (take > 0) kept.push({ ...wire, scalar: { value: take / 1000 } });
  }
  return changed ? Resources.fromWire(kept) : resources;
}
