/**
 * The internal form of one resource: its identity (everything but the quantity) folded into a
 * string `key`, plus the quantity in a form that makes arithmetic cheap. Two entries with the
 * same key combine into one; a `Resources` is a key-sorted array of entries.
 *
 * "Counted" entries are the ones Mesos refuses to split or merge: shared resources and atomic
 * disks (persistent volumes, MOUNT/BLOCK disks). Their value is part of the identity and their
 * quantity is how many copies there are, so adding one twice and subtracting once leaves one.
 */
import type { ResourceWire, ReservationInfoWire } from './wire.ts';
import type { RangeList } from './ranges.ts';
import type { ItemList } from './sets.ts';
import { normalizeRanges } from './ranges.ts';
import { normalizeItems } from './sets.ts';
import { toMilli, fromMilli } from './fixed-point.ts';
import { ANY_ROLE } from './roles.ts';
import { canonical, identityOf, keyOf, OPTIONAL_IDENTITY_FIELDS } from './identity.ts';
import { cloneJson, stripNulls } from './json.ts';

export type Kind = 'SCALAR' | 'RANGES' | 'SET';

/** The wire resource minus its value and with reservations in the refined (stack) format. */
export type Meta = Readonly<Omit<ResourceWire, 'scalar' | 'ranges' | 'set' | 'role' | 'reservation' | 'type'>> & {
  readonly type: Kind;
  readonly reservations: readonly ReservationInfoWire[];
};

export interface Entry {
  /** `identity` + allocation role: entries combine exactly when their keys are equal. */
  readonly key: string;
  /** Everything but the quantity and `allocation_info`; lets `allocate` re-key without re-serializing. */
  readonly identity: string;
  readonly allocationRole: string | undefined;
  readonly name: string;
  readonly kind: Kind;
  readonly meta: Meta;
  /** Role of the last reservation, undefined when unreserved. */
  readonly reservationRole: string | undefined;
  readonly counted: boolean;
  /** Scalar value in thousandths (per copy when counted). */
  readonly milli: number;
  readonly ranges: RangeList;
  readonly items: ItemList;
  /** Copies of a counted entry; 1 otherwise. */
  readonly count: number;
}

const NO_RANGES: RangeList = Object.freeze([]);
const NO_ITEMS: ItemList = Object.freeze([]);

/** Turns the pre-refinement `role` + `reservation` pair into a reservation stack. */
function reservationStack(r: ResourceWire): ReservationInfoWire[] {
  if (r.reservations && r.reservations.length > 0) {
    // Only the known fields, so stray keys in client JSON cannot split one identity into two.
    return r.reservations.map(({ type, role, principal, labels }) => stripNulls({ type, role, principal, labels }));
  }
  if (r.role === undefined || r.role === null || r.role === ANY_ROLE) return [];
  const legacy = r.reservation;
  if (legacy) return [stripNulls({ type: 'DYNAMIC', role: r.role, principal: legacy.principal, labels: legacy.labels })];
  return [{ type: 'STATIC', role: r.role }];
}

function isAtomicDisk(r: ResourceWire): boolean {
  const disk = r.disk;
  if (!disk) return false;
  if (disk.persistence) return true;
  const t = disk.source?.type;
  return t === 'MOUNT' || t === 'BLOCK' || (t === 'RAW' && disk.source?.id !== undefined);
}

