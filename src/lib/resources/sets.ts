/**
 * Pure operations on SET values, kept as sorted arrays of distinct strings so that union,
 * difference and containment are linear merges and equality is element-wise.
 */

export type ItemList = readonly string[];

export function normalizeItems(items: Iterable<string>): string[] {
  return [...new Set(items)].sort();
}

export function addItems(a: ItemList, b: ItemList): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++] as string);
  while (j < b.length) out.push(b[j++] as string);
  return out;
}

export function subtractItems(a: ItemList, b: ItemList): string[] {
  const out: string[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] as string) < x) j++;
    if (b[j] !== x) out.push(x);
  }
  return out;
}

export function itemsContain(a: ItemList, b: ItemList): boolean {
  let i = 0;
  for (const y of b) {
    while (i < a.length && (a[i] as string) < y) i++;
    if (a[i] !== y) return false;
  }
  return true;
}

export function itemsEqual(a: ItemList, b: ItemList): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Mesos' text form: `{a, b}`. */
export function formatItems(items: ItemList): string {
  return `{${items.join(', ')}}`;
}
