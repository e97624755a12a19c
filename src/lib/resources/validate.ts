/**
 * Structural and semantic checks of wire `Resource` objects. Input is treated as untrusted JSON
 * (it may come straight from a framework), so every access is checked; each problem names the
 * field by path, and every problem is reported, not only the first.
 */
import type { FieldProblem } from '../errors.ts';
import { roleProblem, ANY_ROLE, isStrictDescendant } from './roles.ts';

const VALUE_TYPES = new Set(['SCALAR', 'RANGES', 'SET']);
// Scalars are kept as integer thousandths; capping one entry at 1e12 units (1e15 thousandths)
// leaves room for sums of thousands of such entries to stay exact integers below 2^53.
const MAX_SCALAR = 1e12;
const RESERVATION_TYPES = new Set(['STATIC', 'DYNAMIC']);
// Resource names go into flags and metric keys; keep them free of the flag syntax's delimiters.
// eslint-disable-next-line no-control-regex
const BAD_NAME = /[\s\x00-\x1f\x7f;:()[\]{}]/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Every problem with a list of resources; `path` prefixes each field path (default 'resources'). */
export function validateResources(list: unknown, path = 'resources'): FieldProblem[] {
  if (!Array.isArray(list)) return [{ path, message: 'must be an array of Resource objects' }];
  const problems: FieldProblem[] = [];
  const typeByName = new Map<string, { type: string; index: number }>();
  list.forEach((item, index) => {
    const at = `${path}[${index}]`;
    problems.push(...validateResource(item, at));
    // Compared even for otherwise-bad entries, so one mistake does not hide another.
    if (isObject(item) && typeof item['name'] === 'string' && typeof item['type'] === 'string' && VALUE_TYPES.has(item['type'])) {
      const name = item['name'];
      const type = item['type'];
      const seen = typeByName.get(name);
      if (seen === undefined) typeByName.set(name, { type, index });
      else if (seen.type !== type) {
        problems.push({ path: `${at}.type`, message: `'${name}' is ${type} here but ${seen.type} at ${path}[${seen.index}]` });
      }
    }
  });
  return problems;
}

/** Every problem with one resource. */
export function validateResource(r: unknown, at: string): FieldProblem[] {
  if (!isObject(r)) return [{ path: at, message: 'must be a Resource object' }];
  const sink = new ProblemSink(at);

  const name = r['name'];
  if (typeof name !== 'string' || name === '') sink.add('name', 'required, a non-empty string');
  else if (BAD_NAME.test(name)) sink.add('name', `'${name}' must not contain whitespace, control characters or any of ;:()[]{}`);

  const type = r['type'];
  if (typeof type !== 'string' || !VALUE_TYPES.has(type)) {
    sink.add('type', `must be SCALAR, RANGES or SET (got ${JSON.stringify(type)})`);
  } else {
    validateValue(r, type, sink);
  }

  validateReservations(r, sink);

  if (isPresent(r['allocation_info'])) {
    const info = r['allocation_info'];
    if (!isObject(info)) sink.add('allocation_info', 'must be an object');
    else if (isPresent(info['role'])) {
      const role = info['role'];
      const problem = typeof role === 'string' ? roleProblem(role) : 'must be a string';
      if (problem) sink.add('allocation_info.role', problem);
    }
  }

  const disk = r['disk'];
  if (isPresent(disk)) {
    if (!isObject(disk)) sink.add('disk', 'must be an object');
    else {
      if (name !== 'disk') sink.add('disk', `DiskInfo is only allowed on 'disk' resources, not '${String(name)}'`);
      const persistence = disk['persistence'];
      if (isPresent(persistence)) {
        if (!isObject(persistence) || typeof persistence['id'] !== 'string' || persistence['id'] === '') {
          sink.add('disk.persistence.id', 'required, a non-empty string');
        }
      }
    }
  }
  for (const flag of ['revocable', 'shared'] as const) {
    if (isPresent(r[flag]) && !isObject(r[flag])) sink.add(flag, 'must be an object');
  }
  if (isPresent(r['shared']) && !(isObject(disk) && isPresent(disk['persistence']))) {
    sink.add('shared', 'only persistent volumes can be shared');
  }
  if (isPresent(r['shared']) && isPresent(r['revocable'])) sink.add('revocable', 'shared resources cannot be revocable');
  const provider = r['provider_id'];
  if (isPresent(provider) && (!isObject(provider) || typeof provider['value'] !== 'string')) {
    sink.add('provider_id.value', 'required, a string');
  }
  return sink.problems;
}

