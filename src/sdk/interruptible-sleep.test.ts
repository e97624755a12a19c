import test from 'ava';
import { FakeClock } from '../lib/clock.ts';
import { InterruptibleSleep } from './interruptible-sleep.ts';

test('wakes when the clock reaches the delay, or at once when interrupted', async (t) => {
  const clock = new FakeClock();
  const sleep = new InterruptibleSleep(clock);
  let woke = false;
  const waiting = sleep.wait(1000).then(() => { woke = true; });
  clock.advance(999);
  await Promise.resolve();
  t.false(woke);
  clock.advance(1);
  await waiting;
  t.true(woke);

  const second = sleep.wait(60_000);
  sleep.interrupt();
  await second;
  t.is(clock.pending(), 0, 'the cut-short timer is cancelled');
});
