import test from 'ava';
import { VersionedMap } from './versioned-map.ts';

test('set and delete leave the earlier version as it was', (t) => {
  const v0 = VersionedMap.of(new Map([['a', 1]]));
  const v1 = v0.set('b', 2);
  const v2 = v1.delete('a');
  const v3 = v2.set('b', 3);
  t.deepEqual([...v0], [['a', 1]]);
  t.deepEqual([...v3], [['b', 3]]);
  t.deepEqual([...v1].sort(), [['a', 1], ['b', 2]]);
  t.deepEqual([...v2], [['b', 2]]);
  t.is(v0.get('b'), undefined);
  t.is(v3.get('b'), 3);
  t.false(v2.has('a'));
  t.true(v1.has('a'));
  t.is(v0.size, 1);
  t.is(v1.size, 2);
});

test('deleting an absent key returns the same version', (t) => {
  const v0 = VersionedMap.empty<string, number>();
  t.is(v0.delete('x'), v0);
});

test('branching from an old version does not disturb the newer one', (t) => {
  const v0 = VersionedMap.empty<string, number>().set('a', 1);
  const left = v0.set('l', 1);
  const right = v0.set('r', 2);
  t.deepEqual([...left.keys()].sort(), ['a', 'l']);
  t.deepEqual([...right.keys()].sort(), ['a', 'r']);
  t.deepEqual([...v0.values()], [1]);
});

test('iterating one version while reading another of the same lineage sees a stable snapshot', (t) => {
  let latest = VersionedMap.empty<number, number>();
  const first = latest;
  for (let i = 0; i < 5; i++) latest = latest.set(i, i);
  const seen: number[] = [];
  for (const [key] of latest) {
    t.false(first.has(key));
    seen.push(key);
  }
  t.deepEqual(seen, [0, 1, 2, 3, 4]);
});

test('a long chain of versions is rerooted without recursion', (t) => {
  const first = VersionedMap.empty<number, number>();
  let latest = first;
  for (let i = 0; i < 200_000; i++) latest = latest.set(i, i);
  t.is(first.size, 0);
  t.is(latest.size, 200_000);
  t.is(latest.get(199_999), 199_999);
});

test('of() copies a plain map, so later changes to it do not leak in', (t) => {
  const plain = new Map([['a', 1]]);
  const versioned = VersionedMap.of(plain);
  plain.set('b', 2);
  t.false(versioned.has('b'));
  t.is(VersionedMap.of(versioned), versioned);
});
