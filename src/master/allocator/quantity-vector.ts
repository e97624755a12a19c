/**
 * Scalar quantities as plain number arrays indexed by an interned resource name. The allocator's
 * hot path adds, subtracts and compares these instead of Resources objects: no maps, no strings,
 * no allocation. Values are integer thousandths (Mesos keeps scalars to three decimals), so sums
 * stay exact.
 */

/** Thousandths per kind id; entries past the end count as 0. */
export type QuantityVector = number[];

/** Interns scalar resource names ("cpus", "mem", ...) to small dense ids. */
export class ScalarKinds {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  /** The id if `name` was ever seen, without interning it. */
  find(name: string): number | undefined {
    return this.ids.get(name);
  }

  nameOf(id: number): string {
    return this.names[id] ?? `#${id}`;
  }

  get count(): number {
    return this.names.length;
  }
}

export function addInto(target: QuantityVector, delta: QuantityVector, sign = 1): void {
  for (let k = 0; k < delta.length; k++) {
    // vectors built before a kind was first seen are shorter or sparse: missing means 0
    const d = delta[k];
    if (d) target[k] = (target[k] ?? 0) + sign * d;
  }
}

/** True when every kind in `need` is available in `have`. */
export function covers(have: QuantityVector, need: QuantityVector): boolean {
  for (let k = 0; k < need.length; k++) {
    const n = need[k] as number;
    if (n > 0 && (have[k] ?? 0) < n) return false;
  }
  return true;
}

export function isZero(v: QuantityVector): boolean {
  for (let k = 0; k < v.length; k++) if ((v[k] as number) > 0) return false;
  return true;
}

/**
 * Dominant share: the largest fraction of the cluster total this allocation holds over all
 * scalar kinds. Kinds with no total in the cluster are ignored (nothing to be fair about).
 */
export function dominantShare(allocated: QuantityVector, totals: QuantityVector): number {
  let share = 0;
  const n = Math.min(allocated.length, totals.length);
  for (let k = 0; k < n; k++) {
    const total = totals[k] as number;
    if (total > 0) {
      const s = (allocated[k] ?? 0) / total;
      if (s > share) share = s;
    }
  }
  return share;
}

export function toRecord(v: QuantityVector, kinds: ScalarKinds): Record<string, number> {
  const out: Record<string, number> = {};
  for (let k = 0; k < v.length; k++) {
    const q = v[k];
    if (q) out[kinds.nameOf(k)] = q / 1000;
  }
  return out;
}
