import test from 'ava';
import { Resources } from './resources.ts';
import { ValidationError } from '../errors.ts';

const problemsOf = (text: string, defaultRole?: string): string[] => {
  try {
    Resources.parse(text, defaultRole);
  } catch (err) {
    if (err instanceof ValidationError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
};

test('flag text: scalars, ranges, sets and static reservations', (t) => {
  const r = Resources.parse(' cpus:4; mem:8192 ;ports:[31000-32000];disk(role1):100;zones:{a,b};gpus(*):1; ');
  t.deepEqual(r.toWire(), [
    { name: 'cpus', type: 'SCALAR', scalar: { value: 4 } },
    { name: 'disk', type: 'SCALAR', scalar: { value: 100 }, reservations: [{ type: 'STATIC', role: 'role1' }] },
    { name: 'gpus', type: 'SCALAR', scalar: { value: 1 } },
    { name: 'mem', type: 'SCALAR', scalar: { value: 8192 } },
    { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 31000, end: 32000 }] } },
    { name: 'zones', type: 'SET', set: { item: ['a', 'b'] } },
  ]);
});

test('flag text: repeated names add up; custom scalars are fine', (t) => {
  const r = Resources.parse('cpus:1;cpus:0.5;ports:[1-2];ports:[3-4, 10-10];foo:3');
  t.is(r.scalar('cpus'), 1.5);
  t.deepEqual(r.ranges('ports'), [[1, 4], [10, 10]]);
  t.is(r.scalar('foo'), 3);
});

test('default role reserves entries that name no role, and * opts out', (t) => {
  const r = Resources.parse('cpus:2;mem(*):10;disk(other):5', 'eng');
  t.true(r.reserved('eng').equals(Resources.parse('cpus(eng):2')));
  t.true(r.unreserved().equals(Resources.parse('mem:10')));
  t.true(r.reserved('other').equals(Resources.parse('disk(other):5')));
  t.true(Resources.parse('cpus:2', '*').unreserved().equals(Resources.parse('cpus:2')));
  t.deepEqual(problemsOf('cpus:1', 'a b'), ["default_role: role 'a b' contains whitespace, a backslash or a control character"]);
});

test('JSON array form, with the default role applied to unreserved entries', (t) => {
  const json = JSON.stringify([
    { name: 'cpus', type: 'SCALAR', scalar: { value: 2 } },
    { name: 'mem', type: 'SCALAR', scalar: { value: 64 }, role: 'ops' },
  ]);
  t.true(Resources.parse(json).equals(Resources.parse('cpus:2;mem(ops):64')));
  t.true(Resources.parse(json, 'eng').equals(Resources.parse('cpus(eng):2;mem(ops):64')));
  t.deepEqual(problemsOf('[{"name":"cpus","type":"SCALAR","scalar":{"value":-2}}]'), ['resources[0].scalar.value: must not be negative (got -2)']);
  t.regex(problemsOf('[{"name":')[0] ?? '', /^resources: not valid JSON/);
  t.deepEqual(problemsOf('[1]'), ['resources[0]: must be a Resource object']);
});

test('bad flag text: each problem names its entry as written', (t) => {
  t.deepEqual(problemsOf('cpus:abc'), ["resources[0]: 'cpus:abc': value 'abc' is not a number, a range list [a-b, c-d] or a set {a, b}"]);
  t.deepEqual(problemsOf('mem:1;ports:[5-1]'), ["resources[1]: 'ports:[5-1]': has a range '5-1' whose begin is greater than its end"]);
  t.deepEqual(problemsOf('cpus:-1'), ["resources[0]: 'cpus:-1': scalar.value: must not be negative (got -1)"]);
  t.deepEqual(problemsOf('ports:[1-5'), ["resources[0]: 'ports:[1-5': has an unclosed '['"]);
  t.deepEqual(problemsOf('zones:{a,b'), ["resources[0]: 'zones:{a,b': has an unclosed '{'"]);
  t.deepEqual(problemsOf('ports:1-5]'), ["resources[0]: 'ports:1-5]': has a ']' without its opening bracket"]);
  t.deepEqual(problemsOf('disk(role1:100'), ["resources[0]: 'disk(role1:100': has an unclosed '('"]);
  t.deepEqual(problemsOf('cpus'), ["resources[0]: 'cpus': expected name:value or name(role):value"]);
  t.deepEqual(problemsOf('cpus:'), ["resources[0]: 'cpus:': has no value"]);
  t.deepEqual(problemsOf('ports:[a-b]'), ["resources[0]: 'ports:[a-b]': has a malformed range 'a-b' (expected begin-end)"]);
  t.deepEqual(problemsOf('zones:{a,a}'), ["resources[0]: 'zones:{a,a}': set.item[1]: duplicate item 'a'"]);
  t.deepEqual(problemsOf('cpus():1'), ["resources[0]: 'cpus():1': has an empty role in ()"]);
  t.regex(problemsOf('cpus(a/../b):1')[0] ?? '', /^resources\[0\]: 'cpus\(a\/\.\.\/b\):1': reservations\[0\]\.role: /);
});

test('bad flag text: conflicting types for one name, and every problem at once', (t) => {
  t.deepEqual(problemsOf('zones:{a};zones:3'), ["resources[1]: 'zones:3': 'zones' is SCALAR here but SET in 'zones:{a}'"]);
  t.deepEqual(problemsOf('cpus:x;mem:-2;ports:[2-1]').map((p) => p.slice(0, 12)), ['resources[0]', 'resources[1]', 'resources[2]']);
});
