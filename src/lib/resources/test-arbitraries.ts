/**
 * fast-check generators of wire resources for the property tests. `region` keeps the ranges and
 * set items of two generated values apart, for laws that only hold for disjoint ranges/sets
 * (plus is a union there, so a.plus(b).minus(b) loses any overlap).
 */
import fc from 'fast-check';
import type { ResourceWire } from './wire.ts';

const roles = [undefined, 'a', 'a/b', 'c'] as const;

function reservationsFor(role: string | undefined): Pick<ResourceWire, 'reservations'> {
  return role === undefined ? {} : { reservations: [{ type: 'STATIC', role }] };
}

export function resourceArb(region = 0): fc.Arbitrary<ResourceWire> {
  const role = fc.constantFrom(...roles);
  // Variants change identity without changing the name: revocable cpus, disks with a PATH source.
  const scalar = fc
    .record({ name: fc.constantFrom('cpus', 'mem', 'disk', 'gpus'), milli: fc.integer({ min: 1, max: 100_000 }), role, variant: fc.constantFrom('plain', 'plain', 'variant') })
    .map(({ name, milli, role, variant }): ResourceWire => {
      const r: ResourceWire = { name, type: 'SCALAR', scalar: { value: milli / 1000 }, ...reservationsFor(role) };
      if (variant === 'variant' && name === 'disk') r.disk = { source: { type: 'PATH', path: { root: '/mnt/a' } } };
      if (variant === 'variant' && name === 'cpus') r.revocable = {};
      return r;
    });
  const base = region * 100;
  const ranges = fc
    .record({
      list: fc.array(fc.tuple(fc.integer({ min: base, max: base + 90 }), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 3 }),
      role,
    })
    .map(({ list, role }): ResourceWire => ({ name: 'ports', type: 'RANGES', ranges: { range: list.map(([b, len]) => ({ begin: b, end: b + len })) }, ...reservationsFor(role) }));
  const letters = region === 0 ? ['a', 'b', 'c', 'd'] : ['w', 'x', 'y', 'z'];
  const set = fc
    .record({ items: fc.uniqueArray(fc.constantFrom(...letters), { minLength: 1, maxLength: 3 }), role })
    .map(({ items, role }): ResourceWire => ({ name: 'zones', type: 'SET', set: { item: items }, ...reservationsFor(role) }));
  return fc.oneof({ arbitrary: scalar, weight: 3 }, ranges, set);
}

export function resourceListArb(region = 0): fc.Arbitrary<ResourceWire[]> {
  return fc.array(resourceArb(region), { maxLength: 6 });
}
