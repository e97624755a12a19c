/**
 * Mesos' text forms for `--resources` (`cpus:4;mem(role):8192;ports:[31000-32000];disks:{a,b}`)
 * and `--attributes` (`rack:r1;level:3;ports:[1-5]`), parsed to wire shapes. Errors name the
 * entry at fault. (A shared `Resources.parse` in lib/resources may replace the resource half.)
 */
import type { AttributeWire, RangeWire, ResourceWire } from '../../lib/resources/wire.ts';

export class ResourceTextError extends Error {
  override readonly name = 'ResourceTextError';
}

type Value =
  | { type: 'SCALAR'; scalar: { value: number } }
  | { type: 'RANGES'; ranges: { range: RangeWire[] } }
  | { type: 'SET'; set: { item: string[] } };

function parseRanges(body: string, entry: string): RangeWire[] {
  return body.split(',').map((part) => part.trim()).filter((p) => p !== '').map((part) => {
    const match = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (!match) throw new ResourceTextError(`'${entry}': '${part}' is not a range begin-end`);
    const begin = Number(match[1]);
    const end = Number(match[2]);
    if (begin > end) throw new ResourceTextError(`'${entry}': range ${part} ends before it begins`);
    return { begin, end };
  });
}

function parseValue(text: string, entry: string): Value {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) return { type: 'RANGES', ranges: { range: parseRanges(trimmed.slice(1, -1), entry) } };
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    return { type: 'SET', set: { item: trimmed.slice(1, -1).split(',').map((s) => s.trim()).filter((s) => s !== '') } };
  }
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value) || value < 0) {
    throw new ResourceTextError(`'${entry}': '${trimmed}' is not a non-negative number, [ranges] or {set}`);
  }
  return { type: 'SCALAR', scalar: { value } };
}

function entries(text: string): string[] {
  return text.split(';').map((e) => e.trim()).filter((e) => e !== '');
}

/** Parses `--resources`; a resource without `(role)` gets `defaultRole`. */
export function parseResourceText(text: string, defaultRole = '*'): ResourceWire[] {
  return entries(text).map((entry) => {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new ResourceTextError(`'${entry}': expected name:value`);
    const match = /^([A-Za-z0-9_./-]+)(?:\(([^)]*)\))?$/.exec(entry.slice(0, colon).trim());
    if (!match?.[1]) throw new ResourceTextError(`'${entry}': bad resource name`);
    const role = match[2] ?? defaultRole;
    const resource: ResourceWire = { name: match[1], ...parseValue(entry.slice(colon + 1), entry) };
    if (role !== '*') resource.reservations = [{ type: 'STATIC', role }];
    return resource;
  });
}

/** Parses `--attributes`: numbers are scalars, `[..]` ranges, `{..}` sets, anything else text. */
export function parseAttributeText(text: string): AttributeWire[] {
  return entries(text).map((entry) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new ResourceTextError(`'${entry}': expected name:value`);
    const name = entry.slice(0, colon).trim();
    const raw = entry.slice(colon + 1).trim();
    if (/^[[{]/.test(raw) || /^\d+(\.\d+)?$/.test(raw)) return { name, ...parseValue(raw, entry) };
    return { name, type: 'TEXT', text: { value: raw } };
  });
}
