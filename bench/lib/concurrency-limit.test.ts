import test from 'ava';
import { ConcurrencyLimit } from './concurrency-limit.ts';

test('never runs more than the limit at once, and runs everything in order', async (t) => {
  const limit = new ConcurrencyLimit(2);
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  const releases: (() => void)[] = [];
  const results = Array.from({ length: 5 }, (_, i) => limit.run(async () => {
    started.push(i);
    peak = Math.max(peak, ++running);
    await new Promise<void>((resolve) => releases.push(resolve));
    running--;
    return i * 10;
  }));
  while (started.length < 5) {
    await new Promise((resolve) => setImmediate(resolve));
    releases.shift()?.();
  }
  releases.forEach((release) => release());
  t.deepEqual(await Promise.all(results), [0, 10, 20, 30, 40]);
  t.deepEqual(started, [0, 1, 2, 3, 4]);
  t.is(peak, 2);
});

test('a failing task frees its slot', async (t) => {
  const limit = new ConcurrencyLimit(1);
  await t.throwsAsync(limit.run(() => Promise.reject(new Error('boom'))), { message: 'boom' });
  t.is(await limit.run(() => Promise.resolve('next')), 'next');
});

test('refuses a limit below one', (t) => {
  t.throws(() => new ConcurrencyLimit(0), { message: /positive integer/ });
});
