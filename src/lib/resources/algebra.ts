/**
 * Arithmetic on key-sorted entry arrays: linear merges, no maps, no re-sorting, so that
 * plus/minus/contains on a handful of entries cost about a microsecond. Inputs are never mutated;
 * entries whose quantity does not change are shared between inputs and outputs.
 */
import type { Entry } from './entry.ts';
import { withQuantity, isEmptyEntry } from './entry.ts';
import { addRanges, subtractRanges, rangesContain, rangesEqual } from './ranges.ts';
import { addItems, subtractItems, itemsContain, itemsEqual } from './sets.ts';

export type Entries = readonly Entry[];

function combine(a: Entry, b: Entry): Entry {
  if (a.counted) return withQuantity(a, { count: a.count + b.count });
  switch (a.kind) {
    case 'SCALAR':
      return withQuantity(a, { milli: a.milli + b.milli });
    case 'RANGES':
      return withQuantity(a, { ranges: addRanges(a.ranges, b.ranges) });
    case 'SET':
      return withQuantity(a, { items: addItems(a.items, b.items) });
  }
}

/** `a` has at least the quantity of `b` (same key assumed). */
export function entryContains(a: Entry, b: Entry): boolean {
  if (a.counted) return a.count >= b.count;
  switch (a.kind) {
    case 'SCALAR':
      return a.milli >= b.milli;
    case 'RANGES':
      return rangesContain(a.ranges, b.ranges);
    case 'SET':
      return itemsContain(a.items, b.items);
  }
}

export function entryEquals(a: Entry, b: Entry): boolean {
  if (a.key !== b.key) return false;
  if (a.counted) return a.count === b.count;
  switch (a.kind) {
    case 'SCALAR':
      return a.milli === b.milli;
    case 'RANGES':
      return rangesEqual(a.ranges, b.ranges);
    case 'SET':
      return itemsEqual(a.items, b.items);
  }
}

/** `a` minus `b` (same key), clamped at nothing left; undefined when nothing is left. */
function subtract(a: Entry, b: Entry): Entry | undefined {
  let out: Entry;
  if (a.counted) out = withQuantity(a, { count: Math.max(0, a.count - b.count) });
  else {
    switch (a.kind) {
      case 'SCALAR':
        out = withQuantity(a, { milli: Math.max(0, a.milli - b.milli) });
        break;
      case 'RANGES':
        out = withQuantity(a, { ranges: subtractRanges(a.ranges, b.ranges) });
        break;
      case 'SET':
        out = withQuantity(a, { items: subtractItems(a.items, b.items) });
        break;
    }
  }
  return isEmptyEntry(out) ? undefined : out;
}

export function plusEntries(a: Entries, b: Entries): Entry[] {
  const out: Entry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Entry;
    const y = b[j] as Entry;
    if (x.key === y.key) {
      out.push(combine(x, y));
      i++;
      j++;
    } else if (x.key < y.key) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++] as Entry);
  while (j < b.length) out.push(b[j++] as Entry);
  return out;
}

/**
 * `a` minus `b`. With `clamp` false, returns undefined when `b` is not contained in `a` (the
 * caller decides how to fail); with `clamp` true, removes whatever of `b` is there.
 */
export function minusEntries(a: Entries, b: Entries, clamp: boolean): Entry[] | undefined {
  const out: Entry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Entry;
    const y = b[j] as Entry;
    if (x.key === y.key) {
      if (!clamp && !entryContains(x, y)) return undefined;
      const left = subtract(x, y);
      if (left) out.push(left);
      i++;
      j++;
    } else if (x.key < y.key) {
      out.push(x);
      i++;
    } else {
      if (!clamp) return undefined;
      j++;
    }
  }
  if (j < b.length && !clamp) return undefined;
  while (i < a.length) out.push(a[i++] as Entry);
  return out;
}

export function containsEntries(a: Entries, b: Entries): boolean {
  let i = 0;
  for (const y of b) {
    while (i < a.length && (a[i] as Entry).key < y.key) i++;
    const x = a[i];
    if (x === undefined || x.key !== y.key || !entryContains(x, y)) return false;
  }
  return true;
}

export function entriesEqual(a: Entries, b: Entries): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!entryEquals(a[k] as Entry, b[k] as Entry)) return false;
  return true;
}

/** Sorts by key and combines equal keys; drops empty entries. For building, not for hot paths. */
export function normalizeEntries(list: Iterable<Entry>): Entry[] {
  const byKey = new Map<string, Entry>();
  for (const e of list) {
    const seen = byKey.get(e.key);
    byKey.set(e.key, seen ? combine(seen, e) : e);
  }
  return [...byKey.values()].filter((e) => !isEmptyEntry(e)).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
