import test from 'ava';
import { FakeClock } from '../lib/clock.ts';
import { ConfigError } from '../lib/errors.ts';
import type { Containerizer } from './containerizer.ts';
import { ContainerizerRegistry } from './registry.ts';

const deps = { clock: new FakeClock(0), workDir: '/tmp/unused' };

test('a backend that cannot start is named with what to do, and the ones built before it are closed', (t) => {
  let closed = 0;
  const registry = new ContainerizerRegistry()
    .register('fine', () => ({ name: 'fine', close: async () => { closed++; } } as unknown as Containerizer))
    .register('broken', () => { throw new Error('no socket at /x.sock'); });
  const error = t.throws(() => registry.create(['fine', 'broken'], deps), { instanceOf: ConfigError });
  t.is(error?.message, "--containerizers: backend 'broken' failed to start: no socket at /x.sock; fix that, or leave 'broken' out of --containerizers");
  t.is(closed, 1);
});

test('unknown names list the known ones; an empty list is refused', (t) => {
  const registry = new ContainerizerRegistry().register('posix', () => ({ name: 'posix' } as unknown as Containerizer));
  t.throws(() => registry.create(['mesos'], deps), { instanceOf: ConfigError, message: /unknown backend 'mesos' \(known: posix\)/ });
  t.throws(() => registry.create([], deps), { instanceOf: ConfigError, message: /at least one/ });
  t.is(registry.create(['posix'], deps)[0]?.name, 'posix');
});
