import test from 'ava';
import fc from 'fast-check';
import { SchedulerCall } from '../v1/scheduler.ts';
import { decode, parseJson } from './decode.ts';
import type { DecodeOptions, Problem, Result } from './context.ts';
import { fieldTable } from './introspect.ts';
import type { FieldInfo } from './introspect.ts';
import type { MessageSchemaOf } from './schema.ts';
import { messageOf } from './arbitrary.testkit.ts';
import type { Json } from './arbitrary.testkit.ts';

// Hostile-input fuzzing of the codec against the largest schema we have, the scheduler Call.
// Valid calls are generated from the schema itself; one field is then broken in a known way, and
// the decoder must report a problem at exactly that field (or inside it) without ever throwing.

const SEED = 20261125;
const LIMITS: DecodeOptions = { maxStringLength: 10_000, maxArrayLength: 1_000 };
// --- places to break ---------------------------------------------------------------------------

interface Site {
  readonly path: string;
  readonly parent: { [key: string]: Json } | Json[];
  readonly key: string | number;
  readonly info: FieldInfo;
  /** True for the whole repeated/map container, false for one element or a singular field. */
  readonly whole: boolean;
}

function sitesOf(schema: MessageSchemaOf<unknown>, value: { [key: string]: Json }, path: string, out: Site[]): Site[] {
  for (const info of fieldTable(schema)) {
    const v = value[info.name];
    if (v === undefined) continue;
    const here = path === '' ? info.name : `${path}.${info.name}`;
    out.push({ path: here, parent: value, key: info.name, info, whole: info.cardinality === 'repeated' || info.cardinality === 'map' });
    if (info.cardinality === 'repeated') {
      (v as Json[]).forEach((element, i) => elementSite(element, `${here}[${i}]`, v as Json[], i, info, out));
    } else if (info.cardinality === 'map') {
      for (const [k, element] of Object.entries(v as { [key: string]: Json })) {
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) elementSite(element, `${here}.${k}`, v as { [key: string]: Json }, k, info, out);
      }
    } else if (info.kind === 'message') {
      sitesOf(info.type as MessageSchemaOf<unknown>, v as { [key: string]: Json }, here, out);
    }
  }
  return out;
}

function elementSite(element: Json, path: string, parent: Site['parent'], key: string | number, info: FieldInfo, out: Site[]): void {
  out.push({ path, parent, key, info, whole: false });
  if (info.kind === 'message') sitesOf(info.type as MessageSchemaOf<unknown>, element as { [key: string]: Json }, path, out);
}

const HUGE = 'x'.repeat(10_001);
const DEEP: Json = (() => {
  let d: Json = [];
  for (let i = 0; i < 100_000; i++) d = [d];
  return d;
})();
const DEEP_OBJECT: Json = (() => {
  let d: Json = {};
  for (let i = 0; i < 100_000; i++) d = { value: d, parent: d };
  return d;
})();

/** Values that are wrong for a field of this kind, whatever the field. */
function wrongValues(info: FieldInfo, whole: boolean): Json[] {
  if (whole) return info.cardinality === 'repeated' ? [{}, 'x', 5, true, DEEP_OBJECT] : [[], 'x', 5, DEEP];
  switch (info.kind) {
    case 'string':
      return [5, true, {}, [], HUGE, DEEP];
    case 'bytes':
      return ['not base64!', 'abc', 'AA=A', '====', 12, HUGE.slice(0, 10_000) + '====', DEEP_OBJECT];
    case 'bool':
      return ['maybe', 1, {}, 'TRUE'];
    case 'int32':
      return [1.5, 2 ** 31, '12abc', 'x', true, {}, '1e3'];
    case 'uint32':
      return [-1, 2 ** 32, 0.5, '-1', [], 'Infinity'];
    case 'int64':
      return [1.25, 2 ** 64, 'zz', {}, false];
    case 'uint64':
      return [-1, 2 ** 65, '3.5', [], 'NaN'];
    case 'double':
      return ['abc', {}, true, [], 'infinity', '1,5', '0x10'];
    case 'enum':
      return [7, true, {}, ['TASK_RUNNING'], DEEP];
    case 'message':
      return ['str', 5, [], true, DEEP];
  }
}

const UNKNOWN_ENUM = 'NOT_A_REAL_VALUE_0xDEADBEEF';

interface Mutation {
  readonly call: Json;
  readonly path: string;
  /** False when the broken input is still valid Mesos JSON (e.g. an unknown optional enum is dropped). */
  readonly invalid: boolean;
  readonly what: string;
}

function mutate(call: { [key: string]: Json }, siteIndex: number, choice: number): Mutation {
  const sites = sitesOf(SchedulerCall, call, '', []);
  if (sites.length === 0) return { call: ['not', 'an', 'object'], path: '', invalid: true, what: 'root is an array' };
  const site = sites[siteIndex % sites.length] as Site;
  const set = (value: Json | undefined) => {
    if (Array.isArray(site.parent)) site.parent[site.key as number] = value === undefined ? null : value;
    else if (value === undefined) delete site.parent[site.key as string];
    else site.parent[site.key as string] = value;
  };
  const options: (() => Mutation)[] = wrongValues(site.info, site.whole).map((bad) => () => {
    set(bad);
    return { call, path: site.path, invalid: true, what: `wrong value for ${site.info.kind}` };
  });
  if (!site.whole && site.info.cardinality === 'required') {
    options.push(() => {
      set(null);
      return { call, path: site.path, invalid: true, what: 'required field nulled' };
    });
    options.push(() => {
      set(undefined);
      return { call, path: site.path, invalid: true, what: 'required field removed' };
    });
  }
  if (!site.whole && site.info.kind === 'enum') {
    // Mesos: unknown names fail required fields only; elsewhere they are dropped.
    options.push(() => {
      set(UNKNOWN_ENUM);
      return { call, path: site.path, invalid: site.info.cardinality === 'required', what: 'unknown enum name' };
    });
  }
  if (!site.whole && site.info.kind === 'message') {
    const required = fieldTable(site.info.type as MessageSchemaOf<unknown>).filter((f) => f.cardinality === 'required');
    if (required.length > 0) {
      options.push(() => {
        set({ unknown_key: DEEP });
        return { call, path: site.path, invalid: true, what: 'message without its required fields' };
      });
    }
  }
  if (Array.isArray(site.parent)) {
    options.push(() => {
      set(null);
      return { call, path: site.path, invalid: true, what: 'null element' };
    });
  }
  return (options[choice % options.length] as () => Mutation)();
}

