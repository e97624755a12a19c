/**
 * Pure operations on integer interval lists such as port ranges. Every function takes and returns
 * *normalized* lists: sorted by begin, inclusive bounds, no overlaps and no adjacency
 * ([1-2] and [3-4] are stored as [1-4]). Lists are treated as immutable.
 */

export type Range = readonly [begin: number, end: number];
export type RangeList = readonly Range[];

/** Sorts and merges overlapping or adjacent intervals; input intervals must have begin <= end. */
export function normalizeRanges(input: Iterable<Range>): Range[] {
  const sorted = [...input].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [begin, end] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && begin <= last[1] + 1) {
      if (end > last[1]) last[1] = end;
    } else {
      out.push([begin, end]);
    }
  }
  return out;
}

/** Union of two normalized lists, by a linear merge (no re-sort). */
export function addRanges(a: RangeList, b: RangeList): Range[] {
  if (a.length === 0) return b.slice();
  if (b.length === 0) return a.slice();
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ra = a[i];
    const rb = b[j];
    let next: Range;
    if (rb === undefined || (ra !== undefined && ra[0] <= rb[0])) {
      next = ra as Range;
      i++;
    } else {
      next = rb;
      j++;
    }
    const last = out[out.length - 1];
    if (last !== undefined && next[0] <= last[1] + 1) {
      if (next[1] > last[1]) last[1] = next[1];
    } else {
      out.push([next[0], next[1]]);
    }
  }
  return out;
}

/** Everything in `a` that is not in `b`. */
export function subtractRanges(a: RangeList, b: RangeList): Range[] {
  const out: Range[] = [];
  let j = 0;
  for (const [begin, end] of a) {
    let cursor = begin;
    // Skip the parts of b that end before this interval starts.
    while (j < b.length && (b[j] as Range)[1] < cursor) j++;
    let k = j;
    while (cursor <= end && k < b.length && (b[k] as Range)[0] <= end) {
      const [holeBegin, holeEnd] = b[k] as Range;
      if (holeBegin > cursor) out.push([cursor, holeBegin - 1]);
      cursor = Math.max(cursor, holeEnd + 1);
      k++;
    }
    if (cursor <= end) out.push([cursor, end]);
  }
  return out;
}

/** True when every integer in `b` is also in `a`. */
export function rangesContain(a: RangeList, b: RangeList): boolean {
  let i = 0;
  for (const [begin, end] of b) {
    while (i < a.length && (a[i] as Range)[1] < begin) i++;
    const candidate = a[i];
    // Normalized lists never split a contiguous run, so one interval of `a` must cover it whole.
    if (candidate === undefined || candidate[0] > begin || candidate[1] < end) return false;
  }
  return true;
}

/** How many integers the list covers. */
export function rangesSize(list: RangeList): number {
  let n = 0;
  for (const [begin, end] of list) n += end - begin + 1;
  return n;
}

export function rangesEqual(a: RangeList, b: RangeList): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const ra = a[i] as Range;
    const rb = b[i] as Range;
    if (ra[0] !== rb[0] || ra[1] !== rb[1]) return false;
  }
  return true;
}

/**
 * Splits off the lowest `count` integers (e.g. to hand a task N ports): returns `[taken, rest]`.
 * Takes everything there is when the list holds fewer than `count`.
 */
export function takeRanges(list: RangeList, count: number): [taken: Range[], rest: Range[]] {
  const taken: Range[] = [];
  let remaining = Math.max(0, Math.floor(count));
  let index = 0;
  for (; index < list.length && remaining > 0; index++) {
    const [begin, end] = list[index] as Range;
    const size = end - begin + 1;
    if (size <= remaining) {
      taken.push([begin, end]);
      remaining -= size;
    } else {
      taken.push([begin, begin + remaining - 1]);
      return [taken, [[begin + remaining, end], ...list.slice(index + 1)]];
    }
  }
  return [taken, list.slice(index)];
}

/** Mesos' text form: `[31000-31005, 31010-32000]`. */
export function formatRanges(list: RangeList): string {
  return `[${list.map(([b, e]) => `${b}-${e}`).join(', ')}]`;
}
