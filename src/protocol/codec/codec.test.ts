import test from 'ava';
import { bool, bytes, decode, double, encode, encodeJson, enumOf, field, fieldTable, int32, int64, mapOf, message, parseJson, repeated, str, uint32 } from './index.ts';
import type { Infer, MessageSchemaOf } from './index.ts';

// A small stand-in for Mesos messages, covering every kind and cardinality the codec handles.
const Color = enumOf('test.Color', { RED: 1, GREEN: 2, BLUE: 3 } as const);
const Id = message('test.Id', () => ({ value: field(1, str(), { required: true }) }));
const Item = message('test.Item', () => ({
  id: field(1, Id, { required: true }),
  color: field(2, Color, { required: true }),
  tint: field(3, Color),
  tints: repeated(4, Color),
  weight: field(5, double()),
  count: field(6, int32()),
  size: field(7, int64()),
  port: field(8, uint32()),
  flag: field(9, bool()),
  blob: field(10, bytes()),
  shell: field(11, bool(), { default: true }),
  refuse_seconds: field(12, double(), { default: 5 }),
  role: field(13, str(), { default: '*', deprecated: true }),
  limits: mapOf(14, double()),
  tags: repeated(15, str()),
}));
const Box = message('test.Box', () => ({ items: repeated(1, Item), label: field(2, str()) }));

interface NodeShape { value: string; parent?: NodeShape }
const Node: MessageSchemaOf<NodeShape> = message('test.Node', () => ({ value: field(1, str(), { required: true }), parent: field(2, Node) }));

const minimal = { id: { value: 'a' }, color: 'RED' };

function problemsOf(result: { ok: boolean; problems?: { path: string; message: string }[] }) {
  return result.ok ? [] : (result.problems ?? []);
}

test('unknown keys are ignored', (t) => {
  const r = decode(Item, { ...minimal, nonsense: { deep: [1, 2] }, camelCase: 1 });
  t.deepEqual(r, { ok: true, value: { id: { value: 'a' }, color: 'RED' } });
});

test('null means unset', (t) => {
  const r = decode(Item, { ...minimal, weight: null, tint: null, tags: null });
  t.deepEqual(r, { ok: true, value: { id: { value: 'a' }, color: 'RED' } });
});

test('a missing required field is a problem naming it', (t) => {
  const r = decode(Item, { color: 'RED' });
  t.deepEqual(problemsOf(r), [{ path: 'id', message: 'required field is missing' }]);
});

test('null in a required field counts as missing', (t) => {
  t.deepEqual(problemsOf(decode(Item, { id: null, color: 'RED' })), [{ path: 'id', message: 'required field is missing' }]);
});

test('an unknown enum name fails a required field', (t) => {
  const ps = problemsOf(decode(Item, { id: { value: 'a' }, color: 'PURPLE' }));
  t.is(ps.length, 1);
  t.is(ps[0]?.path, 'color');
  t.regex(ps[0]?.message ?? '', /unknown test\.Color value "PURPLE"/);
});

test('an unknown enum name is dropped from an optional field and from repeated fields', (t) => {
  const r = decode(Item, { ...minimal, tint: 'PURPLE', tints: ['RED', 'PURPLE', 'BLUE'] });
  t.deepEqual(r, { ok: true, value: { id: { value: 'a' }, color: 'RED', tints: ['RED', 'BLUE'] } });
});

test('an enum given as a number is a problem', (t) => {
  t.is(problemsOf(decode(Item, { ...minimal, tint: 2 }))[0]?.path, 'tint');
});

test('numbers and booleans are also accepted as strings', (t) => {
  const r = decode(Item, { ...minimal, weight: '2.5', count: '-7', size: '12345678901', port: '8080', flag: 'true' });
  t.deepEqual(r, { ok: true, value: { ...minimal, weight: 2.5, count: -7, size: 12345678901, port: 8080, flag: true } });
});

test('doubles accept Infinity written as a string, and encode it back that way', (t) => {
  const r = decode(Item, { ...minimal, weight: '-Infinity', limits: { cpus: 'Infinity', mem: 512 } });
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.value.weight, -Infinity);
  t.deepEqual(r.value.limits, { cpus: Infinity, mem: 512 });
  t.is(encodeJson(Item, r.value), '{"id":{"value":"a"},"color":"RED","weight":"-Infinity","shell":true,"refuse_seconds":5,"limits":{"cpus":"Infinity","mem":512}}');
});

test('integers are range- and type-checked', (t) => {
  const ps = problemsOf(decode(Item, { ...minimal, count: 2 ** 31, port: -1, size: 1.5, flag: 'yes', weight: 'abc' }));
  t.deepEqual(ps.map((p) => p.path), ['count', 'port', 'size', 'flag', 'weight']);
});

test('bytes must be standard base64 with padding', (t) => {
  t.true(decode(Item, { ...minimal, blob: 'AAECAwQFBgcICQoLDA0ODw==' }).ok);
  t.true(decode(Item, { ...minimal, blob: '' }).ok);
  for (const bad of ['AAECAwQFBgcICQoLDA0ODw', 'AA-_', 'A===', 'not base64!', 5]) {
    const ps = problemsOf(decode(Item, { ...minimal, blob: bad }));
    t.is(ps.length, 1, String(bad));
    t.is(ps[0]?.path, 'blob');
  }
});

