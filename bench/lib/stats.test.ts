import test from 'ava';
import { percentile } from './stats.ts';

test('nearest-rank percentiles of unsorted samples', (t) => {
  const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
  t.is(percentile(samples, 50), 5);
  t.is(percentile(samples, 99), 10);
  t.is(percentile(samples, 0), 1);
  t.true(Number.isNaN(percentile([], 50)));
});