/**
 * Collects problems under one resource's path. A class rather than a closure: tsx's keepNames
 * helper turns every named closure into a defineProperty call, which showed up when profiling.
 */
class ProblemSink {
  readonly problems: FieldProblem[] = [];
  constructor(private readonly at: string) {}

  add(field: string, message: string): void {
    this.problems.push({ path: field ? `${this.at}.${field}` : this.at, message });
  }
}

function badBound(v: unknown): boolean {
  return typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0;
}

function validateValue(r: Record<string, unknown>, type: string, sink: ProblemSink): void {
  if (type === 'SCALAR') {
    const scalar = r['scalar'];
    const value = isObject(scalar) ? scalar['value'] : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) sink.add('scalar.value', 'required for a SCALAR, a finite number');
    else if (value < 0) sink.add('scalar.value', `must not be negative (got ${value})`);
    else if (value > MAX_SCALAR) sink.add('scalar.value', `must be at most ${MAX_SCALAR} (got ${value})`);
  } else if (type === 'RANGES') {
    const ranges = r['ranges'];
    if (!isObject(ranges)) {
      sink.add('ranges', 'required for RANGES');
      return;
    }
    const list = ranges['range'] ?? [];
    if (!Array.isArray(list)) {
      sink.add('ranges.range', 'must be an array');
      return;
    }
    list.forEach((range, i) => {
      const at = `ranges.range[${i}]`;
      if (!isObject(range)) return sink.add(at, 'must be {begin, end}');
      const { begin, end } = range;
      if (badBound(begin)) sink.add(`${at}.begin`, 'required, a non-negative integer');
      if (badBound(end)) sink.add(`${at}.end`, 'required, a non-negative integer');
      if (!badBound(begin) && !badBound(end) && (begin as number) > (end as number)) sink.add(at, `begin ${String(begin)} is greater than end ${String(end)}`);
    });
  } else {
    const set = r['set'];
    if (!isObject(set)) {
      sink.add('set', 'required for SET');
      return;
    }
    const items = set['item'] ?? [];
    if (!Array.isArray(items)) {
      sink.add('set.item', 'must be an array of strings');
      return;
    }
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (typeof item !== 'string') sink.add(`set.item[${i}]`, 'must be a string');
      else if (seen.has(item)) sink.add(`set.item[${i}]`, `duplicate item '${item}'`);
      else seen.add(item);
    });
  }
}

function validateReservations(r: Record<string, unknown>, sink: ProblemSink): void {
  const legacyRole = r['role'];
  if (isPresent(legacyRole)) {
    const problem = typeof legacyRole === 'string' ? roleProblem(legacyRole) : 'must be a string';
    if (problem) sink.add('role', problem);
  }
  const legacyReservation = r['reservation'];
  if (isPresent(legacyReservation)) {
    if (!isObject(legacyReservation)) sink.add('reservation', 'must be an object');
    else if (!isPresent(legacyRole) || legacyRole === ANY_ROLE) sink.add('reservation', `a reservation needs a role other than '*'`);
  }

  const reservations = r['reservations'];
  if (!isPresent(reservations)) return;
  if (!Array.isArray(reservations)) {
    sink.add('reservations', 'must be an array');
    return;
  }
  let previous: { role: string; type: string } | undefined;
  reservations.forEach((reservation, i) => {
    const at = `reservations[${i}]`;
    if (!isObject(reservation)) return sink.add(at, 'must be a ReservationInfo object');
    const type = reservation['type'];
    if (typeof type !== 'string' || !RESERVATION_TYPES.has(type)) sink.add(`${at}.type`, `must be STATIC or DYNAMIC (got ${JSON.stringify(type)})`);
    const role = reservation['role'];
    if (typeof role !== 'string') return sink.add(`${at}.role`, 'required, a string');
    const problem = role === ANY_ROLE ? `cannot reserve for role '*'` : roleProblem(role);
    if (problem) return sink.add(`${at}.role`, problem);
    if (previous !== undefined) {
      if (!isStrictDescendant(role, previous.role)) sink.add(`${at}.role`, `a refined reservation must be for a sub-role of '${previous.role}' (got '${role}')`);
      if (type === 'STATIC' && previous.type === 'DYNAMIC') sink.add(`${at}.type`, 'a static reservation cannot refine a dynamic one');
    }
    previous = { role, type: typeof type === 'string' ? type : '' };
  });
  if (previous !== undefined && typeof legacyRole === 'string' && legacyRole !== ANY_ROLE && legacyRole !== previous.role) {
    sink.add('role', `legacy role '${legacyRole}' disagrees with the reservation role '${previous.role}'`);
  }
}