// Problems come in the order of the keys sent, then the required fields that were missing.
test('every problem is collected, each with its full path', (t) => {
  const r = decode(Box, {
    items: [minimal, { id: { value: 3 }, color: 'RED', tags: ['ok', 7] }, { color: 'NOPE', limits: { cpus: 'lots' } }, 'str'],
    label: [],
  });
  t.deepEqual(problemsOf(r).map((p) => p.path), [
    'items[1].id.value',
    'items[1].tags[1]',
    'items[2].color',
    'items[2].limits.cpus',
    'items[2].id',
    'items[3]',
    'label',
  ]);
});

test('a non-object where a message is expected is a problem, not a crash', (t) => {
  for (const bad of [null, 1, 'x', [], true]) {
    const r = decode(Box, bad);
    t.false(r.ok);
    t.is(problemsOf(r)[0]?.path, '');
  }
  t.deepEqual(problemsOf(decode(Box, { items: [[]] })).map((p) => p.path), ['items[0]']);
  t.deepEqual(problemsOf(decode(Box, { items: {} })).map((p) => p.path), ['items']);
});

test('encode emits non-deprecated defaults, set fields, and omits empty repeated fields', (t) => {
  const value: Infer<typeof Item> = { id: { value: 'a' }, color: 'GREEN', tags: [], tints: ['BLUE'], shell: false };
  t.deepEqual(encode(Item, value), { id: { value: 'a' }, color: 'GREEN', tints: ['BLUE'], shell: false, refuse_seconds: 5 });
  t.deepEqual(encode(Item, { ...value, role: 'eng' }), { id: { value: 'a' }, color: 'GREEN', tints: ['BLUE'], shell: false, refuse_seconds: 5, role: 'eng' });
});

test('decode does not invent defaults: an unset field stays unset', (t) => {
  const r = decode(Item, minimal);
  t.true(r.ok && r.value.shell === undefined && r.value.refuse_seconds === undefined);
});

test('self-referential messages decode, and nesting is capped', (t) => {
  const r = decode(Node, { value: 'c', parent: { value: 'p', parent: { value: 'g' } } });
  t.deepEqual(r, { ok: true, value: { value: 'c', parent: { value: 'p', parent: { value: 'g' } } } });
  let deep: unknown = { value: 'leaf' };
  for (let i = 0; i < 10_000; i++) deep = { value: 'n', parent: deep };
  const ps = problemsOf(decode(Node, deep));
  t.is(ps.length, 1);
  t.regex(ps[0]?.message ?? '', /nested deeper than 64/);
  t.true((ps[0]?.path ?? '').startsWith('parent.parent.'));
  t.true(decode(Node, { value: 'a', parent: { value: 'b', parent: { value: 'c' } } }, { maxDepth: 2 }).ok === false);
});

test('size limits: long strings, long arrays, many problems', (t) => {
  t.is(problemsOf(decode(Box, { label: 'x'.repeat(11) }, { maxStringLength: 10 }))[0]?.path, 'label');
  t.is(problemsOf(decode(Box, { items: new Array(11).fill(minimal) }, { maxArrayLength: 10 }))[0]?.path, 'items');
  const ps = problemsOf(decode(Box, { items: new Array(1000).fill({}) }, { maxProblems: 10 }));
  t.is(ps.length, 11);
  t.regex(ps[10]?.message ?? '', /too many problems/);
});

test('a __proto__ map key is stored as data', (t) => {
  const r = parseJson(Item, '{"id":{"value":"a"},"color":"RED","limits":{"__proto__":1}}');
  t.true(r.ok);
  if (!r.ok) return;
  t.deepEqual(Object.keys(r.value.limits ?? {}), ['__proto__']);
  t.is(Object.getPrototypeOf(r.value.limits), Object.prototype);
});

test('parseJson turns malformed JSON into a problem and accepts buffers', (t) => {
  const bad = parseJson(Box, '{"items": [');
  t.false(bad.ok);
  t.regex(problemsOf(bad)[0]?.message ?? '', /malformed JSON/);
  t.deepEqual(parseJson(Box, Buffer.from('{"label":"x"}')), { ok: true, value: { label: 'x' } });
});

test('declaration mistakes fail loudly on first use: duplicate numbers, reserved names', (t) => {
  const Twice = message('test.Twice', () => ({ a: field(1, str()), b: field(1, str()) }));
  t.throws(() => fieldTable(Twice), { message: /field number 1 used twice/ });
  const Reserved = message('test.Reserved', () => ({ constructor: field(1, str()) }));
  t.throws(() => fieldTable(Reserved), { message: /'constructor' is reserved/ });
  // decode itself still never throws: the mistake comes back as a problem.
  t.regex((decode(Reserved, {}) as { problems?: { message: string }[] }).problems?.[0]?.message ?? '', /could not decode/);
});

test('a lone enum or scalar schema decodes like a required field', (t) => {
  t.deepEqual(decode(Color, 'BLUE'), { ok: true, value: 'BLUE' });
  t.false(decode(Color, 'PURPLE').ok);
  t.deepEqual(decode(int32(), '42'), { ok: true, value: 42 });
  t.deepEqual(decode(str(), null), { ok: false, problems: [{ path: '', message: 'required value is missing' }] });
  t.is(encode(double(), Infinity), 'Infinity');
});

test('map keys that are not identifiers are quoted in paths, and long ones cut', (t) => {
  const r = decode(Item, { ...minimal, limits: { 'a.b': 'x', ['k'.repeat(100)]: 'y', cpus: 'z' } });
  t.deepEqual(problemsOf(r).map((p) => p.path), ['limits["a.b"]', `limits["${'k'.repeat(64)}..."]`, 'limits.cpus']);
});
