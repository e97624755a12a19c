/**
 * `Resources`: an immutable bag of Mesos resources with Mesos' arithmetic. Entries with the same
 * identity (name, type, reservations, disk, revocable, shared, provider, allocation role) combine:
 * scalars add in exact thousandths, ranges and sets take unions. Entries with different
 * identities never mix: `cpus(role1):2` does not contain `cpus:1`.
 *
 * Failure policy of `minus`: subtracting something not contained throws
 * `InsufficientResourcesError` (check with `contains` first); `minusClamped` removes whatever
 * part is there instead, for bookkeeping that must never throw.
 */
import type { FieldProblem } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { Resource } from '../../protocol/v1/index.ts';
import type { Entry } from './entry.ts';
import { entryFromWire, entryToWire, withAllocation } from './entry.ts';
import { plusEntries, minusEntries, containsEntries, entriesEqual, normalizeEntries } from './algebra.ts';
import type { Range } from './ranges.ts';
import { addRanges } from './ranges.ts';
import { addItems } from './sets.ts';
import { validateResources } from './validate.ts';
import { parseResourceText } from './parse.ts';
import { formatResources, legacyJson } from './format.ts';
import { fromMilli } from './fixed-point.ts';
import { isRoleOrAncestor, ANY_ROLE } from './roles.ts';
import { ScalarQuantities } from './scalar-quantities.ts';

/** Thrown by `Resources.minus` when the subtrahend is not contained. */
export class InsufficientResourcesError extends Error {
  override readonly name = 'InsufficientResourcesError';
  constructor(readonly available: string, readonly wanted: string) {
    super(`cannot subtract ${wanted} from ${available}: not contained`);
  }
}

export class Resources {
  private static readonly EMPTY = new Resources([]);

  private constructor(private readonly entries: readonly Entry[]) {}

  static empty(): Resources {
    return Resources.EMPTY;
  }

  /**
   * The `--resources` flag: `'cpus:4;mem:8192;ports:[31000-32000];disk(role1):100;zones:{a,b}'`
   * or a JSON array of Resource. Entries without a role get `defaultRole` (a static reservation
   * unless it is '*'). Throws ValidationError naming the entry.
   */
  static parse(text: string, defaultRole?: string): Resources {
    return Resources.fromWire(parseResourceText(text, defaultRole));
  }

  /** Validates then normalizes; throws ValidationError with paths like 'resources[2].scalar.value'. */
  static fromWire(list: readonly Resource[], path = 'resources'): Resources {
    const problems = validateResources(list, path);
    if (problems.length > 0) throw new ValidationError(problems);
    return Resources.of(normalizeEntries(list.map(entryFromWire)));
  }

  /** Every problem with `list`, without throwing. */
  static validate(list: readonly Resource[], path = 'resources'): FieldProblem[] {
    return validateResources(list, path);
  }

  /** The role a single wire entry is reserved for (last of the refined stack), undefined for '*'. */
  static reservationRole(r: Resource): string | undefined {
    const stack = r.reservations;
    if (stack && stack.length > 0) return stack[stack.length - 1]?.role ?? undefined;
    return r.role === undefined || r.role === null || r.role === ANY_ROLE ? undefined : r.role;
  }

  private static of(entries: readonly Entry[]): Resources {
    return entries.length === 0 ? Resources.EMPTY : new Resources(entries);
  }

  /** Normalized wire form: one entry per identity (per copy for shared/atomic disks), refined reservations, ranges merged and sorted. */
  toWire(): Resource[] {
    const out: Resource[] = [];
    for (const e of this.entries) for (const w of entryToWire(e)) out.push(w);
    return out;
  }

  plus(o: Resources): Resources {
    if (o.entries.length === 0) return this;
    if (this.entries.length === 0) return o;
    return new Resources(plusEntries(this.entries, o.entries));
  }

  /** Throws InsufficientResourcesError unless `this.contains(o)`. */
  minus(o: Resources): Resources {
    if (o.entries.length === 0) return this;
    const out = minusEntries(this.entries, o.entries, false);
    if (out === undefined) throw new InsufficientResourcesError(this.toString(), o.toString());
    return Resources.of(out);
  }

  /** Removes whatever part of `o` is present; never throws, never goes negative. */
  minusClamped(o: Resources): Resources {
    if (o.entries.length === 0) return this;
    return Resources.of(minusEntries(this.entries, o.entries, true) ?? []);
  }

  contains(o: Resources): boolean {
    return containsEntries(this.entries, o.entries);
  }

  isEmpty(): boolean {
    return this.entries.length === 0;
  }

  equals(o: Resources): boolean {
    return this === o || entriesEqual(this.entries, o.entries);
  }

  /** Total of scalar `name` across every reservation and allocation, in natural units (0.5). */
  scalar(name: string): number {
    let milli = 0;
    for (const e of this.entries) if (e.name === name && e.kind === 'SCALAR') milli += scalarMilli(e);
    return fromMilli(milli);
  }

