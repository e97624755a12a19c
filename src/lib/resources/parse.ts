/**
 * Parsing of the `--resources` flag: Mesos' `name(role):value;...` text or a JSON array of
 * Resource. Produces wire resources; `Resources.parse` validates and normalizes them. Every
 * problem names the offending entry as written, e.g. `'resources[0]': 'cpus:abc': ...`.
 */
import type { FieldProblem } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { ResourceWire } from './wire.ts';
import { parseValueText } from './value-text.ts';
import { validateResource } from './validate.ts';
import { roleProblem, ANY_ROLE } from './roles.ts';

const ENTRY = /^([^():;\s]+)\s*(?:\(([^()]*)\))?\s*:(.*)$/s;

/** Wire resources described by `text`, or a ValidationError listing every bad entry. */
export function parseResourceText(text: string, defaultRole?: string, path = 'resources'): ResourceWire[] {
  if (defaultRole !== undefined) {
    const problem = roleProblem(defaultRole);
    if (problem) throw ValidationError.of('default_role', problem);
  }
  const trimmed = text.trim();
  return trimmed.startsWith('[') ? parseJson(trimmed, defaultRole, path) : parseFlagText(trimmed, defaultRole, path);
}

function parseJson(text: string, defaultRole: string | undefined, path: string): ResourceWire[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw ValidationError.of(path, `not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw ValidationError.of(path, 'must be a JSON array of Resource objects');
  return parsed.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || defaultRole === undefined || defaultRole === ANY_ROLE) return item as ResourceWire;
    const r = item as ResourceWire;
    const unreserved = (r.role === undefined || r.role === null) && (r.reservations === undefined || r.reservations === null || r.reservations.length === 0);
    return unreserved ? { ...r, reservations: [{ type: 'STATIC', role: defaultRole }] } : r;
  });
}

function parseFlagText(text: string, defaultRole: string | undefined, path: string): ResourceWire[] {
  const problems: FieldProblem[] = [];
  const out: ResourceWire[] = [];
  const seenType = new Map<string, { type: string; source: string }>();
  // Empty tokens (a trailing ';') are skipped, as Mesos' tokenizer does.
  const tokens = text.split(';').map((t) => t.trim()).filter((t) => t !== '');
  tokens.forEach((source, index) => {
    const at = `${path}[${index}]`;
    const fail = (message: string): void => {
      problems.push({ path: at, message: `'${source}': ${message}` });
    };
    const m = ENTRY.exec(source);
    if (!m) {
      if (/\([^)]*$/.test(source.split(':')[0] ?? '')) return fail("has an unclosed '('");
      return fail("expected name:value or name(role):value");
    }
    const name = m[1] as string;
    const role = m[2]?.trim();
    const parsed = parseValueText(m[3] as string);
    if ('error' in parsed) return fail(parsed.error);
    if (parsed.type === 'TEXT') return fail(`value '${parsed.text}' is not a number, a range list [a-b, c-d] or a set {a, b}`);
    const resource: ResourceWire = { name, type: parsed.type };
    if (parsed.type === 'SCALAR') resource.scalar = { value: parsed.value };
    else if (parsed.type === 'RANGES') resource.ranges = { range: parsed.ranges };
    else resource.set = { item: parsed.items };
    const effectiveRole = role ?? defaultRole;
    if (role === '') return fail('has an empty role in ()');
    if (effectiveRole !== undefined && effectiveRole !== ANY_ROLE) resource.reservations = [{ type: 'STATIC', role: effectiveRole }];

    const seen = seenType.get(name);
    if (seen && seen.type !== parsed.type) return fail(`'${name}' is ${parsed.type} here but ${seen.type} in '${seen.source}'`);
    seenType.set(name, { type: parsed.type, source });

    const own = validateResource(resource, at);
    if (own.length > 0) {
      for (const p of own) fail(`${p.path.slice(at.length + 1) || 'entry'}: ${p.message}`);
      return;
    }
    out.push(resource);
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return out;
}