/** Builds an entry from a resource that already passed validation. */
export function entryFromWire(r: ResourceWire): Entry {
  const kind = r.type as Kind;
  const reservations = reservationStack(r);
  const meta: Record<string, unknown> = { name: r.name, type: kind, reservations };
  for (const field of OPTIONAL_IDENTITY_FIELDS) {
    const v = r[field];
    if (v !== undefined && v !== null) meta[field] = cloneJson(v);
  }
  const allocationRole = r.allocation_info?.role ?? undefined;
  const counted = r.shared !== undefined && r.shared !== null ? true : isAtomicDisk(r);
  const milli = kind === 'SCALAR' ? toMilli(r.scalar?.value ?? 0) : 0;
  const ranges = kind === 'RANGES' ? normalizeRanges((r.ranges?.range ?? []).map(rangeFromWire)) : NO_RANGES;
  const items = kind === 'SET' ? normalizeItems(r.set?.item ?? []) : NO_ITEMS;
  const identity = identityOf(r.name, kind, meta, reservations, counted ? canonical({ milli, ranges, items }) : undefined);
  // An empty allocation_info means the same as none, so it is dropped to keep one identity.
  if (allocationRole !== undefined) meta['allocation_info'] = { role: allocationRole };
  const last = reservations[reservations.length - 1];
  // Not frozen (freezing showed up in profiles): entries and their meta never leave this module
  // except as copies (toWire, filter), so nothing outside can mutate them.
  return {
    key: keyOf(identity, allocationRole),
    identity,
    allocationRole,
    name: r.name,
    kind,
    meta: meta as Meta,
    reservationRole: last?.role,
    counted,
    milli,
    ranges,
    items,
    count: 1,
  };
}

// Offers allocate the same few identities to the same few roles over and over; remembering the
// re-keyed meta per (meta, role) keeps `allocate` from rebuilding objects and strings each time.
const allocatedMeta = new WeakMap<Meta, Map<string | undefined, { meta: Meta; key: string }>>();

/** Same entry with `allocation_info.role` set to `role` (or removed when undefined). */
export function withAllocation(e: Entry, role: string | undefined): Entry {
  if (e.allocationRole === role) return e;
  let byRole = allocatedMeta.get(e.meta);
  if (byRole === undefined) {
    byRole = new Map();
    allocatedMeta.set(e.meta, byRole);
  }
  let target = byRole.get(role);
  if (target === undefined) {
    const { allocation_info: _dropped, ...rest } = e.meta;
    const meta = role === undefined ? rest : { ...rest, allocation_info: Object.freeze({ role }) };
    target = { meta: Object.freeze(meta) as Meta, key: keyOf(e.identity, role) };
    byRole.set(role, target);
  }
  return { ...e, key: target.key, allocationRole: role, meta: target.meta };
}

/** Same identity, new quantity. */
export function withQuantity(e: Entry, q: { milli?: number; ranges?: RangeList; items?: ItemList; count?: number }): Entry {
  return {
    key: e.key,
    identity: e.identity,
    allocationRole: e.allocationRole,
    name: e.name,
    kind: e.kind,
    meta: e.meta,
    reservationRole: e.reservationRole,
    counted: e.counted,
    milli: q.milli ?? e.milli,
    ranges: q.ranges ?? e.ranges,
    items: q.items ?? e.items,
    count: q.count ?? e.count,
  };
}

export function isEmptyEntry(e: Entry): boolean {
  if (e.counted) return e.count <= 0;
  switch (e.kind) {
    case 'SCALAR':
      return e.milli <= 0;
    case 'RANGES':
      return e.ranges.length === 0;
    case 'SET':
      return e.items.length === 0;
  }
}

/** The wire form of one copy of `e`; fresh and safe to mutate. */
function oneToWire(e: Entry): ResourceWire {
  const w = cloneJson(e.meta) as unknown as ResourceWire;
  if (w.reservations?.length === 0) delete w.reservations;
  switch (e.kind) {
    case 'SCALAR':
      w.scalar = { value: fromMilli(e.milli) };
      break;
    case 'RANGES':
      w.ranges = { range: e.ranges.map(rangeToWire) };
      break;
    case 'SET':
      w.set = { item: e.items.slice() };
      break;
  }
  return w;
}

function rangeFromWire(r: { begin: number; end: number }): readonly [number, number] {
  return [r.begin, r.end];
}

function rangeToWire(r: readonly [number, number]): { begin: number; end: number } {
  return { begin: r[0], end: r[1] };
}

/**
 * One wire object per copy (counted entries repeat). Written without closures: tsx's keepNames
 * helper makes every named closure cost a defineProperty call, which dominated this function.
 */
export function entryToWire(e: Entry): ResourceWire[] {
  const out = [oneToWire(e)];
  for (let copy = 1; e.counted && copy < e.count; copy++) out.push(oneToWire(e));
  return out;
}
