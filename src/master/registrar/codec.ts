/**
 * The registry's stored form: compact JSON, agents sorted by id so equal registries store equal
 * bytes. Parsing validates every entry and names the field at fault, because a store may hold
 * anything (a hand edit, a half-written file from another version).
 *
 *   {"format":1,"agents":[{"id":"…","info":{AgentInfo}}],"unreachable":[{"id":"…","time_ms":N}],"gone":[…]}
 */
import { type FieldProblem, ValidationError } from '../../lib/errors.ts';
import type { AgentInfoWire } from '../wire.ts';
import type { Registry } from './registry.ts';

export const REGISTRY_FORMAT = 1;

export function serializeRegistry(registry: Registry): string {
  const byId = <V>(map: ReadonlyMap<string, V>): [string, V][] => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({
    format: REGISTRY_FORMAT,
    agents: byId(registry.agents).map(([id, info]) => ({ id, info })),
    unreachable: byId(registry.unreachable).map(([id, time]) => ({ id, time_ms: time })),
    gone: byId(registry.gone).map(([id, time]) => ({ id, time_ms: time })),
  });
}

/** Parses stored text; `source` (e.g. the file path) prefixes field paths in errors. */
export function parseRegistry(text: string, source = 'registry'): Registry {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw ValidationError.of(source, `malformed JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return registryFromJson(json, source);
}

/** Validates an already-parsed JSON value as a stored registry. */
export function registryFromJson(json: unknown, source = 'registry'): Registry {
  const problems: FieldProblem[] = [];
  const root = isObject(json) ? json : (problems.push({ path: source, message: 'must be an object' }), {});
  if (isObject(json) && json.format !== REGISTRY_FORMAT) problems.push({ path: `${source}.format`, message: `unsupported format ${JSON.stringify(json.format)} (expected ${REGISTRY_FORMAT})` });

  const agents = new Map<string, AgentInfoWire>();
  for (const [index, entry, path] of entries(root, 'agents', source, problems)) {
    const id = idOf(entry, path, problems);
    if (!isObject(entry.info) || typeof entry.info.hostname !== 'string') problems.push({ path: `${path}.info`, message: 'must be an AgentInfo object with a hostname' });
    else if (id !== undefined) addUnique(agents, id, entry.info as AgentInfoWire, `${source}.agents[${index}].id`, problems);
  }
  const timed = (key: 'unreachable' | 'gone'): Map<string, number> => {
    const map = new Map<string, number>();
    for (const [index, entry, path] of entries(root, key, source, problems)) {
      const id = idOf(entry, path, problems);
      const time = entry.time_ms;
      if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) problems.push({ path: `${path}.time_ms`, message: 'must be a non-negative number' });
      else if (id !== undefined) addUnique(map, id, time, `${source}.${key}[${index}].id`, problems);
    }
    return map;
  };
  const unreachable = timed('unreachable');
  const gone = timed('gone');
  if (problems.length > 0) throw new ValidationError(problems);
  return { agents, unreachable, gone };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function* entries(root: Record<string, unknown>, key: string, source: string, problems: FieldProblem[]): Generator<[number, Record<string, unknown>, string]> {
  const list = root[key];
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    problems.push({ path: `${source}.${key}`, message: 'must be an array' });
    return;
  }
  for (const [index, entry] of list.entries()) {
    const path = `${source}.${key}[${index}]`;
    if (isObject(entry)) yield [index, entry, path];
    else problems.push({ path, message: 'must be an object' });
  }
}

function idOf(entry: Record<string, unknown>, path: string, problems: FieldProblem[]): string | undefined {
  if (typeof entry.id === 'string' && entry.id !== '') return entry.id;
  problems.push({ path: `${path}.id`, message: 'must be a non-empty string' });
  return undefined;
}

function addUnique<V>(map: Map<string, V>, id: string, value: V, path: string, problems: FieldProblem[]): void {
  if (map.has(id)) problems.push({ path, message: `duplicate agent id '${id}'` });
  else map.set(id, value);
}
