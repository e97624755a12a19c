/**
 * Text forms of resources: Mesos' log/flag style (`cpus:4; disk(role1):100; ports:[1-5]`) and the
 * flattened object that legacy endpoints such as /master/state report.
 */
import type { Entry } from './entry.ts';
import type { DiskInfoWire } from './wire.ts';
import { fromMilli } from './fixed-point.ts';
import { addRanges, formatRanges } from './ranges.ts';
import type { Range } from './ranges.ts';
import { addItems, formatItems } from './sets.ts';

/** Scalars Mesos' legacy JSON always reports, even when zero. */
const ALWAYS_REPORTED = ['cpus', 'gpus', 'mem', 'disk'] as const;

function formatDisk(disk: DiskInfoWire): string {
  const parts: string[] = [];
  const source = disk.source;
  if (source?.type) {
    const root = source.mount?.root ?? source.path?.root;
    parts.push(root === undefined ? source.type : `${source.type}:${root}`);
  }
  if (disk.persistence) parts.push(`${disk.persistence.id}:${disk.volume?.container_path ?? ''}`);
  return `[${parts.join(',')}]`;
}

function formatValue(e: Entry): string {
  switch (e.kind) {
    case 'SCALAR':
      return String(fromMilli(e.milli));
    case 'RANGES':
      return formatRanges(e.ranges);
    case 'SET':
      return formatItems(e.items);
  }
}

export function formatEntry(e: Entry): string {
  let out = e.name;
  if (e.allocationRole !== undefined) out += `(allocated: ${e.allocationRole})`;
  if (e.reservationRole !== undefined) {
    const principal = e.meta.reservations[e.meta.reservations.length - 1]?.principal;
    out += principal === undefined ? `(${e.reservationRole})` : `(${e.reservationRole}, ${principal})`;
  }
  if (e.meta.disk) out += formatDisk(e.meta.disk);
  if (e.meta.revocable) out += '{REV}';
  if (e.meta.shared) out += '<SHARED>';
  const one = `${out}:${formatValue(e)}`;
  return e.counted && e.count > 1 ? Array.from({ length: e.count }, () => one).join('; ') : one;
}

export function formatResources(entries: readonly Entry[]): string {
  return entries.map(formatEntry).join('; ');
}

/**
 * Mesos' `model(Resources)`: scalars summed across reservations, ranges and sets unioned into
 * their text form, and cpus/gpus/mem/disk present even when zero.
 */
export function legacyJson(entries: readonly Entry[]): Record<string, number | string> {
  const scalars = new Map<string, number>(ALWAYS_REPORTED.map((n) => [n, 0]));
  const ranges = new Map<string, readonly Range[]>();
  const items = new Map<string, readonly string[]>();
  for (const e of entries) {
    switch (e.kind) {
      case 'SCALAR':
        scalars.set(e.name, (scalars.get(e.name) ?? 0) + (e.counted && !e.meta.shared ? e.milli * e.count : e.milli));
        break;
      case 'RANGES':
        ranges.set(e.name, addRanges(ranges.get(e.name) ?? [], e.ranges));
        break;
      case 'SET':
        items.set(e.name, addItems(items.get(e.name) ?? [], e.items));
        break;
    }
  }
  const out: Record<string, number | string> = {};
  for (const [name, milli] of scalars) out[name] = fromMilli(milli);
  for (const [name, list] of ranges) out[name] = formatRanges(list);
  for (const [name, list] of items) out[name] = formatItems(list);
  return out;
}
