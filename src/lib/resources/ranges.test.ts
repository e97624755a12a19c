import test from 'ava';
import fc from 'fast-check';
import type { Range } from './ranges.ts';
import { normalizeRanges, addRanges, subtractRanges, rangesContain, rangesSize, takeRanges, formatRanges, rangesEqual } from './ranges.ts';

// A brute-force model: a range list is just the set of integers it covers.
const toSet = (list: readonly Range[]): Set<number> => {
  const s = new Set<number>();
  for (const [b, e] of list) for (let x = b; x <= e; x++) s.add(x);
  return s;
};
const fromSet = (s: Set<number>): Range[] => normalizeRanges([...s].map((x) => [x, x] as const));
const isNormalized = (list: readonly Range[]): boolean =>
  list.every(([b, e], i) => b <= e && (i === 0 || b > (list[i - 1] as Range)[1] + 1));

const rawRanges = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 8 })).map(([b, len]) => [b, b + len] as const),
  { maxLength: 6 },
);
const normalized = rawRanges.map((r) => normalizeRanges(r));

test('normalize merges overlapping and adjacent intervals', (t) => {
  t.deepEqual(normalizeRanges([[5, 7], [1, 2], [3, 3], [10, 12], [11, 20]]), [[1, 3], [5, 7], [10, 20]]);
  t.deepEqual(normalizeRanges([]), []);
});

test('normalize covers exactly the input integers and is idempotent', (t) => {
  fc.assert(
    fc.property(rawRanges, (raw) => {
      const n = normalizeRanges(raw);
      return isNormalized(n) && rangesEqual(fromSet(toSet(raw)), n) && rangesEqual(normalizeRanges(n), n);
    }),
  );
  t.pass();
});

test('add, subtract and contain agree with the set model', (t) => {
  fc.assert(
    fc.property(normalized, normalized, (a, b) => {
      const sa = toSet(a);
      const sb = toSet(b);
      const union = addRanges(a, b);
      const diff = subtractRanges(a, b);
      const expectedDiff = new Set([...sa].filter((x) => !sb.has(x)));
      return (
        isNormalized(union) &&
        isNormalized(diff) &&
        rangesEqual(union, fromSet(new Set([...sa, ...sb]))) &&
        rangesEqual(diff, fromSet(expectedDiff)) &&
        rangesContain(a, b) === [...sb].every((x) => sa.has(x)) &&
        rangesSize(union) === new Set([...sa, ...sb]).size
      );
    }),
  );
  t.pass();
});

test('subtract punches holes and trims edges', (t) => {
  t.deepEqual(subtractRanges([[31000, 32000]], [[31006, 31009]]), [[31000, 31005], [31010, 32000]]);
  t.deepEqual(subtractRanges([[1, 10]], [[0, 3], [9, 20]]), [[4, 8]]);
  t.deepEqual(subtractRanges([[1, 5], [7, 9]], [[2, 8]]), [[1, 1], [9, 9]]);
  t.false(rangesContain([[1, 5], [7, 9]], [[4, 8]]));
  t.true(rangesContain([[1, 9]], [[4, 8]]));
});

test('take splits off the lowest integers and keeps the rest', (t) => {
  t.deepEqual(takeRanges([[1, 3], [10, 20]], 5), [[[1, 3], [10, 11]], [[12, 20]]]);
  t.deepEqual(takeRanges([[1, 3]], 3), [[[1, 3]], []]);
  t.deepEqual(takeRanges([[1, 3]], 10), [[[1, 3]], []]);
  t.deepEqual(takeRanges([[1, 3]], 0), [[], [[1, 3]]]);
  fc.assert(
    fc.property(normalized, fc.integer({ min: 0, max: 40 }), (list, n) => {
      const [taken, rest] = takeRanges(list, n);
      return rangesSize(taken) === Math.min(n, rangesSize(list)) && rangesEqual(addRanges(taken, rest), list) && subtractRanges(taken, rest).length === taken.length && isNormalized(rest);
    }),
  );
});

test('format matches Mesos text', (t) => {
  t.is(formatRanges([[31000, 31005], [31010, 32000]]), '[31000-31005, 31010-32000]');
  t.is(formatRanges([]), '[]');
});