  /** Total of every scalar, by name, in natural units. */
  scalars(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, value] of this.quantities().entries()) out.set(name, value);
    return out;
  }

  /** Scalar totals as a mutable `ScalarQuantities` (for the allocator's bookkeeping). */
  quantities(): ScalarQuantities {
    const q = new ScalarQuantities();
    for (const e of this.entries) if (e.kind === 'SCALAR') q.addMilli(e.name, scalarMilli(e));
    return q;
  }

  /** Union of the ranges of `name` across all its entries, sorted and merged. */
  ranges(name: string): Array<[number, number]> {
    let acc: readonly Range[] = [];
    for (const e of this.entries) if (e.name === name && e.kind === 'RANGES') acc = addRanges(acc, e.ranges);
    return acc.map(([b, e]) => [b, e]);
  }

  /** Union of the items of SET `name` across all its entries, sorted. */
  items(name: string): string[] {
    let acc: readonly string[] = [];
    for (const e of this.entries) if (e.name === name && e.kind === 'SET') acc = addItems(acc, e.items);
    return [...acc];
  }

  /** Distinct resource names, sorted. */
  names(): string[] {
    return [...new Set(this.entries.map((e) => e.name))];
  }

  /** Keeps the entries for which `pred` holds; `pred` sees a fresh wire copy of each entry. */
  filter(pred: (r: Resource) => boolean): Resources {
    return this.keep((e) => {
      const [first] = entryToWire(e);
      return first !== undefined && pred(first);
    });
  }

  unreserved(): Resources {
    return this.keep((e) => e.reservationRole === undefined);
  }

  /** With no role: every reserved entry; with a role: entries reserved to exactly that role. */
  reserved(role?: string): Resources {
    return role === undefined ? this.keep((e) => e.reservationRole !== undefined) : this.keep((e) => e.reservationRole === role);
  }

  /** What a framework in `role` may be offered: unreserved, or reserved to `role` or an ancestor of it. */
  allocatableTo(role: string): Resources {
    return this.keep((e) => e.reservationRole === undefined || isRoleOrAncestor(e.reservationRole, role));
  }

  revocable(): Resources {
    return this.keep((e) => e.meta.revocable !== undefined);
  }

  nonRevocable(): Resources {
    return this.keep((e) => e.meta.revocable === undefined);
  }

  /** Every entry with `allocation_info.role = role`. */
  allocate(role: string): Resources {
    return this.reallocate(role);
  }

  /** Every entry without `allocation_info`. */
  unallocate(): Resources {
    return this.reallocate(undefined);
  }

  /** Entries allocated to `role` (undefined: entries with no allocation). */
  allocatedTo(role: string | undefined): Resources {
    return this.keep((e) => e.allocationRole === role);
  }

  /** Roles holding reservations here (the last role of each reservation stack). */
  reservationRoles(): Set<string> {
    const roles = new Set<string>();
    for (const e of this.entries) if (e.reservationRole !== undefined) roles.add(e.reservationRole);
    return roles;
  }

  /** Allocation roles present here; `undefined` stands for entries without allocation_info. */
  allocationRoles(): Set<string | undefined> {
    return new Set(this.entries.map((e) => e.allocationRole));
  }

  /** What both hold: per identity the smaller scalar, the common ranges and set items. */
  intersection(o: Resources): Resources {
    return this.minusClamped(this.minusClamped(o));
  }

  /** Entries whose reservation stack is deeper than one (these cannot be shown to pre-refinement frameworks). */
  refinedReservations(): Resources {
    return this.keep((e) => e.meta.reservations.length > 1);
  }

  /**
   * The wire form frameworks without RESERVATION_REFINEMENT expect: `role` ('*' when unreserved)
   * plus `reservation{principal, labels}` for a dynamic reservation, and no `reservations`.
   * Entries with refined (deeper than one) reservations have no such form and stay refined;
   * the master must not offer them to those frameworks (see `refinedReservations`).
   */
  toPreRefinementWire(): Resource[] {
    return this.toWire().map((w) => {
      const stack = w.reservations ?? [];
      if (stack.length > 1) return w;
      const { reservations: _stack, ...rest } = w;
      const only = stack[0];
      if (only === undefined) return { ...rest, role: ANY_ROLE };
      if (only.type !== 'DYNAMIC') return { ...rest, role: only.role ?? ANY_ROLE };
      const reservation: NonNullable<Resource['reservation']> = {};
      if (only.principal !== undefined) reservation.principal = only.principal;
      if (only.labels !== undefined) reservation.labels = only.labels;
      return { ...rest, role: only.role ?? ANY_ROLE, reservation };
    });
  }

  /** Mesos style: `cpus:4; mem:8192; ports:[31000-32000]; disk(role1):100`. */
  toString(): string {
    return formatResources(this.entries);
  }

  /** The flattened form of /master/state: `{cpus, gpus, mem, disk (0 when absent), ports: '[1-2, 5-9]', sets: '{a, b}'}`. */
  toLegacyJson(): Record<string, number | string> {
    return legacyJson(this.entries);
  }

  toJSON(): Resource[] {
    return this.toWire();
  }

  private keep(pred: (e: Entry) => boolean): Resources {
    const kept = this.entries.filter(pred);
    return kept.length === this.entries.length ? this : Resources.of(kept);
  }

  private reallocate(role: string | undefined): Resources {
    if (this.entries.every((e) => e.allocationRole === role)) return this;
    // Entries are sorted by identity first, so unless two of them differ only in allocation role
    // (then they must merge) swapping the role suffix keeps the order and no re-sort is needed.
    const merges = this.entries.some((e, i) => i > 0 && e.identity === this.entries[i - 1]?.identity);
    const moved = this.entries.map((e) => withAllocation(e, role));
    return Resources.of(merges ? normalizeEntries(moved) : moved);
  }
}

/** Shared resources count once however many holders they have; other counted entries per copy. */
function scalarMilli(e: Entry): number {
  if (!e.counted || e.meta.shared !== undefined) return e.milli;
  return e.milli * e.count;
}
