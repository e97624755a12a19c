import test from 'ava';
import { DEFAULT_REFUSE_SECONDS, MAX_REFUSE_SECONDS, filterDurationMs } from './refuse-duration.ts';

test('refuse_seconds follows Mesos: default 5 s, 0 = none, negative = default, capped at 365 days, at least the interval', (t) => {
  t.is(DEFAULT_REFUSE_SECONDS, 5);
  t.is(filterDurationMs(undefined, 1000), 5000);
  t.is(filterDurationMs(0, 1000), 0);
  t.is(filterDurationMs(-3, 1000), 5000);
  t.is(filterDurationMs(Number.NaN, 1000), 5000);
  t.is(filterDurationMs(10 * MAX_REFUSE_SECONDS, 1000), MAX_REFUSE_SECONDS * 1000);
  t.is(filterDurationMs(0.2, 1000), 1000);
  t.is(filterDurationMs(2.5, 1000), 2500);
});