function pathMatches(problem: Problem, path: string): boolean {
  return problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`);
}

function mustNotThrow(run: () => Result<unknown>): Result<unknown> {
  try {
    return run();
  } catch (error) {
    throw new Error(`decode threw: ${String(error)}`);
  }
}

const validCall = messageOf(SchedulerCall, 0) as fc.Arbitrary<{ [key: string]: Json }>;

test('generated valid scheduler Calls decode without problems', (t) => {
  fc.assert(
    fc.property(validCall, (call) => {
      const r = decode(SchedulerCall, call, LIMITS);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
    }),
    { seed: SEED, numRuns: 500 },
  );
  t.pass();
});

test('10,000 broken scheduler Calls: never a throw, always a problem at the broken field', (t) => {
  const seen = new Map<string, number>();
  let invalid = 0;
  fc.assert(
    fc.property(validCall, fc.nat(), fc.nat(), (call, siteIndex, choice) => {
      const m = mutate(call, siteIndex, choice);
      seen.set(m.what, (seen.get(m.what) ?? 0) + 1);
      const r = mustNotThrow(() => decode(SchedulerCall, m.call, LIMITS));
      if (!m.invalid) {
        if (!r.ok) throw new Error(`${m.what} at ${m.path} should be accepted: ${JSON.stringify(r.problems)}`);
        return;
      }
      invalid++;
      if (r.ok) throw new Error(`${m.what} at ${m.path} was accepted`);
      if (!r.problems.some((p) => pathMatches(p, m.path))) {
        throw new Error(`${m.what} at ${m.path}: problems name other fields: ${JSON.stringify(r.problems.slice(0, 3))}`);
      }
    }),
    { seed: SEED, numRuns: 10_000 },
  );
  // The generator must actually reach every kind of breakage, or the test proves little.
  for (const what of ['required field removed', 'required field nulled', 'unknown enum name', 'null element', 'message without its required fields', 'wrong value for string', 'wrong value for bytes', 'wrong value for enum', 'wrong value for message', 'wrong value for double']) {
    t.true((seen.get(what) ?? 0) > 20, `${what}: ${seen.get(what) ?? 0}`);
  }
  t.true(invalid > 9_000, `invalid mutations: ${invalid}`);
});

test('the same broken Calls sent as JSON text: never a throw, same problems as decode', (t) => {
  fc.assert(
    fc.property(validCall, fc.nat(), fc.nat(), (call, siteIndex, choice) => {
      const m = mutate(call, siteIndex, choice);
      let text: string;
      try {
        text = JSON.stringify(m.call);
      } catch {
        return; // the 100,000-deep values cannot be stringified; decode() covers them above
      }
      const fromText = mustNotThrow(() => parseJson(SchedulerCall, text, LIMITS));
      const direct = decode(SchedulerCall, JSON.parse(text) as unknown, LIMITS);
      if (JSON.stringify(fromText) !== JSON.stringify(direct)) throw new Error('parseJson and decode disagree');
    }),
    { seed: SEED + 1, numRuns: 2_000 },
  );
  t.pass();
});

test('arbitrary JSON values and arbitrary text never make decode or parseJson throw', (t) => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.string(), (value, text) => {
      const r = mustNotThrow(() => decode(SchedulerCall, value));
      // Anything that is not an object must be rejected at the root.
      if ((typeof value !== 'object' || value === null || Array.isArray(value)) && r.ok) throw new Error('non-object accepted');
      mustNotThrow(() => parseJson(SchedulerCall, text));
      mustNotThrow(() => parseJson(SchedulerCall, JSON.stringify({ type: 'ACCEPT', accept: value })));
    }),
    { seed: SEED + 2, numRuns: 2_000 },
  );
  t.pass();
});

test('hostile bodies: a million nested brackets, a 4 MiB string, 100k array elements', (t) => {
  const deepText = `{"type":"ACCEPT","accept":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
  const deep = parseJson(SchedulerCall, deepText);
  t.false(deep.ok);
  t.is(deep.ok ? undefined : deep.problems[0]?.path, 'accept');

  const huge = decode(SchedulerCall, { type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'u', name: 'x'.repeat(4 * 1024 * 1024 + 1) } } });
  t.deepEqual(huge.ok ? [] : huge.problems.map((p) => p.path), ['subscribe.framework_info.name']);

  const many = decode(SchedulerCall, { type: 'ACCEPT', accept: { offer_ids: new Array(100_001).fill({ value: 'o' }) } });
  t.deepEqual(many.ok ? [] : many.problems.map((p) => p.path), ['accept.offer_ids']);

  const manyBad = decode(SchedulerCall, { type: 'ACCEPT', accept: { offer_ids: new Array(100_000).fill({ value: 1 }) } });
  t.false(manyBad.ok);
  t.is(manyBad.ok ? 0 : manyBad.problems.length, 101);
});
