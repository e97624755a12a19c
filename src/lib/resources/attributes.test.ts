import test from 'ava';
import { parseAttributes } from './attributes.ts';
import { ValidationError } from '../errors.ts';

test('attribute values get their type from their syntax', (t) => {
  t.deepEqual(parseAttributes('rack:r1;zone:z2;cores:8;ports:[1-10];tags:{a,b};ratio:0.5'), [
    { name: 'rack', type: 'TEXT', text: { value: 'r1' } },
    { name: 'zone', type: 'TEXT', text: { value: 'z2' } },
    { name: 'cores', type: 'SCALAR', scalar: { value: 8 } },
    { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 1, end: 10 }] } },
    { name: 'tags', type: 'SET', set: { item: ['a', 'b'] } },
    { name: 'ratio', type: 'SCALAR', scalar: { value: 0.5 } },
  ]);
  t.deepEqual(parseAttributes(''), []);
  t.deepEqual(parseAttributes('host:a.b.example.com'), [{ name: 'host', type: 'TEXT', text: { value: 'a.b.example.com' } }]);
});

test('bad attributes name the entry', (t) => {
  const err = t.throws(() => parseAttributes('rack;ports:[3-1];zone:{a'), { instanceOf: ValidationError });
  t.deepEqual(
    err.problems.map((p) => `${p.path}: ${p.message}`),
    [
      "attributes[0]: 'rack': expected name:value",
      "attributes[1]: 'ports:[3-1]': has a range '3-1' whose begin is greater than its end",
      "attributes[2]: 'zone:{a': has an unclosed '{'",
    ],
  );
});
