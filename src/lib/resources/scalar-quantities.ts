/**
 * Scalar totals by resource name, in integer thousandths, for hot bookkeeping (per-role and
 * per-framework sums in the allocator) where building full `Resources` values would be wasteful.
 *
 * Mutable on purpose, unlike `Resources`: the allocator updates totals in place and `clone()`s
 * when it needs a snapshot. `subtract` clamps at zero, as Mesos' ResourceQuantities does, so a
 * bookkeeping slip cannot produce negative totals that poison share calculations.
 */
import { toMilli, fromMilli } from './fixed-point.ts';

export class ScalarQuantities {
  private readonly milli: Map<string, number>;

  constructor(initial?: Iterable<readonly [name: string, value: number]>) {
    this.milli = new Map();
    if (initial) for (const [name, value] of initial) this.addScalar(name, value);
  }

  /** From a map of thousandths, without rounding (used by `Resources.quantities()`). */
  static fromMilli(entries: Iterable<readonly [name: string, milli: number]>): ScalarQuantities {
    const q = new ScalarQuantities();
    for (const [name, m] of entries) q.addMilli(name, m);
    return q;
  }

  clone(): ScalarQuantities {
    const copy = new ScalarQuantities();
    for (const [k, v] of this.milli) copy.milli.set(k, v);
    return copy;
  }

  /** Quantity in natural units (0.5 cpus), 0 when absent. */
  get(name: string): number {
    return fromMilli(this.milli.get(name) ?? 0);
  }

  /** Quantity in thousandths, 0 when absent. */
  getMilli(name: string): number {
    return this.milli.get(name) ?? 0;
  }

  addScalar(name: string, value: number): this {
    return this.addMilli(name, toMilli(value));
  }

  addMilli(name: string, milli: number): this {
    const next = (this.milli.get(name) ?? 0) + milli;
    if (next > 0) this.milli.set(name, next);
    else this.milli.delete(name);
    return this;
  }

  add(other: ScalarQuantities): this {
    for (const [k, v] of other.milli) this.milli.set(k, (this.milli.get(k) ?? 0) + v);
    return this;
  }

  /** Subtracts, clamping each name at zero (names that reach zero disappear). */
  subtract(other: ScalarQuantities): this {
    for (const [k, v] of other.milli) {
      const next = (this.milli.get(k) ?? 0) - v;
      if (next > 0) this.milli.set(k, next);
      else this.milli.delete(k);
    }
    return this;
  }

  /** True when every quantity of `other` fits in this one. */
  contains(other: ScalarQuantities): boolean {
    for (const [k, v] of other.milli) if ((this.milli.get(k) ?? 0) < v) return false;
    return true;
  }

  isEmpty(): boolean {
    return this.milli.size === 0;
  }

  equals(other: ScalarQuantities): boolean {
    return this.milli.size === other.milli.size && this.contains(other) && other.contains(this);
  }

  names(): IterableIterator<string> {
    return this.milli.keys();
  }

  /** [name, natural units] pairs. */
  *entries(): IterableIterator<[string, number]> {
    for (const [k, v] of this.milli) yield [k, fromMilli(v)];
  }

  toMap(): Map<string, number> {
    return new Map(this.entries());
  }

  toString(): string {
    return [...this.entries()].map(([k, v]) => `${k}:${v}`).join('; ');
  }
}
