import test from 'ava';
import { FakeClock } from '../../lib/clock.ts';
import { MAX_TIMER_STEP_MS, setLongTimer } from './long-timer.ts';

test('a wait beyond the platform limit fires only when it is due', (t) => {
  const clock = new FakeClock();
  let fired = 0;
  const yearMs = 365 * 86_400_000;
  setLongTimer(clock, yearMs, () => fired++);
  clock.advance(MAX_TIMER_STEP_MS + 1);
  t.is(fired, 0);
  clock.advance(yearMs - MAX_TIMER_STEP_MS - 2);
  t.is(fired, 0);
  clock.advance(1);
  t.is(fired, 1);
});

test('cancel stops a long wait between steps', (t) => {
  const clock = new FakeClock();
  let fired = 0;
  const handle = setLongTimer(clock, 3 * MAX_TIMER_STEP_MS, () => fired++);
  clock.advance(MAX_TIMER_STEP_MS + 5);
  handle.cancel();
  clock.advance(5 * MAX_TIMER_STEP_MS);
  t.is(fired, 0);
  t.is(clock.pending(), 0);
});

test('an infinite wait never fires', (t) => {
  const clock = new FakeClock();
  let fired = 0;
  setLongTimer(clock, Number.POSITIVE_INFINITY, () => fired++);
  clock.advance(10 * MAX_TIMER_STEP_MS);
  t.is(fired, 0);
});
