import test from 'ava';
import { ScalarQuantities } from './scalar-quantities.ts';
import { Resources } from './resources.ts';

test('adds and subtracts in exact thousandths, clamping at zero', (t) => {
  const q = new ScalarQuantities([['cpus', 0.1], ['mem', 64]]);
  for (let i = 0; i < 9; i++) q.addScalar('cpus', 0.1);
  t.is(q.get('cpus'), 1);
  t.is(q.getMilli('cpus'), 1000);
  q.subtract(new ScalarQuantities([['mem', 100], ['disk', 5]]));
  t.is(q.get('mem'), 0);
  t.deepEqual([...q.names()], ['cpus']);
  t.is(q.get('disk'), 0);
});

test('clone is independent; contains and equals compare every name', (t) => {
  const a = new ScalarQuantities([['cpus', 2], ['mem', 10]]);
  const b = a.clone();
  b.add(new ScalarQuantities([['cpus', 1]]));
  t.is(a.get('cpus'), 2);
  t.is(b.get('cpus'), 3);
  t.true(b.contains(a));
  t.false(a.contains(b));
  t.false(a.equals(b));
  t.true(a.equals(a.clone()));
  t.false(new ScalarQuantities([['cpus', 1]]).equals(new ScalarQuantities([['mem', 1]])));
  t.true(new ScalarQuantities().isEmpty());
  t.is(b.toString(), 'cpus:3; mem:10');
});

test('Resources.quantities sums scalars across reservations and ignores ranges', (t) => {
  const q = Resources.parse('cpus:1;cpus(a):0.5;mem:3;ports:[1-5]').quantities();
  t.deepEqual([...q.entries()], [['cpus', 1.5], ['mem', 3]]);
});
